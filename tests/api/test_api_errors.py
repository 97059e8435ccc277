"""Every /api answer is JSON and open to other sites; bad input is a 400 naming the field; no writes."""

import uuid

import pytest

from tests.api.conftest import row_counts
from web.extensions import db
from web.models import Service

UNKNOWN_ID = str(uuid.uuid4())
HOSTILE = [
    "'; DROP TABLE service; --",
    "<script>alert(1)</script>",
    "dementia\u202e",
    "%' OR 1=1 --",
    "\u00e9\u00e8 \U0001f600",
]

# (url, the parameter the error must name)
BAD_INPUT = [
    ("/api/oruk/services?page=0", "page"),
    ("/api/oruk/services?page=-1", "page"),
    ("/api/oruk/services?page=abc", "page"),
    ("/api/oruk/services?page=99999999999999999999", "page"),
    ("/api/oruk/services?per_page=1000", "per_page"),
    ("/api/oruk/services?per_page=0", "per_page"),
    ("/api/oruk/taxonomies?per_page=1.5", "per_page"),
    ("/api/oruk/taxonomy_terms?page=0", "page"),
    ("/api/oruk/service_at_locations?postcode=WN1+1AA&proximity=-5", "proximity"),
    ("/api/oruk/service_at_locations?postcode=WN1+1AA&proximity=abc", "proximity"),
    ("/api/oruk/service_at_locations?postcode=WN1+1AA&proximity=0", "proximity"),
    ("/api/oruk/service_at_locations?postcode=WN1+1AA&proximity=nan", "proximity"),
    ("/api/oruk/service_at_locations?postcode=WN1+1AA&proximity=1e12", "proximity"),
    ("/api/oruk/services?postcode=WN1+1AA&proximity=inf", "proximity"),
    ("/api/oruk/service_at_locations?proximity=1000", "postcode"),
    ("/api/oruk/service_at_locations?postcode=NOT+A+POSTCODE", "postcode"),
    ("/api/oruk/service_at_locations?postcode=ZZ99+9ZZ&proximity=1000", "postcode"),
    ("/api/oruk/services?postcode=%3Cscript%3E", "postcode"),
    ("/api/oruk/services?postcode=WN1%001AA", "postcode"),
    ("/api/oruk/services?taxonomy_term_id=" + UNKNOWN_ID, "taxonomy_term_id"),
    ("/api/oruk/services?taxonomy_term_id=1%27+OR+%271%27%3D%271", "taxonomy_term_id"),
    ("/api/oruk/service_at_locations?taxonomy_id=" + UNKNOWN_ID, "taxonomy_id"),
    ("/api/oruk/services?minimum_age=old", "minimum_age"),
    ("/api/oruk/services?maximum_age=-1", "maximum_age"),
    ("/api/oruk/services?day=funday", "day"),
    ("/api/oruk/services?start_time=25:00", "start_time"),
    ("/api/oruk/services?end_time=noon", "end_time"),
    # A typed parameter sent empty is not a value of its type (the OpenAPI document says so too).
    ("/api/oruk/services?page=", "page"),
    ("/api/oruk/services?taxonomy_term_id=", "taxonomy_term_id"),
    ("/api/oruk/service_at_locations?taxonomy_id=", "taxonomy_id"),
    ("/api/oruk/services?minimum_age=", "minimum_age"),
    ("/api/oruk/services?start_time=", "start_time"),
    ("/api/oruk/services?postcode=WN1+1AA&proximity=", "proximity"),
    ("/api/search?q=dementia&limit=", "limit"),
    ("/api/oruk/services?search=dementia%00", "search"),
    ("/api/oruk/services?search=" + "a" * 201, "search"),
    ("/api/search", "q"),
    ("/api/search?q=dementia&limit=0", "limit"),
    ("/api/search?q=dementia&limit=21", "limit"),
    ("/api/search?q=dementia&limit=five", "limit"),
    ("/api/search?q=dementia&location=ZZ99+9ZZ", "location"),
    ("/api/search?q=dementia&postcode=WN1+1ZZZ", "postcode"),
    ("/api/search?q=dementia&place=Atlantis", "place"),
    ("/api/search?q=dementia&location=WN1+1AA&radius=-1", "radius"),
    ("/api/search?q=dementia&location=WN1+1AA&radius=500", "radius"),
    ("/api/search?q=dementia&location=WN1+1AA&radius=far", "radius"),
    ("/api/search?q=dementia&day=someday", "day"),
    ("/api/search?q=dementia&category=no_such_category", "category"),
    ("/api/search?q=dementia&audience=%3Cscript%3E", "audience"),
    ("/api/search?q=%00%01", "q"),
    ("/api/search?q=" + "a" * 201, "q"),
]

# Every endpoint, with what it should answer.
EVERY_ENDPOINT = [
    ("/api/oruk/", 200),
    ("/api/oruk/openapi.json", 200),
    ("/api/oruk/services", 200),
    ("/api/oruk/services/{service}", 200),
    ("/api/oruk/service_at_locations?postcode=WN1+1AA&proximity=3000", 200),
    ("/api/oruk/service_at_locations/{link}", 200),
    ("/api/oruk/taxonomies", 200),
    ("/api/oruk/taxonomies/{taxonomy}", 200),
    ("/api/oruk/taxonomy_terms", 200),
    ("/api/oruk/taxonomy_terms/{term}", 200),
    ("/api/search?q=dementia&location=WN1+1AA", 200),
    ("/api/oruk/services/" + UNKNOWN_ID, 404),
    ("/api/oruk/services/not-an-id", 404),
    ("/api/oruk/service_at_locations/" + UNKNOWN_ID, 404),
    ("/api/oruk/taxonomies/" + UNKNOWN_ID, 404),
    ("/api/oruk/taxonomy_terms/%00", 404),
    ("/api/no-such-endpoint", 404),
    ("/api/oruk/services?page=0", 400),
    ("/api/search?limit=0", 400),
]


def ids_in(directory) -> dict[str, str]:
    term = directory.venue_near.attributes[0].taxonomy_term
    return {
        "service": directory.venue_near.id,
        "link": directory.venue_near.service_at_locations[0].id,
        "taxonomy": term.taxonomy_id,
        "term": term.id,
    }


@pytest.mark.parametrize(("url", "status"), EVERY_ENDPOINT)
def test_every_response_is_open_to_other_sites(client, directory, url, status):
    response = client.get(url.format(**ids_in(directory)))
    assert response.status_code == status
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.mimetype == "application/json"
    if status != 200:
        assert response.get_json()["error"]["status"] == status


def test_a_wrong_method_is_answered_in_json_and_open_too(client, app_context):
    response = client.post("/api/search?q=dementia")
    assert response.status_code == 405
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.get_json()["error"]["status"] == 405


def test_pages_outside_the_api_are_not_opened_to_other_sites(client, app_context):
    assert "Access-Control-Allow-Origin" not in client.get("/").headers


@pytest.mark.parametrize(("url", "field"), BAD_INPUT)
def test_bad_input_is_a_400_naming_the_field_and_writes_nothing(client, url, field):
    before = row_counts()
    response = client.get(url)
    assert response.status_code == 400, response.get_data(as_text=True)
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    error = response.get_json()["error"]
    assert (error["status"], error["field"]) == (400, field)
    assert error["title"] and error["detail"]
    assert "Traceback" not in error["detail"]
    assert row_counts() == before


@pytest.mark.parametrize("words", HOSTILE)
@pytest.mark.parametrize(
    "url", ["/api/oruk/services?search={}", "/api/oruk/service_at_locations?search={}", "/api/search?q={}"]
)
def test_hostile_search_words_are_only_words(client, directory, url, words):
    response = client.get(url.format(words))
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert db.session.get(Service, directory.venue_near.id) is not None  # the table is still there


def test_no_oruk_request_writes_anything(client, directory):
    before = row_counts()
    for url, _ in EVERY_ENDPOINT:
        if url.startswith("/api/oruk/"):
            client.get(url.format(**ids_in(directory)))
    client.get("/api/oruk/services?search=dementia&postcode=WN1+1AA&proximity=5000&day=TU")
    assert row_counts() == before


def test_the_assistant_search_writes_only_an_anonymous_count(client, directory):
    """People's questions to the assistant are counted (no postcode, no person) to show unmet need."""
    before = row_counts()
    assert client.get("/api/search?q=dementia&location=WN1+1AA").status_code == 200
    after = row_counts()
    assert after.pop("search_event") == before.pop("search_event") + 1
    assert after == before
