"""Rebuild councils.csv and postcode_councils.csv.gz from an OS Code-Point Open release.

    python -m web.geo.data.build_council_data path/to/codepo_gb.zip

Code-Point Open (Open Government Licence) gives every GB postcode its grid reference, its county code
(E10, two-tier areas only) and its district code (E06 unitary, E07 district, E08 metropolitan borough,
E09 London borough); Doc/Codelist.xlsx in the same zip names the codes. The short forms people type
are not in any open list: they live in SHORT_FORMS below and are checked by the tests.
"""

import csv
import gzip
import io
import sys
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

from pyproj import Transformer

HERE = Path(__file__).parent
ENGLAND = "E92000001"
_SHEET_KINDS = {"CTY": "county", "DIS": "district", "LBO": "london_borough", "MTD": "metropolitan_borough"}
_NO_COORDINATES = "90"
_XLSX = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
# Boundary-Line's names carry the kind of authority; people know the plain name.
_NAME_SUFFIXES = (" London Boro", " District (B)", " District", " County", " (B)", " City")
_NAME_PREFIXES = ("The City of ", "City of ", "County of ")
_NAMES = {
    "E09000001": "City of London",
    "E06000047": "County Durham",
    "E06000053": "Isles of Scilly",
    "E06000052": "Cornwall",
    "E06000010": "Hull",
}
# What people type for a council besides its name (never a name GeoNames gives a bigger town).
SHORT_FORMS = {
    "E06000047": ("Durham", "Durham County"),
    "E06000010": ("Kingston upon Hull",),
    "E08000021": ("Newcastle",),
    "E09000001": ("The City", "Square Mile"),
    "E08000025": ("Brum",),
    "E06000043": ("Brighton", "Hove"),
    "E06000058": ("BCP",),
    "E06000040": ("RBWM",),
    "E09000020": ("RBKC",),
    "E06000050": ("Cheshire West", "CWAC"),
    "E06000062": ("West Northants",),
    "E06000061": ("North Northants",),
    "E06000046": ("IOW",),
}


def _xml(book: zipfile.ZipFile, member: str) -> ET.Element:
    # A file of the OS release the maintainer downloaded, not input from the public.
    return ET.fromstring(book.read(member))  # noqa: S314


def read_codelist(archive: zipfile.ZipFile) -> dict[str, tuple[str, str]]:
    """Code -> (Boundary-Line name, kind) for England's councils, read from Doc/Codelist.xlsx."""
    book = zipfile.ZipFile(io.BytesIO(archive.read("Doc/Codelist.xlsx")))
    strings = [
        "".join(t.text or "" for t in item.iter(f"{_XLSX}t")) for item in _xml(book, "xl/sharedStrings.xml")
    ]
    targets = {rel.get("Id"): rel.get("Target") for rel in _xml(book, "xl/_rels/workbook.xml.rels")}
    councils = {}
    for sheet in _xml(book, "xl/workbook.xml").iter(f"{_XLSX}sheet"):
        kind = _SHEET_KINDS.get(sheet.get("name")) or ("unitary" if sheet.get("name") == "UTA" else None)
        if kind is None:
            continue
        for row in _xml(book, "xl/" + targets[sheet.get(_REL)]).iter(f"{_XLSX}row"):
            cells = []
            for cell in row.iter(f"{_XLSX}c"):
                value = cell.find(f"{_XLSX}v")
                text = "" if value is None else value.text
                cells.append(strings[int(text)] if cell.get("t") == "s" else text)
            if len(cells) >= 2 and cells[1].startswith("E"):
                councils[cells[1]] = (cells[0], kind)
    return councils


def plain_name(code: str, boundary_line_name: str) -> str:
    if code in _NAMES:
        return _NAMES[code]
    name = boundary_line_name
    for suffix in _NAME_SUFFIXES:
        name = name.removesuffix(suffix)
    for prefix in _NAME_PREFIXES:
        name = name.removeprefix(prefix)
    return name.replace("St. ", "St ")


def short_forms(code: str, boundary_line_name: str, name: str) -> tuple[str, ...]:
    """Ours, then the longer official form ("City of Derby") when it differs from the plain name."""
    forms = list(SHORT_FORMS.get(code, ()))
    official = boundary_line_name.removesuffix(" (B)").removesuffix(" London Boro").replace("St. ", "St ")
    if official.removesuffix(" District") != name and official not in forms:
        forms.append(official.removesuffix(" District"))
    return tuple(forms)


def main(zip_path: Path) -> None:
    archive = zipfile.ZipFile(zip_path)
    codelist = read_codelist(archive)
    to_wgs84 = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)
    district_of: dict[str, str] = {}  # postcode -> lower-tier council
    county_of_district: dict[str, Counter] = defaultdict(Counter)
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)  # council -> grid points
    sector_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for member in sorted(archive.namelist()):
        if not (member.startswith("Data/CSV/") and member.endswith(".csv")):
            continue
        with archive.open(member) as raw:
            for row in csv.reader(io.TextIOWrapper(raw, encoding="ascii")):
                postcode, quality, easting, northing, country, _, _, county, district, _ = row
                if country != ENGLAND or not district:
                    continue
                postcode = " ".join((postcode[:-3].strip(), postcode[-3:]))
                district_of[postcode] = district
                if county:
                    county_of_district[district][county] += 1
                if quality != _NO_COORDINATES:
                    point = (float(easting), float(northing))
                    points[district].append(point)
                    sector_points[postcode[:-2]].append(point)
                    if county:
                        points[county].append(point)
    write_councils(codelist, points, county_of_district, to_wgs84)
    write_postcodes(district_of, sector_points, to_wgs84)


def _centre(grid_points: list[tuple[float, float]], to_wgs84: Transformer) -> tuple[float, float]:
    easting = sum(e for e, _ in grid_points) / len(grid_points)
    northing = sum(n for _, n in grid_points) / len(grid_points)
    longitude, latitude = to_wgs84.transform(easting, northing)
    return round(latitude, 5), round(longitude, 5)


def write_councils(codelist, points, county_of_district, to_wgs84) -> None:
    with open(HERE / "councils.csv", "w", newline="", encoding="utf-8") as out:
        out.write(
            "# England's councils: ONS codes, names and kinds from OS Code-Point Open 2025.2.0 (April 2025,\n"
            "# Doc/Codelist.xlsx, boundaries as in Boundary-Line October 2024), centres = mean of each\n"
            "# council's postcodes. Contains OS data (c) Crown copyright and database right 2025.\n"
            "# Short forms are ours. Rebuild: python -m web.geo.data.build_council_data codepo_gb.zip\n"
        )
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(
            ("code", "name", "kind", "county", "latitude", "longitude", "postcodes", "short_forms")
        )
        for code in sorted(codelist):
            name, kind = codelist[code]
            if not points.get(code):
                raise SystemExit(f"{code} {name} has no postcodes")
            county = county_of_district[code].most_common(1)[0][0] if county_of_district.get(code) else ""
            writer.writerow(
                (code, plain_name(code, name), kind, county, *_centre(points[code], to_wgs84),
                 len(points[code]), ";".join(short_forms(code, name, plain_name(code, name))))
            )  # fmt: skip


def write_postcodes(district_of, sector_points, to_wgs84) -> None:
    """One row per sector with the council most of it is in and its centre; then each postcode that is
    in another council. About 3% of England's postcodes are such exceptions."""
    by_sector: dict[str, list[str]] = defaultdict(list)
    for postcode in district_of:
        by_sector[postcode[:-2]].append(postcode)
    # mtime=0: the same release always gives the same bytes, so a rebuild shows no change in git.
    raw = gzip.GzipFile(HERE / "postcode_councils.csv.gz", "wb", mtime=0)
    with io.TextIOWrapper(raw, encoding="ascii", newline="") as out:
        out.write("# sector or postcode,council[,latitude,longitude]. From OS Code-Point Open 2025.2.0.\n")
        for sector in sorted(by_sector):
            postcodes = sorted(by_sector[sector])
            majority = Counter(district_of[p] for p in postcodes).most_common(1)[0][0]
            centre = _centre(sector_points[sector], to_wgs84) if sector_points.get(sector) else ("", "")
            out.write(f"{sector},{majority},{centre[0]},{centre[1]}\n")
            for postcode in postcodes:
                if district_of[postcode] != majority:
                    out.write(f"{postcode},{district_of[postcode]}\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
