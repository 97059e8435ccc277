"""/api/search: `widened` when it looked further than asked, and `broader` on general results."""

import pytest

from tests.factories import make_service

KM_NORTH = 1 / 111.195


def group(name: str, km_north: float, description: str) -> None:
    make_service(name, description=description, latitude=53.5449 + km_north * KM_NORTH, longitude=-2.6313)


def test_widened_says_how_far_it_looked_and_why(client):
    group("Leigh Stroke Club", 12.0, "For people after a stroke.")
    body = client.get("/api/search?q=stroke&location=WN1+1AA").get_json()
    assert body["widened"] == {
        "asked_km": 5.0,
        "used_km": 16.1,
        "message": "Nothing within 3 miles. These are within 10 miles.",
    }
    assert [r["name"] for r in body["results"]] == ["Leigh Stroke Club"]
    assert body["query"]["radius_km"] == pytest.approx(16.09, abs=0.01)


def test_a_radius_given_is_kept(client):
    group("Leigh Stroke Club", 12.0, "For people after a stroke.")
    body = client.get("/api/search?q=stroke&location=WN1+1AA&radius=5").get_json()
    assert body["widened"] is None and body["results"] == []


def test_general_results_are_marked_broader_and_come_last(client):
    group("Living Well Group", 0.2, "For anyone with a long-term condition.")
    group("Wigan Stroke Club", 2.0, "For people after a stroke.")
    body = client.get("/api/search?q=stroke&location=WN1+1AA").get_json()
    results = body["results"]
    assert [r["name"] for r in results] == ["Wigan Stroke Club", "Living Well Group"]
    assert "broader" not in results[0]
    assert results[1]["broader"] is True
    assert results[1]["broader_text"] == "General support, not specific to stroke"


def test_bad_radius_is_still_refused_clearly(client):
    response = client.get("/api/search?q=stroke&location=WN1+1AA&radius=-3")
    assert response.status_code == 400
    assert "radius" in response.get_data(as_text=True)
