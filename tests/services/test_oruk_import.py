"""The ORUK importer: round trip, idempotency, and bad records rejected whole with a reason."""

import copy
import json
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from seed_data.vocabulary import taxonomy_data
from web.extensions import db
from web.models import (
    AccessibilityFeature,
    ListingKind,
    Location,
    Organization,
    Publication,
    Service,
    ServiceStatus,
)
from web.services.oruk_export import service_full_json
from web.services.oruk_import import import_services, import_taxonomies
from web.services.schedules import describe_schedule

DEMO = json.loads(Path("seed_data/demo/services.json").read_text(encoding="utf-8"))


def demo_record(kind: str, **match) -> dict:
    for record in DEMO:
        codes = {a["taxonomy_term"]["code"] for a in record["attributes"]}
        if f"kind:{kind}" in codes and all(record.get(k) == v for k, v in match.items()):
            return copy.deepcopy(record)
    raise LookupError(kind)


@pytest.fixture
def taxonomies(app_context):
    import_taxonomies(db.session, taxonomy_data())
    db.session.commit()


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_imports_a_micro_provider_with_its_area_price_and_checks(taxonomies):
    record = demo_record("micro_provider", name="Wigan Memory Companions")
    report = import_services(db.session, [record])
    db.session.commit()
    assert report.errors == [] and report.created == [record["id"]]
    service = db.session.get(Service, record["id"])
    assert service.kind is ListingKind.MICRO_PROVIDER
    assert service.home_visits and not service.at_venue and service.dp_payable and not service.is_free
    assert "dementia" in [t.code for t in service.terms_in("Community support categories")]
    area = service.service_areas[0]
    assert area.base_postcode == "WN1 2DA" and area.radius_km == 8.0 and area.latitude is not None
    assert service.cost_options[0].amount >= Decimal("16")
    assert "DBS" in service.accreditations
    assert service.organization.worker_count is not None and 1 <= service.organization.worker_count <= 8


def test_imports_a_venue_group_with_schedule_and_accessibility(taxonomies):
    record = demo_record("peer_support", name="Wigan Memory Café")
    import_services(db.session, [record])
    db.session.commit()
    service = db.session.get(Service, record["id"])
    location = service.service_at_locations[0].location
    assert location.addresses[0].postal_code == "WN1 1NJ"
    assert all(isinstance(item.feature, AccessibilityFeature) for item in location.accessibility)
    assert "of the month" in describe_schedule(service.schedules[0]) or "Every" in describe_schedule(
        service.schedules[0]
    )


def test_importing_twice_changes_nothing(taxonomies):
    records = [demo_record("micro_provider"), demo_record("community_hub"), demo_record("peer_support")]
    import_services(db.session, records)
    db.session.commit()
    before = {s.id: s.last_modified for s in db.session.scalars(select(Service))}
    report = import_services(db.session, copy.deepcopy(records))
    db.session.commit()
    assert sorted(report.unchanged) == sorted(r["id"] for r in records)
    assert report.created == [] and report.updated == []
    assert {s.id: s.last_modified for s in db.session.scalars(select(Service))} == before
    assert count(Service) == 3


def test_a_changed_record_updates_in_place(taxonomies):
    record = demo_record("community_hub")
    import_services(db.session, [record])
    db.session.commit()
    record["name"] = "Renamed Hub"
    record["status"] = "temporarily closed"
    record["service_at_locations"][0]["location"]["accessibility"] = []
    report = import_services(db.session, [record])
    db.session.commit()
    assert report.updated == [record["id"]]
    service = db.session.get(Service, record["id"])
    assert service.name == "Renamed Hub" and service.status is ServiceStatus.TEMPORARILY_CLOSED
    assert service.service_at_locations[0].location.accessibility == []


def test_export_then_import_round_trips(taxonomies):
    record = demo_record("peer_support")
    import_services(db.session, [record])
    db.session.commit()
    exported = service_full_json(db.session.get(Service, record["id"]))
    report = import_services(db.session, [exported])
    assert report.errors == [] and report.unchanged == [record["id"]]


def test_geocodes_a_venue_from_its_postcode_when_coordinates_are_missing(taxonomies):
    record = demo_record("community_hub")
    location = record["service_at_locations"][0]["location"]
    del location["latitude"], location["longitude"]
    location["addresses"][0]["postal_code"] = "wn11aa"
    import_services(db.session, [record])
    db.session.commit()
    stored = db.session.get(Location, location["id"])
    assert stored.addresses[0].postal_code == "WN1 1AA"
    assert stored.latitude == pytest.approx(53.547, abs=0.01) and stored.longitude == pytest.approx(
        -2.635, abs=0.01
    )


def _broken(mutate) -> dict:
    record = demo_record("community_hub")
    mutate(record)
    return record


BAD_RECORDS = [
    (lambda r: r.pop("name"), "name is missing"),
    (lambda r: r.update(status="open"), "status must be one of"),
    (lambda r: r.update(id="not-a-uuid"), "id must be a UUID"),
    (lambda r: r.pop("organization"), "organization is missing"),
    (lambda r: r.update(attributes=[a for a in r["attributes"] if "kind:" not in a["taxonomy_term"]["code"]]),
     "exactly one kind"),
    (lambda r: r["schedules"][0].update(byday="Tuesdays"), "not a day"),
    (lambda r: r["schedules"][0].update(opens_at="17:00:00", closes_at="09:00:00"),
     "closes_at must be later"),
    (lambda r: r["cost_options"].append({"id": "6f1c1bb4-9f0f-4a55-a7f9-0f3c1f8a2d11", "amount": "lots"}),
     "amount must be a number"),
    (lambda r: r["service_at_locations"][0]["location"]["addresses"][0].update(postal_code="NOT A CODE"),
     "not a UK postcode"),
    (lambda r: r.update(name="x" * 300), "longer than 255"),
    (lambda r: r["service_at_locations"][0]["location"]["accessibility"].append(
        {"id": "0b0c1d5e-5d0f-4c7e-9a0a-3c2b1a0f9e8d", "accessibility": "lift"}),
     "accessibility must be one of"),
    (lambda r: r["attributes"].append(
        {"id": "9b0c1d5e-5d0f-4c7e-9a0a-3c2b1a0f9e8d", "taxonomy_term": {"id": "x", "code": "astrology"}}),
     "not known"),
]  # fmt: skip


@pytest.mark.parametrize(("mutate", "message"), BAD_RECORDS)
def test_bad_record_is_rejected_with_a_reason_and_nothing_is_written(taxonomies, mutate, message):
    good = demo_record("micro_provider")
    bad = _broken(mutate)
    report = import_services(db.session, [bad, good])
    db.session.commit()
    assert len(report.errors) == 1 and message in report.errors[0].message
    assert report.errors[0].position == 0
    assert report.created == [good["id"]]
    assert count(Service) == 1 and count(Location) == 0
    assert db.session.get(Organization, bad.get("organization", {}).get("id", "none")) is None


def test_a_child_id_owned_by_another_service_is_refused(taxonomies):
    first = demo_record("peer_support")
    import_services(db.session, [first])
    db.session.commit()
    thief = demo_record("community_hub")
    thief["phones"][0]["id"] = first["phones"][0]["id"]
    report = import_services(db.session, [thief])
    assert "already belongs to another service" in report.errors[0].message
    assert db.session.get(Service, first["id"]).phones[0].number == first["phones"][0]["number"]


def test_non_objects_are_reported_not_crashed_on(taxonomies):
    report = import_services(db.session, ["a string", None, 42])
    assert [e.position for e in report.errors] == [0, 1, 2]


def test_taxonomy_import_is_idempotent_with_stable_ids(app_context):
    data = taxonomy_data()
    import_taxonomies(db.session, data)
    db.session.commit()
    import_taxonomies(db.session, taxonomy_data())
    db.session.commit()
    from web.models import TaxonomyTerm

    assert count(TaxonomyTerm) == len(data["taxonomy_terms"]) == 27
    on_disk = json.loads(Path("seed_data/taxonomy.json").read_text(encoding="utf-8"))
    assert on_disk == data


def test_a_listing_new_to_the_directory_awaits_checks_and_importing_again_keeps_its_publication(taxonomies):
    record = demo_record("community_hub")
    import_services(db.session, [record])
    db.session.commit()
    service = db.session.get(Service, record["id"])
    assert service.publication is Publication.AWAITING_CHECKS and not service.is_public
    service.publication = Publication.PUBLISHED
    db.session.commit()
    record["name"] = "Renamed Hub"
    import_services(db.session, [record], new_listings=Publication.DRAFT)
    db.session.commit()
    assert service.name == "Renamed Hub" and service.publication is Publication.PUBLISHED
