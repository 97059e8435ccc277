"""Where things live on disk, which shards a listing belongs to, and the lock that serialises writes.

An index directory holds generations; the file CURRENT names the live one, so a rebuild can write a whole
new generation and swap it in with one atomic rename. Each generation holds one Whoosh index per shard and
a manifest.json describing the grid and each shard's bounding box:

- catalogue: every listing once (searches with no place, counts, spelling vocabulary, where copies live);
- venue_<row>_<col>: listings with a venue in that tile (small tiles: a 5 km search opens a handful);
- visit_<row>_<col>: home-visit listings whose coverage circle touches that tile; a search opens only the
  one tile holding its point, because any area covering the point touches that tile;
- districts: listings whose coverage is a list of postcode districts;
- remote: online and phone services, which match everywhere.
"""

import fcntl
import json
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from search_index.geography import TileGrid
from search_index.types import ListingDocument

CATALOGUE = "catalogue"
REMOTE = "remote"
DISTRICTS = "districts"
VENUE_GRID = TileGrid(lat_step=0.08, lon_step=0.12)  # about 8.9 km x 7.9 km at 53.5 N
VISIT_GRID = TileGrid(lat_step=0.15, lon_step=0.25)  # about 16.7 km x 16.6 km
WRITE_LOCK_TIMEOUT_S = 15.0


class IndexBusyError(RuntimeError):
    """Another process held the index's write lock for too long."""


def shards_for(document: ListingDocument) -> tuple[str, ...]:
    shards = {CATALOGUE}
    for lat, lon in document.venues:
        shards.add(tile_shard("venue", VENUE_GRID.tile_of(lat, lon)))
    for area in document.visiting_areas:
        if area.latitude is not None and area.longitude is not None and area.radius_km:
            for tile in VISIT_GRID.tiles_touching_circle(area.latitude, area.longitude, area.radius_km):
                shards.add(tile_shard("visit", tile))
        if area.districts:
            shards.add(DISTRICTS)
    if document.online or document.by_phone:
        shards.add(REMOTE)
    return tuple(sorted(shards))


def tile_shard(family: str, tile: tuple[int, int]) -> str:
    return f"{family}_{tile[0]}_{tile[1]}"


def shard_bounds(shard: str) -> list[float] | None:
    family, _, tile = shard.partition("_")
    grid = {"venue": VENUE_GRID, "visit": VISIT_GRID}.get(family)
    if grid is None:
        return None
    row, col = (int(part) for part in tile.rsplit("_", 1))
    return [round(value, 6) for value in grid.bounds((row, col))]


def read_current(root: Path) -> Path | None:
    try:
        name = (root / "CURRENT").read_text().strip()
    except FileNotFoundError:
        return None
    return root / name if name else None


def new_generation(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    generation = root / f"gen-{time.time_ns()}-{os.getpid()}"
    generation.mkdir()
    return generation


def make_current(root: Path, generation: Path) -> None:
    """Swap generations atomically, then delete all but the new and the previous one (still being read)."""
    previous = read_current(root)
    pointer = root / f"CURRENT.{os.getpid()}.tmp"
    pointer.write_text(generation.name)
    os.replace(pointer, root / "CURRENT")
    # Only generations older than the previous one go: a newer one may be a rebuild still being written.
    oldest_kept = _started_ns(previous) if previous else _started_ns(generation)
    for old in root.glob("gen-*"):
        if old.is_dir() and old != generation and _started_ns(old) < oldest_kept:
            shutil.rmtree(old, ignore_errors=True)


def _started_ns(generation: Path) -> int:
    return int(generation.name.split("-")[1])


def write_manifest(generation: Path, doc_counts: dict[str, int]) -> None:
    manifest = {
        "venue_grid": [VENUE_GRID.lat_step, VENUE_GRID.lon_step],
        "visit_grid": [VISIT_GRID.lat_step, VISIT_GRID.lon_step],
        "shards": {
            name: {"bounds_swne": shard_bounds(name), "documents": count}
            for name, count in sorted(doc_counts.items())
        },
    }
    temporary = generation / "manifest.json.tmp"
    temporary.write_text(json.dumps(manifest, indent=1))
    os.replace(temporary, generation / "manifest.json")


def read_manifest(generation: Path) -> dict:
    try:
        return json.loads((generation / "manifest.json").read_text())
    except FileNotFoundError:
        return {"shards": {}}


@contextmanager
def write_lock(root: Path, timeout_s: float = WRITE_LOCK_TIMEOUT_S) -> Iterator[None]:
    """One writer at a time across processes; an upsert touches several shards and must not interleave."""
    root.mkdir(parents=True, exist_ok=True)
    with open(root / "write.lock", "a+") as handle:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise IndexBusyError(f"search index at {root} is locked by another writer") from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
