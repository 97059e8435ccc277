"""The listing page: what, who for, when, where, cost, contact, freshness; 404 for what is not public."""

from datetime import date, timedelta

from tests.directory.conftest import parse, text_of
from tests.factories import make_service, make_term, weekly
from web.directory.formatting import date_text
from web.extensions import db
from web.models import AccessibilityFeature, Language, ListingKind, Publication, ServiceStatus


def facts(soup) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for row in soup.select(".govuk-summary-list__row"):
        key = text_of(row.select_one(".govuk-summary-list__key"))
        found.setdefault(key, []).append(text_of(row.select_one(".govuk-summary-list__value")))
    return found


def test_a_venue_listing_shows_what_when_where_cost_and_how_to_get_in_touch(client):
    service = make_service(
        "Wigan Memory Cafe",
        description="A relaxed cafe for people living with dementia and their carers. Tea and a chat.",
        categories=("dementia",),
        audiences=("carers",),
        accessibility=(AccessibilityFeature.STEP_FREE, AccessibilityFeature.HEARING_LOOP),
        schedules=(weekly("TU", "10:00", "12:00"),),
        phone="01942 111 222",
        email="cafe@example.org",
        url="https://memorycafe.example.org",
        assured_date=date.today() - timedelta(days=10),
        commit=False,
    )
    service.languages.append(Language(name="Polish"))
    db.session.commit()

    soup = parse(client.get(f"/services/{service.id}"))

    assert text_of(soup.h1) == "Wigan Memory Cafe"
    assert text_of(soup.select_one(".govuk-caption-l")) == ListingKind.PEER_SUPPORT.label
    page_facts = facts(soup)
    assert page_facts["Phone"] == ["01942 111 222"]
    assert soup.select_one('a[href="tel:01942111222"]')
    assert page_facts["Email"] == ["cafe@example.org"]
    assert page_facts["Website"] == ["https://memorycafe.example.org"]
    assert page_facts["When"] == ["Every Tuesday, 10am to 12pm"]
    assert page_facts["Address"] == ["Wigan Memory Cafe venue 1 Market Street, Wigan, WN1 1AA"]
    assert page_facts["Type of support"] == ["Dementia"]
    assert page_facts["Who it is for"] == ["Carers"]
    assert page_facts["Languages"] == ["Polish"]
    main = text_of(soup.main)
    assert "Step-free access" in main and "Hearing loop" in main
    assert "Free" in main
    assert f"Last checked on {date_text(date.today() - timedelta(days=10))}." in main
    assert "has not been checked for over 6 months" not in main
    assert (
        soup.find("a", string="Report a problem with this listing")["href"]
        == f"/services/{service.id}/report"
    )


def test_a_home_visiting_provider_shows_the_area_it_covers_and_its_price(client):
    from decimal import Decimal

    service = make_service(
        "Helping Hands Wigan",
        kind=ListingKind.MICRO_PROVIDER,
        visiting_radius_km=8,
        is_free=False,
        dp_payable=True,
        price=Decimal("18.00"),
    )
    soup = parse(client.get(f"/services/{service.id}"))
    page_facts = facts(soup)
    assert page_facts["Area covered"] == ["Visits homes within 5 miles of WN1 1AA"]
    assert "Address" not in page_facts
    main = text_of(soup.main)
    assert "£18 an hour" in main
    assert "You can pay with a direct payment." in main


def test_a_stale_listing_warns_people_to_check_first(client):
    service = make_service(assured_date=date.today() - timedelta(days=400))
    main = text_of(parse(client.get(f"/services/{service.id}")).main)
    assert "has not been checked for over 6 months" in main


def test_a_temporarily_closed_listing_says_so(client):
    service = make_service(status=ServiceStatus.TEMPORARILY_CLOSED)
    warning = parse(client.get(f"/services/{service.id}")).select_one(".govuk-warning-text")
    assert "temporarily closed" in text_of(warning)


def test_unknown_and_unpublished_listings_are_not_found(client):
    draft = make_service("Draft listing", publication=Publication.DRAFT)
    assert client.get(f"/services/{draft.id}").status_code == 404
    assert client.get("/services/00000000-0000-0000-0000-000000000000").status_code == 404
    assert client.get("/services/'%20OR%201=1--").status_code == 404


def test_hostile_text_in_a_listing_is_shown_as_text(client):
    service = make_service(
        "<script>alert('name')</script>",
        description="<img src=x onerror=alert(1)> Nice group.",
        url="javascript:alert(1)",
    )
    response = client.get(f"/services/{service.id}")
    html = response.get_data(as_text=True)
    assert "<script>alert('name')</script>" not in html
    assert "&lt;script&gt;alert(" in html
    assert "<img src=x" not in html
    soup = parse(response)
    assert not soup.select('a[href^="javascript:"]')


def test_categories_show_their_names(client):
    make_term("shopping_and_cooking", "Shopping and cooking")
    service = make_service(categories=("shopping_and_cooking",))
    assert "Shopping and cooking" in facts(parse(client.get(f"/services/{service.id}")))["Type of support"]


def test_each_price_reads_once_without_repeating_itself(client):
    from decimal import Decimal

    from web.models import CostOption

    service = make_service(
        "Sitting Friends", kind=ListingKind.MICRO_PROVIDER, visiting_radius_km=5, is_free=False
    )
    service.cost_options += [
        CostOption(option="Per hour", amount=Decimal("26"), amount_description="per hour of support"),
        CostOption(option="Half day sitting", amount=Decimal("98"), amount_description="per 4-hour visit"),
        CostOption(option="Taster session", amount=None, amount_description="free first visit"),
    ]
    db.session.commit()
    prices = [text_of(li) for li in parse(client.get(f"/services/{service.id}")).select("main li")]
    assert "£26 per hour of support" in prices
    assert "Half day sitting: £98 per 4-hour visit" in prices
    assert "Taster session: free first visit" in prices
