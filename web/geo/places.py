"""Place names in Great Britain ("Didsbury", "Ashton under Lyne"), offline, from GeoNames.

The GeoNames file covers the world (about 235,000 places of 500+ people, 80 MB of JSON). We keep only
the GB entries, indexed by a forgiving form of their name, and pick the most populous place where a
name is shared (Leigh -> the town near Wigan, not the Dorset village).
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


def _index_places(places_file: Path) -> dict[str, _Town]:
    index: dict[str, _Town] = {}
    for entry in _gb_entries(places_file):
        if entry.get("countrycode") != "GB":
            continue
        key = place_name_key(entry["name"])
        if key is None:
            continue
        town = _Town(entry["name"], float(entry["latitude"]), float(entry["longitude"]), entry["population"])
        if key not in index or town.population > index[key].population:
            index[key] = town
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
