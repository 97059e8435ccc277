"""The listing page's "Book online" section: what a provider sells, at what price, and a Book button only
while the listing can be booked online today."""

from datetime import date, timedelta

from tests.directory.conftest import parse, text_of
from tests.factories import make_bookable_provider, make_service
from web.extensions import db
from web.models import CheckKind, Offering, PriceUnit, ProviderStatus


def section(soup):
    heading = soup.find(id="book-online")
    assert heading is not None, "the page should have a Book online section"
    return soup.select(".app-offering")


def facts_of(offering_block) -> dict[str, str]:
    found = {}
    for row in offering_block.select(".govuk-summary-list__row"):
        found[text_of(row.select_one(".govuk-summary-list__key"))] = text_of(
            row.select_one(".govuk-summary-list__value")
        )
    return found


def book_links(soup) -> list[str]:
    return [a["href"] for a in soup.select("a.govuk-button--start")]


def test_a_bookable_listing_shows_each_offering_with_its_price_terms_and_a_book_button(client):
    _business, offering, _ = make_bookable_provider(price_pence=1850, minimum_minutes=90)
    offering.who_it_is_for = "Older people living at home"
    second = Offering(
        service=offering.service,
        name="Sitting service",
        price_pence=4500,
        price_unit=PriceUnit.VISIT,
        minimum_minutes=120,
        dp_payable=False,
        free_cancellation_hours=0,
        late_fee_percent=0,
    )
    db.session.add(second)
    db.session.commit()

    soup = parse(client.get(f"/services/{offering.service_id}"))

    first_block, second_block = section(soup)
    assert text_of(first_block.h3) == "Help at home"
    assert "Shopping, cleaning and a chat." in text_of(first_block)
    assert facts_of(first_block) == {
        "Who it is for": "Older people living at home",
        "Price": "£18.50 an hour",
        "Shortest booking": "1 hour 30 minutes",
        "Direct payments": "Can be paid with a direct payment",
        "Cancelling": "You can cancel free up to 24 hours before. After that, you pay 50% of the price.",
    }
    assert facts_of(second_block) == {
        "Price": "£45 a visit",
        "Shortest booking": "2 hours",
        "Cancelling": "You can cancel free at any time.",
    }
    assert book_links(soup) == [f"/book/{offering.id}", f"/book/{second.id}"]
    # Each button says which offering it books, for people who hear the page.
    assert text_of(first_block.select_one("a.govuk-button")) == "Book Help at home"
    assert soup.find(id="booking-unavailable") is None


def test_a_withdrawn_offering_is_not_shown(client):
    _business, offering, _ = make_bookable_provider()
    db.session.add(
        Offering(
            service=offering.service,
            name="Gardening",
            price_pence=1500,
            price_unit=PriceUnit.HOUR,
            is_active=False,
        )
    )
    db.session.commit()

    soup = parse(client.get(f"/services/{offering.service_id}"))

    assert [text_of(block.h3) for block in section(soup)] == ["Help at home"]
    assert "Gardening" not in text_of(soup)


def test_expired_insurance_keeps_prices_but_hides_book_and_says_to_phone(client):
    business, offering, _ = make_bookable_provider(check_expiry=date.today() - timedelta(days=1))
    business.public_phone = "01942 765432"
    db.session.commit()

    soup = parse(client.get(f"/services/{offering.service_id}"))

    [block] = section(soup)
    assert facts_of(block)["Price"] == "£20 an hour"
    assert book_links(soup) == []
    assert f"/book/{offering.id}" not in str(soup)
    line = soup.find(id="booking-unavailable")
    assert text_of(line).startswith("Online booking is not available at the moment. Phone them to ask")
    # The listing's own number (from the factory's listing) is the one shown, as a phone link.
    assert [a["href"] for a in line.select("a.app-phone")]
    # Nothing says the evidence has run out, and the checks line leaves insurance out.
    assert "insured" not in text_of(soup).lower()


def test_a_business_without_a_listing_phone_shows_its_public_phone_when_it_cannot_be_booked(client):
    business, offering, _ = make_bookable_provider()
    business.status = ProviderStatus.AWAITING_CHECKS
    business.public_phone = "07700 900982"
    offering.service.phones.clear()
    db.session.commit()

    soup = parse(client.get(f"/services/{offering.service_id}"))

    assert book_links(soup) == []
    line = soup.find(id="booking-unavailable")
    assert "07700 900982" in text_of(line)


def test_personal_care_without_cqc_cannot_be_booked_online(client):
    business, offering, _ = make_bookable_provider(is_personal_care=True)
    business.checks = [c for c in business.checks if c.kind is not CheckKind.CQC]
    db.session.commit()

    soup = parse(client.get(f"/services/{offering.service_id}"))

    assert book_links(soup) == []
    assert soup.find(id="booking-unavailable") is not None


def test_a_listing_that_sells_nothing_here_has_no_book_online_section(client):
    service = make_service("Wigan Carers Centre")
    soup = parse(client.get(f"/services/{service.id}"))
    assert soup.find(id="book-online") is None
    assert soup.find(id="booking-unavailable") is None


def test_the_book_button_is_left_off_the_printed_page_but_prices_are_not(client):
    _business, offering, _ = make_bookable_provider()
    soup = parse(client.get(f"/services/{offering.service_id}"))
    [button] = soup.select("a.govuk-button--start")
    assert "app-no-print" in button["class"]
    [block] = section(soup)
    assert not block.find_parent(class_="app-no-print")
    assert "app-no-print" not in block.get("class", [])


def test_a_provider_listing_gives_its_reach_in_miles_and_points_to_the_offerings_for_prices(client):
    _business, offering, _ = make_bookable_provider(visiting_radius_km=4.828032)  # 3 miles
    soup = parse(client.get(f"/services/{offering.service_id}"))
    text = text_of(soup)
    assert "Visits homes within 3 miles of WN1 1AA" in text
    assert "Ask about the cost" not in text
    cost_heading = soup.find("h2", string="Cost")
    assert "".join(cost_heading.find_next("p").strings).strip() == "The prices are under Book online."


def test_a_listing_that_says_nothing_about_who_it_is_for_has_no_empty_section(client):
    said_nothing = make_service("Quiet Group", categories=())
    soup = parse(client.get(f"/services/{said_nothing.id}"))
    assert soup.find("h2", string="Who it is for") is None
