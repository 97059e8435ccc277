"""The SQL one request issues stays the same however many results, venues or times a page shows.

Each listing has what the pages read: categories and an audience, a venue with an address, accessibility
and its own session times, weekly times of its own, a price, a phone number and a language.
"""

from datetime import time
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from tests.factories import make_bookable_provider, make_service, weekly
from tests.statements import counted_statements
from web.extensions import db
from web.models import (
    Accessibility,
    AccessibilityFeature,
    Address,
    CostOption,
    Language,
    Location,
    Offering,
    PriceUnit,
    Schedule,
    Service,
    ServiceAtLocation,
)

SIZES = (1, 10, 50)
# About six when a process works a page out: the listings with what hangs off them (four), the filter
# terms and the count; a provider's listing page adds its business, checks, offerings and reviews.
MOST_STATEMENTS = 12
# Pages that keep what they worked out while the listings stay the same: the listing version, and for a
# search the anonymous count (on PostgreSQL with its setting for the commit).
KEPT_PAGES_MOST_STATEMENTS = 3


def statements_for(client, path: str) -> tuple[int, int]:
    """Statements of the first request after a change to the listings and of the next one, each request
    starting with nothing loaded, as a new request's session does."""
    counts = []
    for _ in range(2):
        db.session.expunge_all()
        with counted_statements() as statements:
            response = client.get(path)
        assert response.status_code == 200, response.get_data(as_text=True)
        counts.append(len(statements))
    return counts[0], counts[1]


def assert_bounded(counts: dict[int, tuple[int, int]], what: str, kept: bool = False) -> None:
    assert len(set(counts.values())) == 1, f"statements (first, next request) by number of {what}: {counts}"
    first, following = next(iter(counts.values()))
    assert first <= MOST_STATEMENTS
    assert following <= (KEPT_PAGES_MOST_STATEMENTS if kept else MOST_STATEMENTS)


def venue(number: int) -> ServiceAtLocation:
    location = Location(name=f"Hall {number}", latitude=53.5449 + number / 10_000, longitude=-2.6313)
    location.addresses.append(
        Address(address_1=f"{number} Market Street", city="Wigan", postal_code="WN1 1AA")
    )
    location.accessibility.append(Accessibility(feature=AccessibilityFeature.STEP_FREE))
    link = ServiceAtLocation(location=location)
    link.schedules.append(
        Schedule(freq="MONTHLY", byday="1TH", opens_at=time(14), closes_at=time(16), description="")
    )
    return link


def carers_group(number: int, venues: int = 1) -> Service:
    service = make_service(
        f"Wigan Carers Group {number}",
        description="A friendly group for carers.",
        categories=("peer_support", "carers_support"),
        audiences=("carers",),
        postcode=None,
        schedules=(weekly("TU"), weekly("FR", "13:00", "15:00")),
        is_free=False,
        commit=False,
    )
    service.at_venue = True
    service.service_at_locations.extend(venue(n) for n in range(venues))
    service.cost_options.append(CostOption(option="Per session", amount=Decimal("3")))
    service.languages.append(Language(name="English", code="en"))
    return service


@pytest.fixture
def pages_show_everything(app):
    """The results page shows every result, so each one costs what it would."""
    previous = app.config["RESULTS_PER_PAGE"]
    app.config["RESULTS_PER_PAGE"] = max(SIZES)
    yield
    app.config["RESULTS_PER_PAGE"] = previous


RESULT_PAGES = {
    "results page": "/search?q=carers&location=WN1+1AA",
    "results page, filtered": "/search?q=carers&location=WN1+1AA&category=carers_support&audience=carers",
    "/api/search": "/api/search?q=carers&location=WN1+1AA&limit=20",
    "ORUK /services": "/api/oruk/services",
    "ORUK /services, searched": "/api/oruk/services?search=carers&postcode=WN1+1AA",
    "ORUK /service_at_locations": "/api/oruk/service_at_locations",
}


@pytest.mark.parametrize("page", RESULT_PAGES)
def test_a_results_page_costs_the_same_statements_for_1_10_or_50_results(client, pages_show_everything, page):
    counts = {}
    for size in SIZES:
        existing = db.session.scalar(select(func.count()).select_from(Service))
        for number in range(existing, size):
            db.session.add(carers_group(number))
        db.session.commit()
        counts[size] = statements_for(client, RESULT_PAGES[page])
    assert_bounded(counts, "results", kept=page in KEPT_RESULT_PAGES)


KEPT_RESULT_PAGES = ("results page", "results page, filtered", "/api/search")


LISTING_PAGES = {"listing page": "/services/{id}", "ORUK /services/{id}": "/api/oruk/services/{id}"}


@pytest.mark.parametrize("page", LISTING_PAGES)
def test_a_listing_page_costs_the_same_statements_for_1_10_or_50_venues(client, page):
    counts = {}
    for size in SIZES:
        service = carers_group(size, venues=size)
        db.session.commit()
        counts[size] = statements_for(client, LISTING_PAGES[page].format(id=service.id))
    assert_bounded(counts, "venues", kept=page == "listing page")


def test_the_shortlist_costs_the_same_statements_for_1_10_or_40_listings(client):
    counts = {}
    for size in (1, 10, 40):  # 40 is the most a shortlist holds
        existing = db.session.scalar(select(func.count()).select_from(Service))
        for number in range(existing, size):
            service = carers_group(number)
            db.session.commit()
            assert client.post(f"/shortlist/add/{service.id}").status_code == 302
        counts[size] = statements_for(client, "/shortlist")
    assert_bounded(counts, "listings")


PROVIDER_PAGES = {
    "results page": "/search?q=help+at+home&location=WN1+1AA",
    "/api/search": "/api/search?q=help+at+home&location=WN1+1AA&limit=20",
    "ORUK /services": "/api/oruk/services",
}


@pytest.mark.parametrize("page", PROVIDER_PAGES)
def test_saying_which_results_can_be_booked_costs_the_same_for_1_10_or_50_providers(
    client, pages_show_everything, page
):
    counts = {}
    for size in SIZES:
        existing = db.session.scalar(select(func.count()).select_from(Service))
        for number in range(existing, size):
            make_bookable_provider(f"Home Helpers {number}", owner_email=f"provider{number}@example.org")
        counts[size] = statements_for(client, PROVIDER_PAGES[page])
    assert_bounded(counts, "providers", kept=page in KEPT_RESULT_PAGES)


def test_a_providers_listing_page_costs_the_same_for_1_10_or_50_offerings(client):
    _business, offering, _ = make_bookable_provider()
    counts = {}
    for size in SIZES:
        existing = db.session.scalar(select(func.count()).select_from(Offering))
        db.session.add_all(
            Offering(
                service_id=offering.service_id,
                name=f"Offering {n}",
                price_pence=1000,
                price_unit=PriceUnit.HOUR,
            )
            for n in range(existing, size)
        )
        db.session.commit()
        counts[size] = statements_for(client, f"/services/{offering.service_id}")
    assert_bounded(counts, "offerings", kept=True)
