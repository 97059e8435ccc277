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
