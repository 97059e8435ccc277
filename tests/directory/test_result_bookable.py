"""Search results say which listings can be booked online today, by the same rule as the Book button."""

from datetime import date, timedelta

from tests.directory.conftest import parse, text_of
from tests.factories import make_bookable_provider, make_service
from web.extensions import db
from web.models import ProviderStatus


def tags_by_name(soup) -> dict[str, list[str]]:
    return {
        text_of(card.select_one("h2 a")): [text_of(tag) for tag in card.select(".govuk-tag")]
        for card in soup.select(".app-result")
    }


def search(client, **params):
    response = client.get("/search", query_string={"q": "help at home", "location": "WN1 1AA", **params})
    assert response.status_code == 200
    return parse(response)


def test_only_listings_bookable_today_carry_the_book_online_tag(client):
    make_bookable_provider("Wigan Home Helpers")
    make_bookable_provider(
        "Lapsed Home Help", owner_email="lapsed@example.org", check_expiry=date.today() - timedelta(days=1)
    )
    waiting, _, _ = make_bookable_provider("Waiting Home Help", owner_email="waiting@example.org")
    waiting.status = ProviderStatus.AWAITING_CHECKS
    db.session.commit()
    make_service("Home Help Advice Line", description="Advice on help at home.", postcode="WN1 1AA")

    tags = tags_by_name(search(client))

    assert tags["Wigan Home Helpers"] == ["Book online"]
    assert tags["Lapsed Home Help"] == []
    assert tags["Waiting Home Help"] == []
    assert tags["Home Help Advice Line"] == []


def test_api_search_says_which_results_are_bookable(client):
    make_bookable_provider("Wigan Home Helpers")
    make_bookable_provider(
        "Lapsed Home Help", owner_email="lapsed@example.org", check_expiry=date.today() - timedelta(days=1)
    )
    make_service("Home Help Advice Line", description="Advice on help at home.", postcode="WN1 1AA")

    response = client.get("/api/search", query_string={"q": "help at home", "location": "WN1 1AA"})

    assert response.status_code == 200
    results = {result["name"]: result["bookable"] for result in response.get_json()["results"]}
    assert results == {"Wigan Home Helpers": True, "Lapsed Home Help": False, "Home Help Advice Line": False}
