"""Helpers for the API tests: a small directory around WN1 1AA, ORUK schema validation, row counts."""

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from geopy.distance import distance as geodesic_distance
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from sqlalchemy import func, select

from tests.factories import make_service, weekly
from tests.prerequisites import missing_prerequisite
from web.extensions import db
from web.geo import find_postcode
from web.models import AccessibilityFeature, ListingKind, Publication, Service

ORUK_SCHEMA_URL = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"
ORUK_OPENAPI_URL = "urn:oruk:openapi.json"


class OrukSchemas:
    """Validates instances against the ORUK files, resolving their schema URLs to the local folder."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.openapi = json.loads((folder / "openapi.json").read_text())
        self.registry = Registry(retrieve=self._retrieve).with_resource(
            ORUK_OPENAPI_URL, DRAFT202012.create_resource(self.openapi)
        )

    def _retrieve(self, uri: str) -> Resource:
        if not uri.startswith(ORUK_SCHEMA_URL):
            raise LookupError(f"Not an ORUK schema: {uri}")
        # The published profile keeps compiled schemas in a subfolder; the local copy has one folder.
        name = uri.removeprefix(ORUK_SCHEMA_URL).removeprefix("compiled/")
        return DRAFT202012.create_resource(json.loads((self.folder / "schema" / name).read_text()))

    def errors(self, instance: object, schema: dict) -> list[str]:
        validator = Draft202012Validator(schema, registry=self.registry, format_checker=FormatChecker())
        return [
            f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(instance)
        ]

    def response_schema(self, path: str) -> dict:
        """The 200 response schema ORUK's own OpenAPI document gives for a path."""
        pointer = path.replace("~", "~0").replace("/", "~1")
        return {
            "$ref": f"{ORUK_OPENAPI_URL}#/paths/{pointer}/get/responses/200/content/application~1json/schema"
        }

    def file_schema(self, name: str) -> dict:
        return {"$ref": ORUK_SCHEMA_URL + name}


@pytest.fixture(scope="session")
def oruk(app) -> OrukSchemas:
    folder = Path(app.config["ORUK_SCHEMA_DIR"])
    if not (folder / "openapi.json").is_file() or not (folder / "schema").is_dir():
        missing_prerequisite(
            f"The Open Referral UK reference files are not at {folder} (set ORUK_SCHEMA_DIR to the folder "
            "holding openapi.json and schema/): a clone without ../shared/oruk cannot check conformance."
        )
    return OrukSchemas(folder)


def km_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    return geodesic_distance(a, b).km


def point_from(origin: tuple[float, float], km: float, bearing: float) -> tuple[float, float]:
    destination = geodesic_distance(kilometers=km).destination(origin, bearing)
    return destination.latitude, destination.longitude


@dataclass
class Directory:
    """A small directory around WN1 1AA: what each service is for is in its name."""

    centre: tuple[float, float]
    venue_near: Service  # dementia cafe 1 km away
    venue_3km: Service  # dementia group 3 km away
    venue_far: Service  # dementia group 20 km away
    visits_covering: Service  # based 8 km away, travels 10 km: covers WN1 1AA
    visits_districts: Service  # visits WN1 and WN2 by district
    visits_elsewhere: Service  # based 15 km away, travels 4 km: does not cover WN1 1AA
    online: Service  # online only
    unpublished: Service  # 0.5 km away but a draft


@pytest.fixture
def directory(app_context) -> Directory:
    place = find_postcode("WN1 1AA")
    assert place is not None
    centre = (place.latitude, place.longitude)

    def at(km: float, bearing: float) -> dict:
        latitude, longitude = point_from(centre, km, bearing)
        return {"latitude": latitude, "longitude": longitude}

    dementia = {"categories": ("dementia",), "audiences": ("carers",)}
    return Directory(
        centre=centre,
        venue_near=make_service(
            "Memory Lane Dementia Cafe",
            description="A dementia cafe for people living with dementia and their carers. Tea and music.",
            kind=ListingKind.COMMUNITY_HUB,
            accessibility=(AccessibilityFeature.STEP_FREE, AccessibilityFeature.HEARING_LOOP),
            schedules=(weekly("MO,TU,WE,TH,FR", "09:00", "17:00"),),
            **at(1, 90),
            **dementia,
        ),
        venue_3km=make_service(
            "Forget Me Not Dementia Group",
            description="A peer support group for dementia carers. We meet every Tuesday.",
            schedules=(weekly("TU", "10:00", "12:00"),),
            **at(3, 200),
            **dementia,
        ),
        venue_far=make_service(
            "Far Away Dementia Group",
            description="A dementia support group for carers, a long way off.",
            postcode="WN5 0AA",
            **at(20, 0),
            **dementia,
        ),
        visits_covering=make_service(
            "Home Companions Dementia Care",
            description="Dementia companionship and sitting at home, paid by direct payment.",
            kind=ListingKind.MICRO_PROVIDER,
            visiting_radius_km=10,
            is_free=False,
            dp_payable=True,
            price=18,
            **at(8, 45),
            **dementia,
        ),
        visits_districts=make_service(
            "Wigan Dementia Sitters",
            description="Dementia sitting service in Wigan postcode areas.",
            kind=ListingKind.MICRO_PROVIDER,
            postcode="WN2 1AA",
            visiting_districts="WN1 WN2",
            **at(1.9, 60),  # about where WN2 1AA is
            **dementia,
        ),
        visits_elsewhere=make_service(
            "Distant Dementia Helpers",
            description="Dementia help at home in another town.",
            kind=ListingKind.MICRO_PROVIDER,
            visiting_radius_km=4,
            **at(15, 270),
            **dementia,
        ),
        online=make_service(
            "Dementia Carers Online",
            description="An online dementia peer support group for carers.",
            postcode=None,
            online=True,
            **dementia,
        ),
        unpublished=make_service(
            "Draft Dementia Club",
            description="A dementia club that is not published yet.",
            publication=Publication.DRAFT,
            **at(0.5, 10),
            **dementia,
        ),
    )


def row_counts() -> dict[str, int]:
    """Rows in every table, to show a request wrote nothing."""
    counts = {}
    for table in db.metadata.sorted_tables:
        counts[table.name] = db.session.scalar(select(func.count()).select_from(table))
    db.session.rollback()
    return counts
