"""England's councils and which council each postcode is in, offline (data/README.md says where from).

A council is found by its name or a short form people type ("Tameside", "Durham", "Brum"). Which
council a listing is in comes from its venue's postcode, or from the postcode nearest its map point;
a home-visiting area touches every council with a postcode sector centre inside it.
"""

import csv
import gzip
import math
import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from web.geo.places import place_name_key

DATA_DIR = Path(__file__).parent / "data"
COUNCILS_FILE = DATA_DIR / "councils.csv"
POSTCODE_COUNCILS_FILE = DATA_DIR / "postcode_councils.csv.gz"
KINDS = ("unitary", "district", "metropolitan_borough", "london_borough", "county")
# Words around a council's name that people add or leave out: "Tameside Council", "London Borough of
# Camden", "Kent County Council". Stripped from the ends only, never from inside a name.
_LEADING = ("london borough of", "royal borough of", "metropolitan borough of", "borough of", "city of")
_TRAILING = ("metropolitan borough council", "borough council", "county council", "district council")
_TRAILING += ("city council", "council", "borough", "metropolitan borough")
_KM_PER_DEGREE = 111.195


@dataclass(frozen=True)
class Council:
    code: str  # ONS code: E06 unitary, E07 district, E08 metropolitan, E09 London, E10 county
    name: str  # "Tameside"
    kind: str
    county: str | None  # the county council's code, for a district in a two-tier area
    latitude: float  # centre of the council's postcodes
    longitude: float
    short_forms: tuple[str, ...]


@dataclass(frozen=True)
class Sector:
    name: str  # "WN1 1"
    council: str  # the lower-tier council most of its postcodes are in
    latitude: float
    longitude: float


def council_key(text: object) -> str | None:
    """A place_name_key with "Council", "London Borough of" and the like taken off the ends."""
    key = place_name_key(text)
    if key is None:
        return None
    for prefix in _LEADING:
        if key.startswith(prefix + " "):
            key = key.removeprefix(prefix + " ")
            break
    for suffix in _TRAILING:
        if key.endswith(" " + suffix):
            key = key.removesuffix(" " + suffix)
            break
    return key or None


class CouncilData:
    """The councils and the postcode table from one data folder, read once on first use."""

    def __init__(self, councils_file: Path = COUNCILS_FILE, postcodes_file: Path = POSTCODE_COUNCILS_FILE):
        self.councils_file = councils_file
        self.postcodes_file = postcodes_file
        self._lock = threading.Lock()
        self._loaded = False

    def _load(self) -> None:
        if self._loaded:
            return
        with self._lock:
            if self._loaded:
                return
            self.by_code: dict[str, Council] = {}
            self.by_key: dict[str, str] = {}
            self.names: dict[str, str] = {}  # every name and short form -> code, for suggestions
            self.districts_of_county: dict[str, list[str]] = defaultdict(list)
            for council in _read_councils(self.councils_file):
                self.by_code[council.code] = council
                if council.county:
                    self.districts_of_county[council.county].append(council.code)
            for council in self.by_code.values():
                for name in (council.name, *council.short_forms):
                    key = council_key(name)
                    # A council's own name wins over another's short form.
                    if key and (key not in self.by_key or name == council.name):
                        self.by_key[key] = council.code
                        self.names.setdefault(name, council.code)
            self.sectors, self.exceptions = _read_postcodes(self.postcodes_file)
            self.sectors_by_district: dict[str, list[Sector]] = defaultdict(list)
            for sector in self.sectors.values():
                self.sectors_by_district[sector.name.split()[0]].append(sector)
            self._loaded = True

    # --- names ---------------------------------------------------------------------------------------
    def find(self, text: object) -> Council | None:
        self._load()
        key = council_key(text)
        code = self.by_key.get(key) if key else None
        return self.by_code[code] if code else None

    def get(self, code: str) -> Council | None:
        self._load()
        return self.by_code.get(code)

    def all(self) -> list[Council]:
        self._load()
        return list(self.by_code.values())

    def all_names(self) -> dict[str, str]:
        self._load()
        return self.names

    # --- where things are ----------------------------------------------------------------------------
    def of_postcode(self, postcode: str) -> str | None:
        """The lower-tier council of a normalised full postcode ("WN1 1AA"); None outside England."""
        self._load()
        if postcode in self.exceptions:
            return self.exceptions[postcode]
        sector = self.sectors.get(postcode[:-2])
        return sector.council if sector else None

    def sectors_of_district(self, district: str) -> list[Sector]:
        self._load()
        return self.sectors_by_district.get(district, [])

    def nearest_sectors(
        self, latitude: float, longitude: float, limit_km: float
    ) -> list[tuple[float, Sector]]:
        """Sectors whose centre is within limit_km, nearest first."""
        self._load()
        found = []
        dlat = limit_km / _KM_PER_DEGREE
        cos_lat = math.cos(math.radians(latitude))
        for sector in self.sectors.values():
            if abs(sector.latitude - latitude) > dlat:
                continue
            dx = (sector.longitude - longitude) * cos_lat * _KM_PER_DEGREE
            dy = (sector.latitude - latitude) * _KM_PER_DEGREE
            distance = math.hypot(dx, dy)
            if distance <= limit_km:
                found.append((distance, sector))
        found.sort(key=lambda pair: pair[0])
        return found

    def with_counties(self, codes: Iterable[str]) -> tuple[str, ...]:
        """The councils and the county councils above them, sorted."""
        self._load()
        result = set()
        for code in codes:
            council = self.by_code.get(code)
            if council is not None:
                result.add(code)
                if council.county:
                    result.add(council.county)
        return tuple(sorted(result))


def _read_councils(path: Path) -> list[Council]:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return [
            Council(
                code=row["code"],
                name=row["name"],
                kind=row["kind"],
                county=row["county"] or None,
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
                short_forms=tuple(form for form in row["short_forms"].split(";") if form),
            )
            for row in rows
        ]


def _read_postcodes(path: Path) -> tuple[dict[str, Sector], dict[str, str]]:
    sectors: dict[str, Sector] = {}
    exceptions: dict[str, str] = {}
    with gzip.open(path, "rt", encoding="ascii", newline="") as handle:
        for row in csv.reader(line for line in handle if not line.startswith("#")):
            if len(row) == 2:
                exceptions[row[0]] = row[1]
            elif row[2]:
                sectors[row[0]] = Sector(row[0], row[1], float(row[2]), float(row[3]))
    return sectors, exceptions


_default: CouncilData | None = None
_default_guard = threading.Lock()


def council_data() -> CouncilData:
    global _default
    with _default_guard:
        if _default is None:
            _default = CouncilData()
        return _default
