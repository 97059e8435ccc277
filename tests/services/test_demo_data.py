"""The demo region: enough listings of each kind, real postcodes, and the facts other tests rely on."""

import json
import re
from collections import Counter
from pathlib import Path

from sqlalchemy import func, select

from seed_data.build_demo import DEMO_AS_OF, build
from seed_data.demo_places import BOROUGHS
from seed_data.vocabulary import CATEGORIES, taxonomy_data
from web.extensions import db
from web.geo import covers, distance_km, find_postcode
from web.models import ListingKind, Publication, Service, ServiceStatus
from web.services.listings import is_stale
from web.services.oruk_import import import_services, import_taxonomies

SERVICES = json.loads(Path("seed_data/demo/services.json").read_text(encoding="utf-8"))
WN1_1AA = find_postcode("WN1 1AA")


def codes(record: dict) -> set[str]:
    return {attribute["taxonomy_term"]["code"] for attribute in record["attributes"]}


def test_the_committed_files_are_what_the_generator_writes():
    taxonomy, services = build()
    assert services == SERVICES
    assert taxonomy == json.loads(Path("seed_data/taxonomy.json").read_text(encoding="utf-8"))


def test_every_postcode_is_real():
    postcodes = [
        address["postal_code"]
        for record in SERVICES
        for link in record["service_at_locations"]
        for address in link["location"]["addresses"]
    ] + [
        json.loads(area["extent"])["properties"]["base_postcode"]
        for r in SERVICES
        for area in r["service_areas"]
    ]
    assert len(postcodes) > 300
    unknown = [code for code in postcodes if (place := find_postcode(code)) is None or place.postcode != code]
    assert unknown == []


def test_fictional_contact_details_only():
    for record in SERVICES:
        for phone in record["phones"]:
            assert phone["number"].startswith(("0161 496 0", "01632 960", "07700 900")), phone["number"]
        assert record["organization"]["email"].endswith(".example.org")


def _dementia_home_visitors() -> list[tuple[dict, bool]]:
    result = []
    for record in SERVICES:
        if "dementia" in codes(record) and record["service_areas"]:
            properties = json.loads(record["service_areas"][0]["extent"])
            lon, lat = properties["geometry"]["coordinates"]
            radius = properties["properties"].get("radius_km")
            districts = properties["properties"].get("postcode_districts", [])
            result.append(
                (record, covers(WN1_1AA, latitude=lat, longitude=lon, radius_km=radius, districts=districts))
            )
    return result


def test_dementia_help_near_wn1_1aa():
    visitors = _dementia_home_visitors()
    assert any(covered for _, covered in visitors), "a dementia home-visit provider covers WN1 1AA"
    assert any(not covered for _, covered in visitors), "and one elsewhere does not"
    venues = [
        distance_km(
            WN1_1AA.latitude, WN1_1AA.longitude, link["location"]["latitude"], link["location"]["longitude"]
        )
        for record in SERVICES
        if "dementia" in codes(record)
        for link in record["service_at_locations"]
    ]
    assert sum(1 for km in venues if km <= 5) >= 2


def test_loads_through_the_importer_with_every_kind_counted(app_context):
    import_taxonomies(db.session, taxonomy_data())
    report = import_services(db.session, SERVICES, new_listings=Publication.PUBLISHED)
    db.session.commit()
    assert report.errors == []
    by_kind = Counter(db.session.scalars(select(Service.kind).where(Service.is_public)))
    assert by_kind[ListingKind.MICRO_PROVIDER] >= 150
    assert by_kind[ListingKind.PEER_SUPPORT] >= 70
    assert by_kind[ListingKind.COMMUNITY_HUB] >= 30
    assert by_kind[ListingKind.COMMUNITY_ASSET] >= 40
    assert sum(by_kind.values()) >= 300
    services = list(db.session.scalars(select(Service)))
    assert 5 <= sum(is_stale(s, DEMO_AS_OF) for s in services) <= 10
    closed = db.session.scalar(
        select(func.count()).select_from(Service).where(Service.status == ServiceStatus.TEMPORARILY_CLOSED)
    )
    assert 3 <= closed <= 10
    micro = [s for s in services if s.kind is ListingKind.MICRO_PROVIDER]
    assert all(s.home_visits and s.service_areas and s.cost_options for s in micro)
    assert sum(s.dp_payable for s in micro) > 0.8 * len(micro)
    towns = {link.location.addresses[0].region for s in services for link in s.service_at_locations}
    assert towns >= {"Wigan", "Warrington", "Tameside", "Manchester", "Rochdale", "Stockport", "Bolton"}


def _borough(record: dict) -> str | None:
    """Where a listing is based: its venue's borough, or the borough of its home-visit base."""
    for link in record["service_at_locations"]:
        return link["location"]["addresses"][0]["region"]
    for area in record["service_areas"]:
        district = json.loads(area["extent"])["properties"]["base_postcode"].split()[0]
        return next(borough for borough, districts in BOROUGHS.items() if district in districts)
    return None


def test_every_listing_has_a_name_of_its_own_that_reads_like_a_real_one():
    names = Counter(record["name"] for record in SERVICES)
    assert [name for name, count in names.items() if count > 1] == []
    assert [name for name in names if re.search(r"\((\d+|online)\)", name)] == []


def test_every_borough_has_a_listing_of_every_type_of_support():
    offered = {(_borough(record), code) for record in SERVICES for code in codes(record)}
    missing = [
        (borough, code) for borough in BOROUGHS for code in CATEGORIES if (borough, code) not in offered
    ]
    assert missing == []


def test_conditions_people_search_for_have_listings_about_them():
    text = " ".join(f"{r['name']} {r['description']}".lower() for r in SERVICES)
    for condition in ("stroke", "cancer", "autis", "parkinson", "hear voices", "multiple sclerosis",
                      "motor neurone", "sight loss", "deaf", "brain injury", "diabetes", "copd",
                      "learning disability", "dementia"):  # fmt: skip
        assert text.count(condition) >= 3, condition
