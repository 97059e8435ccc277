"""A council's name searches that council's area on the real demo region, not a circle round a point."""

import pytest

from search_index import SearchQuery
from web.extensions import db
from web.geo import resolve_location
from web.geo.councils import council_data
from web.models import Service
from web.services.index_store import get_index
from web.services.search import SearchRequest, find_services

TAMESIDE = "E08000008"
STOCKPORT = "E08000007"


@pytest.fixture
def demo_client(app, client):
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    return client


def _names_in(location: str) -> list[str]:
    outcome = find_services(SearchRequest(location=location, per_page=100), channel="test")
    return [item.service.name for item in outcome.items]


def _venue_council(name: str) -> str | None:
    service = db.session.scalars(db.select(Service).where(Service.name == name)).one()
    postcodes = [a.postal_code for link in service.service_at_locations for a in link.location.addresses]
    return council_data().of_postcode(postcodes[0]) if postcodes and service.at_venue else None


def test_tameside_lists_its_own_venues_and_not_stockport_ones_a_circle_round_hyde_catches(app, demo_client):
    centre = resolve_location("Hyde")  # a Tameside town by the Stockport border
    with app.app_context():
        in_tameside = _names_in("Tameside")
        hits = (
            get_index()
            .search(
                SearchQuery(latitude=centre.latitude, longitude=centre.longitude, radius_km=8.0, per_page=100)
            )
            .hits
        )
        circle = [db.session.get(Service, hit.service_id).name for hit in hits]
        area_councils = {name: _venue_council(name) for name in in_tameside}
        circle_councils = {name: _venue_council(name) for name in circle}
    venues_in_area = [name for name, council in area_councils.items() if council]
    assert venues_in_area and all(
        council == TAMESIDE for council in (area_councils[n] for n in venues_in_area)
    )
    over_the_border = [name for name, council in circle_councils.items() if council == STOCKPORT]
    assert over_the_border, "an 8 km circle should reach into Stockport"
    assert not set(over_the_border) & set(in_tameside)


def test_the_page_says_in_tameside_and_shows_no_distances(demo_client):
    page = demo_client.get("/search", query_string={"location": "Tameside"}).get_data(as_text=True)
    assert "results in Tameside" in page
    assert " miles away" not in page and " mile away" not in page


def test_the_api_names_the_area_as_the_place(demo_client):
    body = demo_client.get("/api/search", query_string={"location": "tameside"}).json
    assert body["query"]["place"] == "Tameside"
    assert all(result.get("distance_km") is None for result in body["results"])
    # Without distances, a venue says which town it is in, so the assistant can too.
    venues = [
        r for r in body["results"] if not (r.get("visits_your_area") or r.get("online") or r.get("by_phone"))
    ]
    assert venues and all(r["where_text"].startswith("In ") for r in venues)


def test_a_mistyped_place_offers_the_nearest_spelling(demo_client):
    response = demo_client.get("/search", query_string={"location": "Stokport"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Did you mean Stockport?" in page
    assert 'href="/search?location=Stockport' in page

    api = demo_client.get("/api/search", query_string={"location": "Stokport"})
    assert api.status_code == 400
    error = api.json["error"]
    assert error["field"] == "location" and error["suggestions"] == ["Stockport"]
    assert error["detail"] == "We could not find a place called Stokport. Did you mean Stockport?"
