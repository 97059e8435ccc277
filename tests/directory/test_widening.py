"""The results page looks further away when little matches nearby, says so, and labels general support."""

import pytest

from tests.directory.conftest import error_for, parse, text_of
from tests.factories import make_service

NEAR = "WN1 1AA"  # 53.5449, -2.6313
KM_NORTH = 1 / 111.195


def stroke_group(name: str, km_north: float, description: str = "For people after a stroke.", **fields):
    return make_service(
        name,
        description=description,
        latitude=53.5449 + km_north * KM_NORTH,
        longitude=-2.6313,
        **fields,
    )


@pytest.fixture
def stroke_groups_far_away(client):
    stroke_group("Wigan Stroke Club", 1.0)  # the only one within 3 miles
    stroke_group("Leigh Stroke Club", 12.0)
    stroke_group("Bolton Stroke Club", 14.0)
    stroke_group("Chorley Stroke Club", 30.0)
    return client


def cards(soup) -> list[str]:
    return [text_of(card.select_one("h2 a")) for card in soup.select(".app-result")]


def test_few_nearby_looks_further_in_steps_and_says_so(stroke_groups_far_away):
    soup = parse(stroke_groups_far_away.get("/search", query_string={"q": "stroke", "location": NEAR}))
    assert text_of(soup.select_one("#widened")) == "Only 1 within 3 miles. These are within 10 miles."
    assert cards(soup) == ["Wigan Stroke Club", "Leigh Stroke Club", "Bolton Stroke Club"]
    assert text_of(soup.select_one("#result-count")) == "3 results within 10 miles of WN1 1AA"


def test_nothing_nearby_says_nothing_was_found_within_the_distance(client):
    stroke_group("Leigh Stroke Club", 12.0)
    soup = parse(client.get("/search", query_string={"q": "stroke", "location": NEAR}))
    assert text_of(soup.select_one("#widened")) == "Nothing within 3 miles. These are within 10 miles."
    assert cards(soup) == ["Leigh Stroke Club"]


def test_a_distance_the_person_chose_is_not_widened(stroke_groups_far_away):
    query = {"q": "stroke", "location": NEAR, "radius": "1"}
    soup = parse(stroke_groups_far_away.get("/search", query_string=query))
    assert soup.select_one("#widened") is None
    assert cards(soup) == ["Wigan Stroke Club"]


def test_enough_nearby_is_not_widened(client):
    for n in range(3):
        stroke_group(f"Stroke Club {n}", 0.5 + n)
    stroke_group("Leigh Stroke Club", 12.0)
    soup = parse(client.get("/search", query_string={"q": "stroke", "location": NEAR}))
    assert soup.select_one("#widened") is None
    assert "Leigh Stroke Club" not in cards(soup)


def test_general_support_comes_after_under_its_own_heading(client):
    stroke_group("Wigan Stroke Club", 2.0)
    stroke_group("Living Well Group", 0.2, description="For anyone with a long-term condition.")
    stroke_group("Carers Coffee Morning", 0.1, description="A group run by carers, for carers.")
    soup = parse(client.get("/search", query_string={"q": "stroke", "location": NEAR, "radius": "5"}))
    assert cards(soup) == ["Wigan Stroke Club", "Living Well Group"]
    assert text_of(soup.select_one("#broader-results")) == "General support, not specific to stroke"
    broader = soup.select(".app-result")[1]
    assert text_of(broader.select_one(".app-result__broader")) == "General support, not specific to stroke"
    assert soup.select(".app-result")[0].select_one(".app-result__broader") is None


def test_bad_input_still_gets_a_clear_message_not_a_wider_search(client):
    stroke_group("Leigh Stroke Club", 12.0)
    response = client.get("/search", query_string={"q": "stroke", "location": "WN99 9ZZ"})
    assert response.status_code == 400
    assert "could not find the postcode" in error_for(parse(response), "location")
