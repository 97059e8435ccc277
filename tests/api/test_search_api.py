"""/api/search: the compact JSON the assistant reads, for a dementia search near WN1 1AA."""

from datetime import datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.api.conftest import km_between


@pytest.fixture
def dementia_near_wigan(client, directory) -> dict:
    response = client.get("/api/search?q=dementia&location=WN1+1AA&limit=20")
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def by_name(body: dict) -> dict[str, dict]:
    return {result["name"]: result for result in body["results"]}


def test_the_query_is_echoed_with_the_place_it_resolved_to(dementia_near_wigan):
    query = dementia_near_wigan["query"]
    assert query["q"] == "dementia"
    assert query["location"] == "WN1 1AA"
    assert query["place"] == "WN1 1AA"
    assert query["limit"] == 20
    assert query["radius_km"] > 0


def test_venues_within_the_radius_come_with_their_distance_nearest_first(dementia_near_wigan, directory):
    venues = [result for result in dementia_near_wigan["results"] if "distance_km" in result]
    assert [result["id"] for result in venues] == [directory.venue_near.id, directory.venue_3km.id]
    for result, service in zip(venues, (directory.venue_near, directory.venue_3km), strict=True):
        location = service.service_at_locations[0].location
        assert result["distance_km"] == pytest.approx(
            km_between(directory.centre, (location.latitude, location.longitude)), abs=0.05
        )
        assert result["distance_text"].endswith("miles away")
        assert "visits_your_area" not in result and "online" not in result
    assert directory.venue_far.id not in {result["id"] for result in dementia_near_wigan["results"]}


def test_home_visits_are_included_only_where_they_cover_the_postcode(dementia_near_wigan, directory):
    results = {result["id"]: result for result in dementia_near_wigan["results"]}
    assert results[directory.visits_covering.id]["visits_your_area"] is True
    assert results[directory.visits_districts.id]["visits_your_area"] is True
    assert "distance_km" not in results[directory.visits_covering.id]
    assert directory.visits_elsewhere.id not in results
    assert directory.unpublished.id not in results


def test_online_services_are_always_eligible_and_marked(dementia_near_wigan, directory):
    assert by_name(dementia_near_wigan)["Dementia Carers Online"]["online"] is True


def test_each_result_says_what_when_cost_and_phone(dementia_near_wigan, directory):
    cafe = by_name(dementia_near_wigan)["Memory Lane Dementia Cafe"]
    assert cafe["id"] == directory.venue_near.id
    assert urlsplit(cafe["url"]).scheme in ("http", "https")
    assert urlsplit(cafe["url"]).path == f"/services/{directory.venue_near.id}"
    assert cafe["summary"] == "A dementia cafe for people living with dementia and their carers."
    assert cafe["kind"] == "community_hub"
    assert cafe["cost"] == "Free"
    assert cafe["phone"] == "01942 000000"
    # Open 9 to 5 on weekdays: the next session is on a weekday at 9am (or under way now).
    upcoming = datetime.fromisoformat(cafe["next_session"])
    assert upcoming.weekday() < 5 and upcoming.hour == 9
    assert "9am" in cafe["when"]

    provider = by_name(dementia_near_wigan)["Home Companions Dementia Care"]
    assert provider["cost"] == "£18 an hour"
    assert provider["kind"] == "micro_provider"
    assert provider["next_session"] is None and provider["when"] is None


def test_the_total_counts_every_match_and_the_limit_caps_the_list(client, directory):
    body = client.get("/api/search?q=dementia&location=WN1+1AA&limit=2").get_json()
    assert len(body["results"]) == 2
    assert body["total"] == 5  # two venues, two home-visit providers that cover it, one online


def test_the_search_url_opens_the_same_search_on_the_site(client, dementia_near_wigan):
    url = urlsplit(dementia_near_wigan["search_url"])
    assert url.path == "/search"
    assert parse_qs(url.query) == {"q": ["dementia"], "location": ["WN1 1AA"]}
    assert client.get(f"{url.path}?{url.query}").status_code == 200


def test_postcode_and_place_are_accepted_as_the_location(client, directory):
    by_postcode = client.get("/api/search?q=dementia&postcode=wn11aa").get_json()
    assert by_postcode["query"]["place"] == "WN1 1AA"
    by_place = client.get("/api/search?q=dementia&place=Wigan").get_json()
    assert by_place["query"]["place"] == "Wigan"
    assert directory.venue_near.id in {result["id"] for result in by_place["results"]}


def test_filters_narrow_the_results(client, directory):
    tuesdays = client.get("/api/search?q=dementia&location=WN1+1AA&day=tuesday&limit=20").get_json()
    assert tuesdays["query"]["day"] == "TU"
    names = {result["name"] for result in tuesdays["results"]}
    assert "Forget Me Not Dementia Group" in names and "Memory Lane Dementia Cafe" in names
    narrow = client.get("/api/search?location=WN1+1AA&category=dementia&radius=2&limit=20").get_json()
    assert directory.venue_3km.id not in {result["id"] for result in narrow["results"]}
    assert directory.venue_near.id in {result["id"] for result in narrow["results"]}
    assert parse_qs(urlsplit(narrow["search_url"]).query)["radius"] == ["3"]  # the site's nearest choice


def test_a_misspelling_gets_a_suggestion(client, directory):
    body = client.get("/api/search?q=dementai&location=WN1+1AA").get_json()
    assert body["suggestion"] == "dementia"
