"""The ORUK API speaks the standard: responses validate against the UK profile's own schemas."""

import pytest

from tests.factories import make_service
from web.extensions import db
from web.models import Contact, Language, Offering, PriceUnit, Service
from web.services.oruk_import import import_services

LIST_ENDPOINTS = ["/services", "/service_at_locations", "/taxonomies", "/taxonomy_terms"]


def get_json(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    return response.get_json()


def test_the_root_says_which_version_and_where_the_openapi_document_is(client):
    body = get_json(client, "/api/oruk/")
    assert body["version"] == "3.0"
    assert body["profile"].startswith("https://")
    assert body["openapi_url"].endswith("/api/oruk/openapi.json")
    document = get_json(client, body["openapi_url"])
    assert document["openapi"].startswith("3.")


@pytest.mark.parametrize("path", LIST_ENDPOINTS)
def test_list_pages_validate_against_the_oruk_response_schemas(client, directory, oruk, path):
    body = get_json(client, f"/api/oruk{path}")
    assert body["contents"], "the page should hold something to validate"
    assert oruk.errors(body, oruk.response_schema(path)) == []
    for key in ("total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty"):
        assert key in body


def test_a_full_service_validates_against_the_oruk_service_schema(client, directory, oruk):
    service = directory.venue_near
    service.languages.append(Language(name="Urdu", code="ur"))
    service.contacts.append(Contact(name="Asha", title="Organiser", email="asha@example.org"))
    db.session.commit()
    body = get_json(client, f"/api/oruk/services/{service.id}")
    assert oruk.errors(body, oruk.response_schema("/services/{id}")) == []
    venue = body["service_at_locations"][0]["location"]
    assert venue["addresses"][0]["postal_code"] == "WN1 1AA"
    assert {a["accessibility"] for a in venue["accessibility"]} == {"step_free", "hearing_loop"}
    assert body["schedules"][0]["byday"] == "MO,TU,WE,TH,FR"
    assert body["schedules"][0]["opens_at"] == "09:00:00"
    assert body["phones"][0]["number"] == "01942 000000"
    assert body["languages"][0]["name"] == "Urdu"
    assert body["organization"]["name"] == "Memory Lane Dementia Cafe Ltd"


def test_a_home_visiting_service_gives_its_area_and_the_facts_oruk_has_no_field_for(client, directory, oruk):
    body = get_json(client, f"/api/oruk/services/{directory.visits_covering.id}")
    assert oruk.errors(body, oruk.response_schema("/services/{id}")) == []
    [area] = body["service_areas"]
    assert area["extent_type"] == "geojson"
    assert '"radius_km":10' in area["extent"]
    facts = {a["taxonomy_term"]["code"] for a in body["attributes"] if a["link_type"] == "listing_fact"}
    assert facts == {"kind:micro_provider", "attending:home_visit", "direct_payment"}
    categories = {a["taxonomy_term"]["code"] for a in body["attributes"] if a["link_type"] == "taxonomy_term"}
    assert categories == {"dementia", "carers"}
    assert body["cost_options"][0]["amount"] == 18


def test_a_service_at_location_validates_against_the_oruk_schema(client, directory, oruk):
    link = directory.venue_3km.service_at_locations[0]
    body = get_json(client, f"/api/oruk/service_at_locations/{link.id}")
    # ORUK's OpenAPI file names the service schema for this path, but the body is a service_at_location
    # (its own schema in the same folder), so that is what it is checked against.
    assert oruk.errors(body, oruk.file_schema("service_at_location.json")) == []
    assert body["service"]["id"] == directory.venue_3km.id
    assert body["location"]["id"] == link.location_id


def test_a_taxonomy_and_a_term_validate_against_their_schemas(client, directory, oruk):
    term = directory.venue_near.attributes[0].taxonomy_term
    taxonomy = get_json(client, f"/api/oruk/taxonomies/{term.taxonomy_id}")
    assert oruk.errors(taxonomy, oruk.response_schema("/taxonomies/{id}")) == []
    assert term.id in {t["id"] for t in taxonomy["taxonomy_terms"]}
    body = get_json(client, f"/api/oruk/taxonomy_terms/{term.id}")
    assert oruk.errors(body, oruk.response_schema("/taxonomy_terms/{id}")) == []
    assert body["code"] == term.code


def test_our_openapi_document_describes_every_oruk_path(client, oruk):
    ours = get_json(client, "/api/oruk/openapi.json")
    assert set(oruk.openapi["paths"]) <= set(ours["paths"])
    for item in ours["paths"].values():
        schema = item["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        items = schema.get("properties", {}).get("contents", {}).get("items", {})
        ref = schema.get("$ref") or items.get("$ref")
        if ref and ref.startswith("https://"):
            oruk.registry.get_or_retrieve(ref)  # raises if ORUK has no such schema


SAMPLE_VALUES = {
    "search": "dementia",
    "page": "1",
    "per_page": "10",
    "minimum_age": "16",
    "maximum_age": "100",
    "day": "TU",
    "start_time": "09:00",
    "end_time": "17:00",
    "postcode": "WN1 1AA",
    "proximity": "5000",
}


@pytest.mark.parametrize("path", ["/services", "/service_at_locations"])
def test_every_documented_parameter_is_accepted(client, directory, path):
    document = get_json(client, "/api/oruk/openapi.json")
    parameters = document["components"]["parameters"]
    directory.venue_3km.minimum_age, directory.venue_3km.maximum_age = 18, 99
    db.session.commit()
    term = directory.venue_3km.attributes[0].taxonomy_term
    values = SAMPLE_VALUES | {"taxonomy_term_id": term.id, "taxonomy_id": term.taxonomy_id}
    names = [
        parameters[ref["$ref"].rsplit("/", 1)[1]]["name"]
        for ref in document["paths"][path]["get"]["parameters"]
    ]
    assert "postcode" in names and "proximity" in names
    body = get_json(client, f"/api/oruk{path}?" + "&".join(f"{name}={values[name]}" for name in names))
    # Every filter at once still finds the Tuesday group 3 km away.
    found = {item["id"] if path == "/services" else item["service"]["id"] for item in body["contents"]}
    assert found == {directory.venue_3km.id}


def test_an_exported_service_imports_back_unchanged(client, directory):
    """The exporter writes what the importer reads: importing an export changes nothing."""
    for service in (
        directory.venue_near,
        directory.visits_covering,
        directory.visits_districts,
        directory.online,
    ):
        body = get_json(client, f"/api/oruk/services/{service.id}")
        report = import_services(db.session, [body])
        assert [str(error) for error in report.errors] == []
        assert report.unchanged == [service.id], service.name
    db.session.rollback()


def test_a_service_without_optional_details_still_validates(client, oruk, app_context):
    bare = make_service("Bare Listing", postcode=None, by_phone=True, categories=())
    bare.summary = ""
    db.session.commit()
    body = get_json(client, f"/api/oruk/services/{bare.id}")
    assert oruk.errors(body, oruk.response_schema("/services/{id}")) == []
    assert db.session.get(Service, bare.id) is not None


def _offering(service: Service, name: str, pence: int, unit: PriceUnit, **extra) -> Offering:
    offering = Offering(service=service, name=name, price_pence=pence, price_unit=unit, **extra)
    db.session.add(offering)
    return offering


def test_a_providers_offerings_are_cost_options_beside_the_listings_own(client, directory, oruk):
    service = directory.visits_covering
    help_at_home = _offering(service, "Help at home", 1850, PriceUnit.HOUR, who_it_is_for="Older people")
    _offering(service, "Sitting service", 4500, PriceUnit.VISIT)
    _offering(service, "Gardening", 1500, PriceUnit.HOUR, is_active=False)
    db.session.commit()

    body = get_json(client, f"/api/oruk/services/{service.id}")

    assert oruk.errors(body, oruk.response_schema("/services/{id}")) == []
    own, *sold = body["cost_options"]
    assert own["amount"] == 18  # the listing's own price is kept
    assert sold == [
        {
            "id": help_at_home.id,
            "service_id": service.id,
            "option": "Help at home (Older people)",
            "amount": 18.5,
            "currency": "GBP",
            "amount_description": "per hour",
        },
        {
            "id": sold[1]["id"],
            "service_id": service.id,
            "option": "Sitting service",
            "amount": 45,
            "currency": "GBP",
            "amount_description": "per visit",
        },
    ]
    assert "Gardening" not in {option["option"] for option in body["cost_options"]}


@pytest.mark.parametrize("query", ["", "?search=dementia&postcode=WN1+1AA"])
def test_the_services_list_gives_each_service_its_cost_options(client, directory, oruk, query):
    service = directory.visits_covering
    _offering(service, "Help at home", 2000, PriceUnit.HOUR)
    db.session.commit()

    body = get_json(client, f"/api/oruk/services{query}")

    assert oruk.errors(body, oruk.response_schema("/services")) == []
    listed = {item["id"]: item for item in body["contents"]}
    options = listed[service.id]["cost_options"]
    assert [(o["option"], o["amount"], o.get("amount_description")) for o in options][1:] == [
        ("Help at home", 20, "per hour")
    ]
    assert options[0]["amount"] == 18
    assert all("cost_options" in item for item in body["contents"])
