"""GB postcodes, postcode sectors and districts, offline, from OS Code-Point Open.

The data is one gzipped CSV per postcode area (the leading letters: "WN", "M", "SK"), with rows of
postcode, positional quality, easting and northing on the British National Grid. An area is read the
first time someone asks for a postcode in it and kept in memory, so a warm lookup is a dict access.
"""

import csv
import gzip
import re
import threading
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pyproj import Transformer

from web.geo.data_paths import default_postcode_dir
from web.geo.place import DISTRICT, POSTCODE, SECTOR, Place

# The UK postcode format: first letter never Q, V or X; second never I, J or Z; a letter in third place
# (A9A) only from ABCDEFGHJKPSTUW, in fourth place (AA9A) only from ABEHMNPRVWXY; the inward code's
# letters never C, I, K, M, O or V.
_OUTWARD = r"[A-PR-UWYZ](?:[0-9][0-9]?|[A-HK-Y][0-9][0-9]?|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY])"
_INWARD = r"[0-9][ABD-HJLNP-UW-Z]{2}"
_FULL_POSTCODE = re.compile(f"({_OUTWARD})({_INWARD})")
_DISTRICT = re.compile(_OUTWARD)
# A sector is the outward code and the inward code's digit, and only a space tells "WN1 1" from "WN11".
_SECTOR = re.compile(f"({_OUTWARD})[ \t\u00a0]+([0-9])", re.IGNORECASE)
# Spaces people type or paste between and around the halves; anything else makes the input invalid.
_SPACING = re.compile("[ \t\u00a0]+")
# Longer than any postcode with generous spacing: refuse before doing any work on it.
_MAX_INPUT_LENGTH = 32
# Code-Point Open marks postcodes it has no grid reference for with this positional quality.
_NO_COORDINATES = "90"


@dataclass(frozen=True)
class PostcodeArea:
    postcodes: dict[str, tuple[float, float]]  # "WN1 1AA" -> (latitude, longitude)
    districts: dict[str, tuple[float, float]]  # "WN1" -> centroid of its postcodes
    sectors: dict[str, tuple[float, float]]  # "WN1 1" -> centroid of its postcodes
    unlocated: frozenset[str]  # real postcodes the data gives no grid reference for


def compact_postcode_text(text: object) -> str | None:
    """Upper-case text with the spacing removed, or None if it cannot be part of a postcode."""
    if not isinstance(text, str) or len(text) > _MAX_INPUT_LENGTH:
        return None
    compact = _SPACING.sub("", text)
    # ASCII only: some Unicode letters upper-case into ASCII ones ("ﬀ" -> "FF").
    if not compact.isascii() or not compact.isalnum():
        return None
    return compact.upper()


def split_postcode(text: object) -> tuple[str, str] | None:
    """(outward, inward) of a well-formed full postcode, whatever its case or spacing."""
    compact = compact_postcode_text(text)
    match = _FULL_POSTCODE.fullmatch(compact) if compact else None
    return (match[1], match[2]) if match else None


def normalise_district(text: object) -> str | None:
    """The outward code ("WN1") of well-formed district text, or None."""
    compact = compact_postcode_text(text)
    return compact if compact and _DISTRICT.fullmatch(compact) else None


def normalise_postcode(text: object) -> str | None:
    parts = split_postcode(text)
    return f"{parts[0]} {parts[1]}" if parts else None


def normalise_sector(text: object) -> str | None:
    """ "WN1 1" from sector text in any case or spacing, or None (a postcode or district is not one)."""
    if not isinstance(text, str) or len(text) > _MAX_INPUT_LENGTH:
        return None
    match = _SECTOR.fullmatch(text.strip())
    return f"{match[1].upper()} {match[2]}" if match else None


def postcode_district(text: object) -> str | None:
    """Outward code of a full postcode or a district, by format alone (no data is read)."""
    parts = split_postcode(text)
    return parts[0] if parts else normalise_district(text)


def postcode_area(outward: str) -> str:
    """The one or two letters a well-formed outward code starts with: "WN" of "WN1", "M" of "M20"."""
    return outward[:2] if outward[1].isalpha() else outward[:1]


@cache
def grid_to_wgs84() -> Transformer:
    # always_xy: eastings/northings in, longitude/latitude out, whatever the CRS axis order says.
    return Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)


# pyproj transformers are not documented as safe to share between threads; areas may load in parallel.
_transform_lock = threading.Lock()


def _to_lat_lon(eastings: list[float], northings: list[float]) -> list[tuple[float, float]]:
    if not eastings:
        return []
    with _transform_lock:
        longitudes, latitudes = grid_to_wgs84().transform(eastings, northings)
    return [(round(lat, 6), round(lon, 6)) for lat, lon in zip(latitudes, longitudes, strict=True)]


def load_area(csv_gz: Path) -> PostcodeArea:
    """Read one area's Code-Point Open file; a missing file is an area with no postcodes."""
    if not csv_gz.is_file():
        return PostcodeArea({}, {}, {}, frozenset())
    codes: list[str] = []
    eastings: list[float] = []
    northings: list[float] = []
    unlocated: set[str] = set()
    district_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    sector_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    with gzip.open(csv_gz, "rt", newline="", encoding="ascii") as rows:
        for code, quality, easting, northing, *_ in csv.reader(rows):
            parts = split_postcode(code)
            if parts is None:
                continue
            postcode = f"{parts[0]} {parts[1]}"
            if quality == _NO_COORDINATES:
                unlocated.add(postcode)
                continue
            codes.append(postcode)
            eastings.append(float(easting))
            northings.append(float(northing))
            district_points[parts[0]].append((float(easting), float(northing)))
            sector_points[postcode[:-2]].append((float(easting), float(northing)))
    return PostcodeArea(
        postcodes=dict(zip(codes, _to_lat_lon(eastings, northings), strict=True)),
        districts=_centroids(district_points),
        sectors=_centroids(sector_points),
        unlocated=frozenset(unlocated),
    )


def _centroids(points: dict[str, list[tuple[float, float]]]) -> dict[str, tuple[float, float]]:
    # Centroids are averaged on the flat grid, then converted, so they are true to the map.
    names = list(points)
    centre_e = [sum(e for e, _ in points[name]) / len(points[name]) for name in names]
    centre_n = [sum(n for _, n in points[name]) / len(points[name]) for name in names]
    return dict(zip(names, _to_lat_lon(centre_e, centre_n), strict=True))


class PostcodeTable:
    """Postcode areas from one data folder, each loaded once on first use; safe across threads."""

    def __init__(self, directory: Path):
        self.directory = directory
        self._areas: dict[str, PostcodeArea] = {}
        self._area_locks: dict[str, threading.Lock] = {}
        self._area_locks_guard = threading.Lock()

    def area(self, letters: str) -> PostcodeArea:
        loaded = self._areas.get(letters)
        if loaded is not None:
            return loaded
        with self._area_locks_guard:
            lock = self._area_locks.setdefault(letters, threading.Lock())
        # One lock per area: a slow first load of "M" does not hold up a lookup in "WN".
        with lock:
            loaded = self._areas.get(letters)
            if loaded is None:
                # letters come from the postcode regex, so they can only name a file in this folder.
                loaded = load_area(self.directory / f"{letters.lower()}.csv.gz")
                self._areas[letters] = loaded
        return loaded

    def area_of(self, outward: str) -> PostcodeArea:
        return self.area(postcode_area(outward))

    def find(self, text: object) -> Place | None:
        parts = split_postcode(text)
        if parts is not None:
            outward, inward = parts
            postcode = f"{outward} {inward}"
            area = self.area_of(outward)
            if (point := area.postcodes.get(postcode)) is not None:
                return Place(postcode, point[0], point[1], POSTCODE, postcode, outward)
            if postcode in area.unlocated:
                # A real postcode with no grid reference (often a new one): its district is the best we know.
                return self._district_place(area, outward)
            return None
        district = normalise_district(text)
        return self._district_place(self.area_of(district), district) if district else None

    def find_sector(self, text: object) -> Place | None:
        """A postcode sector ("WN1 1"): its centre, with its district for home-visit areas."""
        sector = normalise_sector(text)
        if sector is None:
            return None
        district = sector.split()[0]
        point = self.area_of(district).sectors.get(sector)
        return Place(sector, point[0], point[1], SECTOR, None, district) if point else None

    @staticmethod
    def _district_place(area: PostcodeArea, district: str) -> Place | None:
        point = area.districts.get(district)
        return Place(district, point[0], point[1], DISTRICT, None, district) if point else None


_default_table: PostcodeTable | None = None
_default_table_guard = threading.Lock()


def postcode_table() -> PostcodeTable:
    global _default_table
    with _default_table_guard:
        if _default_table is None:
            _default_table = PostcodeTable(default_postcode_dir())
        return _default_table


def use_postcode_dir(directory: Path | None) -> None:
    """Read postcodes from another Code-Point Open CSV folder from now on; None: the package's data."""
    global _default_table
    with _default_table_guard:
        _default_table = PostcodeTable(directory) if directory is not None else None
