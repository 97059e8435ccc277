from datetime import date

import pytest

from web.directory.formatting import date_text, tel_href
from web.services.listings import distance_text, km_to_miles, miles_to_km


def test_dates_read_like_gov_uk_dates():
    assert date_text(date(2026, 3, 3)) == "3 March 2026"
    assert date_text(date(2025, 12, 25)) == "25 December 2025"
    assert date_text(None) == ""


@pytest.mark.parametrize(
    ("km", "expected"),
    [
        (0.05, "less than 0.1 miles"),
        (1.609344, "1 mile"),
        (1.931, "1.2 miles"),
        (8.0467, "5 miles"),
        (32.2, "20 miles"),
    ],
)
def test_distances_are_shown_in_miles(km, expected):
    assert distance_text(km) == expected


def test_miles_and_km_convert_both_ways():
    assert miles_to_km(1) == pytest.approx(1.609344)
    assert km_to_miles(miles_to_km(3)) == pytest.approx(3)


@pytest.mark.parametrize(
    ("number", "href"),
    [
        ("01942 000 000", "tel:01942000000"),
        ("(0161) 555-0100", "tel:01615550100"),
        ("+44 161 555 0100", "tel:+441615550100"),
    ],
)
def test_phone_links_keep_only_what_a_phone_dials(number, href):
    assert tel_href(number) == href
