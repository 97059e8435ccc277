"""The issue's headline journey on the real demo region: dementia support near WN1 1AA."""

import pytest
from bs4 import BeautifulSoup

from web.geo import distance_km, find_postcode

WN1_1AA = find_postcode("WN1 1AA")
COVERS_WN1_1AA = "Wigan Memory Companions"  # visits within 8 km of WN1 2DA
ELSEWHERE = "Forget-Me-Not Visiting, Bramhall"  # visits around SK7 1AA only


@pytest.fixture
def demo_client(app, client):
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    return client


def test_the_page_lists_dementia_support_nearest_first_with_distances(demo_client):
    response = demo_client.get(
        "/search", query_string={"q": "dementia", "location": "WN1 1AA", "sort": "distance"}
    )
    assert response.status_code == 200
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    cards = soup.select(".app-result")
    names = [card.select_one("h2 a").get_text(strip=True) for card in cards]
    assert COVERS_WN1_1AA in names
    assert ELSEWHERE not in names
    # Venue results come first, each with its distance in miles, nearest first.
    distances = []
    for card in cards:
        text = " ".join(card.get_text(" ").split())
        if " miles away" in text or " mile away" in text:
            miles = text.split(" mile")[0].split()[-1]
            distances.append(float(miles))
    assert len(distances) >= 2
    assert distances == sorted(distances)


def test_the_api_agrees_and_every_venue_is_inside_the_radius(demo_client):
    body = demo_client.get(
        "/api/search", query_string={"q": "dementia", "location": "WN1 1AA", "limit": 20}
    ).json
    names = [result["name"] for result in body["results"]]
    assert COVERS_WN1_1AA in names and ELSEWHERE not in names
    venue_distances = [r["distance_km"] for r in body["results"] if r.get("distance_km") is not None]
    assert venue_distances and all(km <= 5.0 for km in venue_distances)
    visitor = next(r for r in body["results"] if r["name"] == COVERS_WN1_1AA)
    assert visitor["visits_your_area"] is True
    # The reported distance is the real one from the postcode to the listing's venue.
    nearest = next(r for r in body["results"] if r.get("distance_km") is not None)
    location = demo_client.get(f"/api/oruk/services/{nearest['id']}").json["service_at_locations"][0][
        "location"
    ]
    actual = distance_km(WN1_1AA.latitude, WN1_1AA.longitude, location["latitude"], location["longitude"])
    assert nearest["distance_km"] == pytest.approx(actual, abs=0.05)


def _api(client, **params) -> dict:
    response = client.get("/api/search", query_string=params)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.json


def _is_about_stroke(client, result: dict) -> bool:
    service = client.get(f"/api/oruk/services/{result['id']}").json
    return "stroke" in f"{service['name']} {service['description']}".lower()


def test_stroke_near_bolton_lists_stroke_groups_first_and_labels_anything_general(demo_client):
    body = _api(demo_client, q="stroke", location="Bolton", limit=20)
    results = body["results"]
    direct = [r for r in results if not r.get("broader")]
    assert direct and results[: len(direct)] == direct  # nothing general before a stroke listing
    assert all(_is_about_stroke(demo_client, r) for r in direct)
    for result in results[len(direct) :]:
        assert result["broader_text"] == "General support, not specific to stroke"
    # Nearest first among the stroke listings with a venue.
    distances = [r["distance_km"] for r in direct if "distance_km" in r]
    assert len(distances) >= 2 and distances == sorted(distances)
    # The results page agrees (each demo load takes seconds, so one test checks both).
    soup = BeautifulSoup(
        demo_client.get("/search", query_string={"q": "my dad had a stroke", "location": "Bolton"}).get_data(
            as_text=True
        ),
        "html.parser",
    )
    names = [card.select_one("h2 a").get_text(strip=True) for card in soup.select(".app-result")]
    assert names and all("stroke" in name.lower() for name in names[:3])
    assert not any(word in " ".join(names).lower() for word in ("coffee morning", "memory caf", "dementia"))


def test_a_search_that_finds_little_nearby_looks_further_and_says_so(demo_client):
    # Near a Bolton postcode: circles of 5, 10 and 20 miles.
    body = _api(demo_client, q="stroke", location="BL1 1RU")
    assert body["widened"] == {
        "asked_km": 5.0,
        "used_km": 32.2,
        "message": "Nothing within 3 miles. These are within 20 miles.",
    }
    assert body["query"]["radius_km"] == pytest.approx(32.19, abs=0.01)
    page = BeautifulSoup(
        demo_client.get("/search", query_string={"q": "stroke", "location": "BL1 1RU"}).get_data(
            as_text=True
        ),
        "html.parser",
    )
    assert (
        page.select_one("#widened").get_text(strip=True)
        == "Nothing within 3 miles. These are within 20 miles."
    )
    assert page.select_one("#result-count").get_text(strip=True).endswith("within 20 miles of BL1 1RU")

    # The borough of Bolton is searched whole first, then in circles round its centre.
    body = _api(demo_client, q="stroke", location="Bolton")
    assert body["widened"]["asked_km"] is None
    assert body["widened"]["message"].startswith("Nothing in Bolton. These are within ")
    assert body["widened"]["message"].endswith(" miles of Bolton.")
    assert [r for r in body["results"] if not r.get("broader")]

    # Enough nearby: not widened.
    assert _api(demo_client, q="dementia", location="WN1 1AA")["widened"] is None
    page = demo_client.get("/search", query_string={"q": "dementia", "location": "WN1 1AA"})
    assert 'id="widened"' not in page.get_data(as_text=True)

    # A distance the person chose is kept.
    body = _api(demo_client, q="stroke", location="BL1 1RU", radius=5)
    assert body["widened"] is None
    assert all(r.get("distance_km", 0) <= 5 for r in body["results"])
    page = demo_client.get("/search", query_string={"q": "stroke", "location": "BL1 1RU", "radius": "1"})
    assert 'id="widened"' not in page.get_data(as_text=True)
