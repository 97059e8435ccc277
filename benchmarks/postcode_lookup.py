"""How fast postcodes and places resolve: cold loads, warm lookups, and the naive file scan beside them.

Run with `.venv/bin/python benchmarks/postcode_lookup.py [--lookups 5000] [--naive 40]`. Real Code-Point
Open postcodes from the Greater Manchester and Warrington areas, typed in mixed case and spacing.
"""

import argparse
import csv
import gzip
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from web.geo import find_postcode, resolve_location
from web.geo.data_paths import default_places_file, default_postcode_dir
from web.geo.places import PlaceIndex
from web.geo.postcodes import PostcodeTable, grid_to_wgs84, postcode_area, split_postcode

AREAS = ["WN", "M", "SK", "BL", "OL", "WA"]
PLACE_NAMES = ["Didsbury", "wigan", "Leigh", "Hindley", "stockport", "ashton under lyne", "St Helens"]


def seconds(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def percentiles_ms(timings_s: list[float]) -> str:
    cuts = statistics.quantiles(timings_s, n=100, method="inclusive")
    p50, p95, p99 = cuts[49] * 1000, cuts[94] * 1000, cuts[98] * 1000
    return f"p50 {p50:8.4f} ms   p95 {p95:8.4f} ms   p99 {p99:8.4f} ms   max {max(timings_s) * 1000:8.3f} ms"


def as_typed(postcode: str, chooser: random.Random) -> str:
    """The postcode as people type it: lower case, no space, extra spaces."""
    return chooser.choice([postcode, postcode.lower(), postcode.replace(" ", ""), f" {postcode.lower()}  "])


def time_each(inputs: list[str], lookup: Callable[[str], object]) -> list[float]:
    timings = []
    for text in inputs:
        started = time.perf_counter()
        found = lookup(text)
        timings.append(time.perf_counter() - started)
        if found is None:
            raise SystemExit(f"{text!r} did not resolve: the benchmark would be measuring misses")
    return timings


def naive_scan(postcode_dir: Path, text: str) -> tuple[float, float] | None:
    """Read the area's CSV.gz from the top until the postcode turns up, as a lookup with no cache would."""
    parts = split_postcode(text)
    if parts is None:
        return None
    postcode = " ".join(parts)
    with gzip.open(postcode_dir / f"{postcode_area(parts[0]).lower()}.csv.gz", "rt", newline="") as rows:
        for code, _quality, easting, northing in csv.reader(rows):
            if code == postcode:
                longitude, latitude = grid_to_wgs84().transform(float(easting), float(northing))
                return latitude, longitude
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lookups", type=int, default=5000, help="warm lookups to time")
    parser.add_argument("--naive", type=int, default=40, help="lookups to time with the naive file scan")
    parser.add_argument("--seed", type=int, default=2)
    options = parser.parse_args()
    chooser = random.Random(options.seed)
    postcode_dir = default_postcode_dir()

    print(f"Postcode data: {postcode_dir}")
    seconds(grid_to_wgs84)  # pyproj's one-off start-up cost, not an area's
    fresh = PostcodeTable(postcode_dir)
    for area in AREAS:
        load = seconds(lambda area=area: fresh.area(area))
        count = len(fresh.area(area).postcodes)
        print(f"cold load of area {area:<2}: {load * 1000:7.1f} ms  ({count:6} postcodes)")
    place_load = seconds(lambda: PlaceIndex(default_places_file()).find("Wigan"))
    print(f"cold load of GB place names: {place_load * 1000:7.1f} ms")

    real_postcodes = [postcode for area in AREAS for postcode in fresh.area(area).postcodes]
    sample = chooser.sample(real_postcodes, options.lookups)
    typed = [as_typed(postcode, chooser) for postcode in sample]
    for area in AREAS:  # warm the shared table the public functions use
        find_postcode(f"{area}1")

    print(f"\nWarm lookups, {len(typed)} random real postcodes from {', '.join(AREAS)}:")
    print(f"  find_postcode      {percentiles_ms(time_each(typed, find_postcode))}")
    print(f"  resolve_location   {percentiles_ms(time_each(typed, resolve_location))}")
    districts = sorted({postcode.split()[0] for postcode in sample})
    district_inputs = [chooser.choice(districts).lower() for _ in range(options.lookups)]
    print(f"  district           {percentiles_ms(time_each(district_inputs, find_postcode))}")
    resolve_location("Wigan")  # load place names before timing them
    place_inputs = [chooser.choice(PLACE_NAMES) for _ in range(options.lookups)]
    print(f"  place name         {percentiles_ms(time_each(place_inputs, resolve_location))}")

    naive_inputs = typed[: options.naive]
    print(f"\nSide by side on the same {len(naive_inputs)} postcodes:")
    naive_timings = time_each(naive_inputs, lambda text: naive_scan(postcode_dir, text))
    print(f"  naive CSV.gz scan  {percentiles_ms(naive_timings)}")
    print(f"  find_postcode      {percentiles_ms(time_each(naive_inputs, find_postcode))}")


if __name__ == "__main__":
    main()
