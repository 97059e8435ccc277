"""Distances, the shard grid, and whether a listing reaches a place.

Distances use our own haversine (mean Earth radius 6371.0088 km, as geopy's great_circle does): it runs for
every candidate of every search, and a plain function on floats is several times faster than building geopy
point objects. Results agree with geopy.distance.great_circle to well under a metre at these scales.
"""

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE_LAT = math.pi * EARTH_RADIUS_KM / 180.0
DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
REACH_ORDER = {"venue": 0, "visits": 1, "online": 2, "phone": 2}


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True)
class TileGrid:
    """A fixed lat/lon grid; each tile is one shard. Tile (row, col) covers [row*h, (row+1)*h) degrees."""

    lat_step: float
    lon_step: float

    def tile_of(self, lat: float, lon: float) -> tuple[int, int]:
        return math.floor(lat / self.lat_step), math.floor(lon / self.lon_step)

    def bounds(self, tile: tuple[int, int]) -> tuple[float, float, float, float]:
        """(south, west, north, east) in degrees."""
        row, col = tile
        return row * self.lat_step, col * self.lon_step, (row + 1) * self.lat_step, (col + 1) * self.lon_step

    def tiles_touching_circle(self, lat: float, lon: float, radius_km: float) -> list[tuple[int, int]]:
        """Every tile with any point within radius_km of (lat, lon), by the exact nearest-point distance."""
        dlat = radius_km / KM_PER_DEGREE_LAT
        dlon = radius_km / (KM_PER_DEGREE_LAT * max(0.01, math.cos(math.radians(min(89.0, abs(lat) + dlat)))))
        south, west = self.tile_of(lat - dlat, lon - dlon)
        north, east = self.tile_of(lat + dlat, lon + dlon)
        touching = []
        for row in range(south, north + 1):
            for col in range(west, east + 1):
                s, w, n, e = self.bounds((row, col))
                nearest_lat = min(max(lat, s), n)
                nearest_lon = min(max(lon, w), e)
                # A small margin keeps floating-point edges from dropping a tile the circle grazes.
                if haversine_km(lat, lon, nearest_lat, nearest_lon) <= radius_km + 0.05:
                    touching.append((row, col))
        return touching


class Reachable(Protocol):
    """The record a search reads back from the index (schema.StoredListing)."""

    venues: tuple[tuple[float, float], ...]
    visiting_areas: tuple[tuple[float | None, float | None, float | None, tuple[str, ...]], ...]
    online: bool
    by_phone: bool


@dataclass(frozen=True)
class Place:
    latitude: float
    longitude: float
    district: str | None
    radius_km: float


def nearest_venue_within(venues: tuple[tuple[float, float], ...], place: Place) -> float | None:
    """Distance to the nearest venue, when one is within the place's radius."""
    nearest = None
    for lat, lon in venues:
        # A degree of latitude is never shorter than KM_PER_DEGREE_LAT: a cheap, exact rejection.
        if abs(lat - place.latitude) * KM_PER_DEGREE_LAT > place.radius_km:
            continue
        distance = haversine_km(place.latitude, place.longitude, lat, lon)
        if distance <= place.radius_km and (nearest is None or distance < nearest):
            nearest = distance
    return nearest


def visits_cover(
    areas: tuple[tuple[float | None, float | None, float | None, tuple[str, ...]], ...], place: Place
) -> bool:
    """Areas are (base latitude, base longitude, radius km, postcode districts)."""
    for lat, lon, radius_km, districts in areas:
        if place.district and place.district in districts:
            return True
        if lat is None or lon is None or radius_km is None:
            continue
        if abs(lat - place.latitude) * KM_PER_DEGREE_LAT > radius_km:
            continue
        if haversine_km(place.latitude, place.longitude, lat, lon) <= radius_km:
            return True
    return False


def reach_of(document: Reachable, place: Place | None) -> tuple[str, float | None] | None:
    """How a listing reaches the place, best first (venue in radius, visits, online, phone), or None."""
    if place is None:
        if document.venues:
            return "venue", None
        if document.visiting_areas:
            return "visits", None
        if document.online or document.by_phone:
            return ("online" if document.online else "phone"), None
        # No place asked for, so nothing is filtered out; a listing without a mapped venue is shown as one.
        return "venue", None
    distance = nearest_venue_within(document.venues, place)
    if distance is not None:
        return "venue", distance
    if visits_cover(document.visiting_areas, place):
        return "visits", None
    if document.online:
        return "online", None
    if document.by_phone:
        return "phone", None
    return None


def reach_in_area(document: Reachable, venue_inside: bool, visits_inside: bool) -> tuple[str, None] | None:
    """How a listing reaches a council's area, best first; no distance, since an area has no one point."""
    if venue_inside:
        return "venue", None
    if visits_inside:
        return "visits", None
    if document.online or document.by_phone:
        return ("online" if document.online else "phone"), None
    return None


def open_at(opening_times: tuple[tuple[str, int, int], ...], moment: datetime) -> bool:
    """Open at this local time; a closing time at or before the opening time means it runs past midnight."""
    today = DAY_CODES[moment.weekday()]
    yesterday = DAY_CODES[(moment.weekday() - 1) % 7]
    minute = moment.hour * 60 + moment.minute
    for day, opens, closes in opening_times:
        overnight = closes <= opens
        if day == today and opens <= minute and (overnight or minute < closes):
            return True
        if overnight and day == yesterday and minute < closes:
            return True
    return False
