"""The search results page: what each result says, filters, paging and every kind of bad input."""

import json
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.directory.conftest import error_for, error_summary, parse, text_of
from tests.factories import make_service, make_term, weekly
from web.models import AccessibilityFeature, ListingKind, Publication

NEAR = "WN1 1AA"
# About 20 km south-east of WN1 1AA, in Manchester.
FAR_LATITUDE, FAR_LONGITUDE = 53.4808, -2.2426


def results(response) -> list[dict[str, str]]:
    found = []
    for item in parse(response).select(".app-result"):
        link = item.select_one("h2 a")
        row = {
            "name": text_of(link),
            "href": link["href"],
            "kind": text_of(item.select_one(".app-result__kind")),
        }
        for fact in item.select(".govuk-summary-list__row"):
            row[text_of(fact.dt)] = text_of(fact.dd)
        found.append(row)
    return found


def names(response) -> list[str]:
    return [row["name"] for row in results(response)]


def test_home_page_asks_what_and_where_and_links_to_categories(client):
    make_term("dementia", "Dementia")
    make_term("befriending", "Befriending")
    soup = parse(client.get("/"))
    form = soup.select_one("main form")
    assert form["method"] == "get" and form["action"] == "/search"
    assert text_of(soup.select_one("label[for=q]")) == "What are you looking for?"
    assert text_of(soup.select_one("label[for=location]")) == "Where?"
    links = {text_of(a): a["href"] for a in soup.select(".app-category-links a")}
    assert links == {"Befriending": "/search?category=befriending", "Dementia": "/search?category=dementia"}


def test_dementia_near_a_postcode_lists_nearby_dementia_support_with_what_people_need(client):
    cafe = make_service(
        "Wigan Memory Cafe",
        categories=("dementia",),
        description="A cafe for people living with dementia.",
        schedules=(weekly("MO,TU,WE,TH,FR,SA,SU", "10:00", "12:00"),),
        phone="01942 111 222",
    )
    make_service(
        "Dementia Home Helpers",
        kind=ListingKind.MICRO_PROVIDER,
        categories=("dementia",),
        description="Help at home for people with dementia.",
        visiting_radius_km=10,
        is_free=False,
        price=Decimal("18"),
    )
    make_service(
        "Dementia Phone Friends",
        categories=("dementia",),
        description="Dementia calls.",
        postcode=None,
        by_phone=True,
    )
    make_service(
        "Manchester Dementia Group", categories=("dementia",), latitude=FAR_LATITUDE, longitude=FAR_LONGITUDE
    )
    make_service("Wigan Gardening Club", categories=("gardening",), description="Gardening together.")

    # A distance of the person's own choosing, so the search does not look further (test_widening.py).
    response = client.get("/search", query_string={"q": "dementia", "location": "wn11aa", "radius": "1"})

    assert response.status_code == 200
    soup = parse(response)
    assert text_of(soup.select_one("#result-count")) == "3 results near WN1 1AA"
    rows = {row["name"]: row for row in results(response)}
    assert set(rows) == {"Wigan Memory Cafe", "Dementia Home Helpers", "Dementia Phone Friends"}
    cafe_row = rows["Wigan Memory Cafe"]
    assert cafe_row["href"] == f"/services/{cafe.id}"
    assert cafe_row["kind"] == ListingKind.PEER_SUPPORT.label
    assert cafe_row["Where"].endswith("miles away")
    assert cafe_row["When"] == "Today, 10am to 12pm"
    assert cafe_row["Cost"] == "Free"
    assert cafe_row["Phone"] == "01942 111 222"
    assert cafe_row["Type of support"] == "Dementia"
    assert soup.select_one('.app-result a[href="tel:01942111222"]')
    assert rows["Dementia Home Helpers"]["Where"] == "Visits homes in your area"
    assert rows["Dementia Home Helpers"]["Cost"] == "£18 an hour"
    assert rows["Dementia Phone Friends"]["Where"] == "By phone"


def test_the_form_keeps_what_was_searched(client):
    soup = parse(client.get("/search", query_string={"q": "lunch club", "location": "Wigan", "radius": "10"}))
    assert soup.select_one("#q")["value"] == "lunch club"
    assert soup.select_one("#location")["value"] == "Wigan"
    assert soup.select_one("#radius option[selected]")["value"] == "10"


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, {"Free Group", "Paid DP Provider", "Tuesday Group", "Step Free Hub", "Far Group"}),
        ({"free": "y"}, {"Free Group", "Tuesday Group", "Step Free Hub", "Far Group"}),
        ({"dp": "y"}, {"Paid DP Provider"}),
        ({"kind": "community_hub"}, {"Step Free Hub"}),
        ({"kind": ["community_hub", "micro_provider"]}, {"Step Free Hub", "Paid DP Provider"}),
        ({"category": "befriending"}, {"Tuesday Group"}),
        ({"audience": "carers"}, {"Free Group"}),
        ({"day": "TU"}, {"Tuesday Group"}),
        ({"access": "step_free"}, {"Step Free Hub"}),
        ({"radius": "1"}, {"Free Group", "Paid DP Provider", "Tuesday Group", "Step Free Hub"}),
    ],
)
def test_filters_narrow_the_results(client, filters, expected):
    make_service(
        "Free Group", categories=("peer_support",), audiences=("carers",), description="Support group."
    )
    make_service(
        "Paid DP Provider",
        kind=ListingKind.MICRO_PROVIDER,
        description="Support at home.",
        visiting_radius_km=5,
        is_free=False,
        dp_payable=True,
        price=Decimal("20"),
    )
    make_service(
        "Tuesday Group",
        categories=("befriending",),
        description="Support and a chat.",
        schedules=(weekly("TU"),),
    )
    make_service(
        "Step Free Hub",
        kind=ListingKind.COMMUNITY_HUB,
        description="Support and advice.",
        accessibility=(AccessibilityFeature.STEP_FREE,),
    )
    make_service("Far Group", description="Support far away.", latitude=53.60, longitude=-2.55)

    query = {"q": "support", "location": NEAR, "radius": "20", **filters}
    response = client.get("/search", query_string=query)

    assert response.status_code == 200
    assert set(names(response)) == expected


def test_sort_by_distance_puts_the_nearest_first(client):
    make_service("Further Group", description="A carers group.", latitude=53.56, longitude=-2.60)
    make_service("Nearest Group", description="A carers group.", latitude=53.5450, longitude=-2.6310)
    make_service("Middle Group", description="A carers group.", latitude=53.55, longitude=-2.62)
    response = client.get(
        "/search", query_string={"q": "carers", "location": NEAR, "radius": "10", "sort": "distance"}
    )
    assert names(response) == ["Nearest Group", "Middle Group", "Further Group"]


def test_results_come_in_pages_with_gov_uk_pagination(client):
    for number in range(12):
        make_service(f"Lunch Club {number:02d}", description="A lunch club.")
    first = client.get("/search", query_string={"q": "lunch", "location": NEAR})
    assert len(results(first)) == 10
    pagination = parse(first).select_one("nav.govuk-pagination")
    assert pagination is not None
    next_href = pagination.select_one(".govuk-pagination__next a")["href"]
    assert parse_qs(urlsplit(next_href).query) == {"q": ["lunch"], "location": [NEAR], "page": ["2"]}

    second = client.get(next_href)
    assert len(results(second)) == 2
    assert set(names(first)).isdisjoint(names(second))
    assert parse(second).select_one(".govuk-pagination__prev a")

    beyond = client.get("/search", query_string={"q": "lunch", "location": NEAR, "page": "3"})
    assert beyond.status_code == 400
    assert error_for(parse(beyond), "page") == "Error: Page must be a number from 1 to 2"


def test_no_results_suggests_what_to_try_next(app, client):
    response = client.get("/search", query_string={"q": "zebra grooming", "location": NEAR, "free": "y"})
    assert response.status_code == 200
    soup = parse(response)
    assert text_of(soup.select_one("#result-count")) == "0 results near WN1 1AA"
    advice = text_of(soup.main)
    assert "No results" in advice and app.config["COUNCIL_PHONE"] in advice
    links = {text_of(a): a["href"] for a in soup.main.select("li a")}
    assert parse_qs(urlsplit(links["search up to 20 miles away"]).query)["radius"] == ["20"]
    assert "free" not in parse_qs(urlsplit(links["search again without filters"]).query)


def test_a_misspelling_offers_did_you_mean(client):
    make_service("Memory Cafe", categories=("dementia",), description="For people living with dementia.")
    soup = parse(client.get("/search", query_string={"q": "dementa", "location": NEAR}))
    link = soup.find("a", string="dementia")
    assert link is not None
    assert parse_qs(urlsplit(link["href"]).query) == {"q": ["dementia"], "location": [NEAR]}


def test_an_empty_search_asks_for_something_to_search_for(client):
    response = client.get("/search", query_string={"q": "  ", "location": ""})
    assert response.status_code == 200
    soup = parse(response)
    assert "Tell us what you are looking for" in text_of(soup.select_one(".govuk-inset-text"))
    assert soup.select_one(".govuk-error-summary") is None
    assert results(response) == []


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"location": "ZZ99 9ZZ"}, "location"),
        ({"location": "Nowhereville-on-Sea"}, "location"),
        ({"location": "<script>alert(1)</script>"}, "location"),
        ({"q": "x" * 201}, "q"),
        ({"q": "dementia", "radius": "abc"}, "radius"),
        ({"q": "dementia", "radius": "7"}, "radius"),
        ({"q": "dementia", "radius": "-1"}, "radius"),
        ({"q": "dementia", "page": "abc"}, "page"),
        ({"q": "dementia", "page": "0"}, "page"),
        ({"q": "dementia", "page": "99999"}, "page"),
        ({"q": "dementia", "day": "XX"}, "day"),
        ({"q": "dementia", "sort": "price"}, "sort"),
        ({"q": "dementia", "category": "no-such-category"}, "category"),
        ({"q": "dementia", "kind": "castle"}, "kind"),
        ({"q": "dementia", "access": "lift"}, "access"),
    ],
)
def test_bad_input_shows_a_message_next_to_the_field_with_status_400(client, query, field):
    make_term("dementia", "Dementia")
    response = client.get("/search", query_string=query)
    assert response.status_code == 400
    soup = parse(response)
    message = error_for(soup, field)
    assert message.startswith("Error: ") and len(message) > len("Error: ")
    summary = error_summary(soup)
    assert len(summary) == 1 and summary[0][1] == f"#{field}"
    assert summary[0][0] == message.removeprefix("Error: ")
    assert soup.title.get_text().startswith("Error: ")
    assert "<script>alert(1)</script>" not in response.get_data(as_text=True)


def test_hostile_search_words_are_escaped_everywhere(client):
    hostile = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>"
    response = client.get("/search", query_string={"q": hostile, "location": NEAR})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<script>alert('x')" not in html and "<img src=x" not in html
    assert parse(response).select_one("#q")["value"] == hostile


def test_control_characters_and_sql_are_just_words(client):
    make_service("Carers Group", description="A group for carers.")
    response = client.get(
        "/search", query_string={"q": "carers'; DROP TABLE service;--\x00\x1b", "location": NEAR}
    )
    assert response.status_code == 200
    assert client.get("/search", query_string={"q": "carers", "location": NEAR}).status_code == 200
    assert names(client.get("/search", query_string={"q": "carers", "location": NEAR})) == ["Carers Group"]


def test_unpublished_listings_never_appear(client):
    make_service("Published Group", description="A carers group.")
    make_service("Draft Group", description="A carers group.", publication=Publication.DRAFT)
    assert names(client.get("/search", query_string={"q": "carers", "location": NEAR})) == ["Published Group"]


def test_no_map_and_no_map_script_without_a_tile_server(client):
    make_service("Carers Group", description="A group for carers.")
    soup = parse(client.get("/search", query_string={"q": "carers", "location": NEAR}))
    assert soup.select_one(".app-map") is None
    assert not [s for s in soup.find_all("script") if "leaflet" in (s.get("src") or "")]


def test_a_map_container_carries_the_markers_when_a_tile_server_is_set(app, client):
    service = make_service("Carers Group", description="A group for carers.")
    app.config["MAP_TILE_URL"] = "http://127.0.0.1:9/tiles/{z}/{x}/{y}.png"
    try:
        soup = parse(client.get("/search", query_string={"q": "carers", "location": NEAR}))
    finally:
        app.config["MAP_TILE_URL"] = ""
    container = soup.select_one(".app-map")
    assert container is not None and container.has_attr("hidden")
    markers = json.loads(container["data-markers"])
    assert markers == [
        {"name": "Carers Group", "lat": 53.5449, "lon": -2.6313, "url": f"/services/{service.id}"}
    ]
    assert soup.select_one('script[src$="leaflet.js"]')
