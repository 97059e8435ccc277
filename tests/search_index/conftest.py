"""Small hand-made listings around Wigan town centre (WN1 1AA), indexed in a temporary folder."""

import math
from dataclasses import replace

import pytest

from search_index import DirectoryIndex, ListingDocument, SearchQuery

WIGAN = (53.5449, -2.6313)


def km_from_wigan(north_km: float = 0.0, east_km: float = 0.0) -> tuple[float, float]:
    lat, lon = WIGAN
    return (lat + north_km / 111.195, lon + east_km / (111.195 * math.cos(math.radians(lat))))


def listing(service_id: str, **fields) -> ListingDocument:
    defaults = {"name": f"Listing {service_id}", "kind": "community_asset", "summary": "A local group."}
    return ListingDocument(service_id=service_id, **(defaults | fields))


def near_wigan(**fields) -> SearchQuery:
    lat, lon = WIGAN
    return replace(SearchQuery(latitude=lat, longitude=lon, postcode_district="WN1", radius_km=5.0), **fields)


def ids(results) -> list[str]:
    return [hit.service_id for hit in results.hits]


@pytest.fixture
def index(tmp_path):
    directory_index = DirectoryIndex(tmp_path / "search")
    yield directory_index
    directory_index.close()
