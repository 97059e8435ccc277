"""Listing facts worded for people: cost, whether it is stale, phone numbers, the area covered."""

from datetime import date, timedelta
from decimal import Decimal

from web.models import CostOption, Phone, Service, ServiceArea
from web.services.listings import cost_text, coverage_text, is_stale, phone_numbers


def priced(*options: tuple[str, str]) -> Service:
    service = Service(name="Helping Hands", is_free=False)
    service.cost_options.extend(CostOption(option=o, amount=Decimal(a)) for o, a in options)
    return service


def test_cost_text():
    assert cost_text(Service(name="Group", is_free=True)) == "Free"
    assert cost_text(priced(("Per hour", "18"))) == "£18 an hour"
    assert cost_text(priced(("Per hour", "18.50"))) == "£18.50 an hour"
    assert cost_text(priced(("Per hour", "22"), ("Per hour, weekends", "16"))) == "From £16 an hour"
    assert cost_text(priced(("Per meal", "4.5"))) == "£4.50 a meal"
    assert cost_text(Service(name="Ask", is_free=False)) == "Ask about the cost"


def test_stale_after_183_days_or_never_checked():
    today = date(2026, 11, 1)
    assert not is_stale(Service(assured_date=today - timedelta(days=183)), today)
    assert is_stale(Service(assured_date=today - timedelta(days=184)), today)
    assert is_stale(Service(assured_date=None), today)


def test_phone_numbers_once_each_in_order():
    service = Service(name="Hub")
    service.phones.extend(
        [Phone(number="0161 496 0001"), Phone(number="0161  496 0001"), Phone(number="07700 900123")]
    )
    assert phone_numbers(service) == ["0161 496 0001", "07700 900123"]


def test_coverage_text():
    radius = Service(name="Visits")
    radius.service_areas.append(ServiceArea(name="Around Wigan", base_postcode="WN3 4AB", radius_km=8.0))
    assert coverage_text(radius) == "Visits homes within 5 miles of WN3 4AB"
    districts = Service(name="Visits")
    districts.service_areas.append(ServiceArea(name="Leigh", postcode_districts="WN7 M29 M46"))
    assert coverage_text(districts) == "Visits homes in postcode areas M29, M46 and WN7"
    assert coverage_text(Service(name="Venue only")) is None
