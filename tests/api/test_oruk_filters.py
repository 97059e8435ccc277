"""What the ORUK list endpoints return: paging flags, postcode and proximity, filters, published only."""

import pytest

from tests.api.conftest import km_between
from tests.factories import make_service, weekly
from web.extensions import db
from web.models import ServiceArea, ServiceStatus


def contents_of(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def service_ids(body: dict) -> set[str]:
    return {item["service"]["id"] if "service" in item else item["id"] for item in body["contents"]}


@pytest.fixture
def five_services(app_context):
    return [make_service(f"Group {letter}", categories=(f"topic_{letter}",)) for letter in "ABCDE"]


# (page, first_page, last_page, empty, size) for 5 results, 2 a page
PAGES = [
    (1, True, False, False, 2),
    (2, False, False, False, 2),
    (3, False, True, False, 1),
    (4, False, True, True, 0),
]


@pytest.mark.parametrize("path", ["/services", "/service_at_locations", "/taxonomy_terms"])
@pytest.mark.parametrize(("page", "first", "last", "empty", "size"), PAGES)
def test_paging_flags_on_first_middle_last_and_beyond_last_pages(
    client, five_services, path, page, first, last, empty, size
):
    body = contents_of(client, f"/api/oruk{path}?per_page=2&page={page}")
    assert (body["total_items"], body["total_pages"], body["page_number"]) == (5, 3, page)
    assert (body["first_page"], body["last_page"], body["empty"], body["size"]) == (first, last, empty, size)
    assert len(body["contents"]) == size


@pytest.mark.parametrize("path", ["/services", "/service_at_locations"])
def test_pages_of_a_postcode_search_cover_every_result_once(client, directory, path):
    url = f"/api/oruk{path}?postcode=WN1+1AA&proximity=12000&per_page=1"
    first = contents_of(client, url)
    assert first["total_items"] >= 2
    seen = [
        item["id"]
        for page in range(1, first["total_pages"] + 1)
        for item in contents_of(client, f"{url}&page={page}")["contents"]
    ]
    assert len(seen) == len(set(seen)) == first["total_items"]


def test_no_results_is_one_empty_first_page(client, app_context):
    body = contents_of(client, "/api/oruk/services")
    assert body["contents"] == []
    assert (body["total_items"], body["empty"], body["first_page"], body["last_page"]) == (
        0,
        True,
        True,
        True,
    )


@pytest.mark.parametrize("proximity", [500, 1500, 3500, 12000, 25000])
def test_postcode_and_proximity_keep_every_place_inside_the_radius(client, directory, proximity):
    body = contents_of(
        client, f"/api/oruk/service_at_locations?postcode=WN1%201AA&proximity={proximity}&per_page=100"
    )
    for item in body["contents"]:
        location = item["location"]
        assert (
            km_between(directory.centre, (location["latitude"], location["longitude"]))
            <= proximity / 1000 + 0.01
        )
    expected = {
        service.id
        for service in (directory.venue_near, directory.venue_3km, directory.venue_far)
        if km_between(directory.centre, _venue(service)) <= proximity / 1000
    }
    assert service_ids(body) == expected


def _venue(service) -> tuple[float, float]:
    location = service.service_at_locations[0].location
    return location.latitude, location.longitude


def test_places_come_nearest_first(client, directory):
    body = contents_of(client, "/api/oruk/service_at_locations?postcode=WN1+1AA&proximity=25000")
    distances = [
        km_between(directory.centre, (i["location"]["latitude"], i["location"]["longitude"]))
        for i in body["contents"]
    ]
    assert len(distances) == 3
    assert distances == sorted(distances)


def test_services_near_a_postcode_include_home_visits_that_cover_it_and_leave_out_the_rest(client, directory):
    body = contents_of(client, "/api/oruk/services?postcode=WN1+1AA&proximity=5000&per_page=100")
    found = service_ids(body)
    assert directory.visits_covering.id in found  # based 8 km away, but travels 10 km
    assert directory.visits_districts.id in found  # covers WN1 by district
    assert directory.visits_elsewhere.id not in found  # its area does not reach WN1 1AA
    assert directory.venue_far.id not in found  # 20 km away
    assert directory.online.id not in found  # no distance to be inside
    assert directory.unpublished.id not in found  # a draft
    assert {directory.venue_near.id, directory.venue_3km.id} <= found


def test_a_service_area_must_contain_the_postcode_even_when_its_venue_is_near(client, directory):
    # A hub 1 km away that only serves WN5 residents: ORUK says the postcode must fall in its area.
    hub = directory.venue_near
    hub.service_areas.append(ServiceArea(name="WN5 only", postcode_districts="WN5"))
    db.session.commit()
    for path in ("/services", "/service_at_locations"):
        assert hub.id not in service_ids(
            contents_of(client, f"/api/oruk{path}?postcode=WN1+1AA&proximity=5000")
        )
        assert hub.id in service_ids(contents_of(client, f"/api/oruk{path}?postcode=WN5+0AA&proximity=5000"))


def test_only_published_services_are_listed_or_shown(client, directory):
    draft = directory.unpublished
    for path in ("/services", "/service_at_locations"):
        assert draft.id not in service_ids(contents_of(client, f"/api/oruk{path}?per_page=100"))
        assert draft.id not in service_ids(
            contents_of(client, f"/api/oruk{path}?search=dementia&per_page=100")
        )
    assert client.get(f"/api/oruk/services/{draft.id}").status_code == 404
    assert client.get(f"/api/oruk/service_at_locations/{draft.service_at_locations[0].id}").status_code == 404


def test_temporarily_closed_services_are_listed_with_their_status(client, directory):
    directory.venue_3km.status = ServiceStatus.TEMPORARILY_CLOSED
    db.session.commit()
    body = contents_of(client, f"/api/oruk/services/{directory.venue_3km.id}")
    assert body["status"] == "temporarily closed"


def test_search_words_find_matching_services(client, directory):
    gardening = make_service(
        "Allotment Club", description="Grow vegetables with friends.", categories=("gardening",)
    )
    assert service_ids(contents_of(client, "/api/oruk/services?search=vegetables")) == {gardening.id}
    dementia = service_ids(contents_of(client, "/api/oruk/services?search=dementia&per_page=100"))
    assert directory.venue_near.id in dementia and gardening.id not in dementia


def test_taxonomy_filters(client, directory):
    gardening = make_service("Allotment Gardening Club", categories=("gardening",))
    term = gardening.attributes[0].taxonomy_term
    assert service_ids(contents_of(client, f"/api/oruk/services?taxonomy_term_id={term.id}")) == {
        gardening.id
    }
    everyone_with_a_category = service_ids(
        contents_of(client, f"/api/oruk/services?taxonomy_id={term.taxonomy_id}&per_page=100")
    )
    assert gardening.id in everyone_with_a_category and directory.venue_near.id in everyone_with_a_category


def test_day_and_time_filters_use_one_schedule(client, app_context):
    tuesday_morning = make_service("Tuesday Morning Group", schedules=(weekly("TU", "10:00", "12:00"),))
    make_service("Tuesday Evening Group", schedules=(weekly("TU", "18:00", "20:00"),))
    make_service("Monthly Friday Group", schedules=())
    assert service_ids(contents_of(client, "/api/oruk/services?day=tuesday&end_time=13:00")) == {
        tuesday_morning.id
    }
    assert len(contents_of(client, "/api/oruk/services?day=TU")["contents"]) == 2
    assert contents_of(client, "/api/oruk/services?day=MO")["contents"] == []


def test_age_filters(client, app_context):
    adults = make_service("Adults Group", minimum_age=18, maximum_age=120)
    older = make_service("Over 65s Group", minimum_age=65)
    assert service_ids(contents_of(client, "/api/oruk/services?minimum_age=60")) == {older.id}
    assert service_ids(contents_of(client, "/api/oruk/services?maximum_age=120")) == {adults.id}
