"""Place names in Great Britain ("Didsbury", "Ashton under Lyne"), offline, from GeoNames.

The GeoNames file covers the world (about 235,000 places of 500+ people, 80 MB of JSON). We keep only
the GB entries, indexed by a forgiving form of their name, and pick the most populous place where a
name is shared (Leigh -> the town near Wigan, not the Dorset village).

A place is also found by the short form of its name that people use ("Ashton" for Ashton-under-Lyne):
an alternate name that is the first words of its own name. Other alternate names are mostly other
languages' spellings ("Stokport") and airport codes, which would hide a mistyped name instead of
offering the right one. A place's own name beats another's short form unless that place is far bigger.
"""

import json
import re
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from web.geo.data_paths import default_places_file
from web.geo.place import PLACE, Place

_MAX_INPUT_LENGTH = 80
_WORD = re.compile("[a-z0-9]+")
# Both spellings index and search as one word, so "St Helens", "St. Helens" and "Saint Helens" meet.
_SAINT_ABBREVIATIONS = {"st": "saint", "ste": "sainte"}
_GB_MARKER = '"countrycode": "GB"'
_ENTRY_START = '{"geonameid"'
# A short form wins over a place's own name only for a town this many times its size.
_SHORT_FORM_MUST_OUTWEIGH = 10
_SHORTEST_SHORT_FORM = 4


@dataclass(frozen=True)
class _Town:
    name: str
    latitude: float
    longitude: float
    population: int


def place_name_key(text: object) -> str | None:
    """A name with case, accents, punctuation, spacing and "St"/"Saint" differences taken out."""
    if not isinstance(text, str) or len(text) > _MAX_INPUT_LENGTH:
        return None
    if any(unicodedata.category(character) == "Cc" for character in text):
        return None
    # Strip accents, then drop apostrophes so "King's Lynn" and "Kings Lynn" meet.
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    plain = plain.replace("'", "")
    words = [_SAINT_ABBREVIATIONS.get(word, word) for word in _WORD.findall(plain)]
    return " ".join(words) or None


def _gb_entries(places_file: Path) -> list[dict]:
    """The GB entries of the GeoNames JSON, without building Python objects for the other 229,000."""
    text = places_file.read_text(encoding="utf-8")
    decoder = json.JSONDecoder()
    entries = []
    position = text.find(_GB_MARKER)
    while position != -1:
        start = text.rfind(_ENTRY_START, 0, position)
        entry, end = decoder.raw_decode(text, start)
        entries.append(entry)
        position = text.find(_GB_MARKER, end)
    if entries:
        return entries
    # The file's layout is not what the fast scan expects: read it the slow, certain way.
    everything = json.loads(text)
    return [entry for entry in everything.values() if entry.get("countrycode") == "GB"]


def short_forms(name_key: str, alternate_names: list[str]) -> set[str]:
    """Keys of the alternate names that are the first whole words of the name ("ashton")."""
    forms = set()
    for alternate in alternate_names:
        key = place_name_key(alternate) if alternate.isascii() else None
        if key and key != name_key and len(key) >= _SHORTEST_SHORT_FORM and name_key.startswith(key + " "):
            forms.add(key)
    return forms


def _index_places(places_file: Path) -> dict[str, _Town]:
    index: dict[str, _Town] = {}
    by_short_form: dict[str, _Town] = {}
    for entry in _gb_entries(places_file):
        if entry.get("countrycode") != "GB":
            continue
        key = place_name_key(entry["name"])
        if key is None:
            continue
        town = _Town(entry["name"], float(entry["latitude"]), float(entry["longitude"]), entry["population"])
        if key not in index or town.population > index[key].population:
            index[key] = town
        for form in short_forms(key, entry.get("alternatenames") or []):
            if form not in by_short_form or town.population > by_short_form[form].population:
                by_short_form[form] = town
    for form, town in by_short_form.items():
        own = index.get(form)
        if own is None or town.population >= _SHORT_FORM_MUST_OUTWEIGH * max(1, own.population):
            index[form] = town
    return index


class PlaceIndex:
    """GB places from one GeoNames file, read once on first use; safe across threads."""

    def __init__(self, places_file: Path):
        self.places_file = places_file
        self._index: dict[str, _Town] | None = None
        self._load_lock = threading.Lock()

    def _towns(self) -> dict[str, _Town]:
        if self._index is None:
            with self._load_lock:
                if self._index is None:
                    self._index = _index_places(self.places_file)
        return self._index

    def names(self) -> dict[str, int]:
        """Every place's own name with its population (for suggesting spellings)."""
        return {town.name: town.population for town in self._towns().values()}

    def find(self, text: object) -> Place | None:
        # "Didsbury, Manchester": the first part names the place; the rest only narrows it for people.
        candidates = [text]
        if isinstance(text, str) and "," in text:
            candidates.append(text.split(",", 1)[0])
        for candidate in candidates:
            key = place_name_key(candidate)
            town = self._towns().get(key) if key else None
            if town is not None:
                return Place(town.name, town.latitude, town.longitude, PLACE, None, None)
        return None


_default_index: PlaceIndex | None = None
_default_index_guard = threading.Lock()


def place_index() -> PlaceIndex:
    global _default_index
    with _default_index_guard:
        if _default_index is None:
            _default_index = PlaceIndex(default_places_file())
        return _default_index


def use_places_file(places_file: Path | None) -> None:
    """Read place names from another GeoNames JSON file from now on; None: the package's data."""
    global _default_index
    with _default_index_guard:
        _default_index = PlaceIndex(places_file) if places_file is not None else None
