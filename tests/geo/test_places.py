"""Place names against the real GeoNames data."""

import pytest

from web.geo import PLACE, find_place


@pytest.mark.parametrize(
    ("typed", "label", "latitude", "longitude"),
    [
        ("Didsbury", "Didsbury", 53.42, -2.23),
        ("wigan", "Wigan", 53.54, -2.64),
        ("HINDLEY", "Hindley", 53.53, -2.58),
        ("Stockport", "Stockport", 53.41, -2.16),
    ],
)
def test_place_names_resolve_whatever_the_case(typed, label, latitude, longitude):
    place = find_place(typed)

    assert place is not None
    assert place.kind == PLACE
    assert place.label == label
    assert place.postcode is None
    assert place.district is None
    assert place.latitude == pytest.approx(latitude, abs=0.02)
    assert place.longitude == pytest.approx(longitude, abs=0.02)


def test_leigh_is_the_town_near_wigan_not_a_smaller_leigh():
    place = find_place("Leigh")

    assert place is not None
    assert place.latitude == pytest.approx(53.50, abs=0.02)
    assert place.longitude == pytest.approx(-2.52, abs=0.02)


@pytest.mark.parametrize(
    "typed", ["Ashton-under-Lyne", "ashton under lyne", "Ashton - Under - Lyne", "  ASHTON UNDER-LYNE "]
)
def test_hyphens_and_spaces_are_interchangeable(typed):
    place = find_place(typed)

    assert place is not None
    assert place.label == "Ashton-under-Lyne"


@pytest.mark.parametrize("typed", ["St Helens", "St. Helens", "Saint Helens", "saint helens"])
def test_st_and_saint_are_the_same(typed):
    place = find_place(typed)

    assert place is not None
    assert place.label == "St Helens"
    assert place.latitude == pytest.approx(53.45, abs=0.02)  # the Merseyside town, not the Isle of Wight one


def test_a_county_or_city_after_a_comma_is_tolerated():
    assert find_place("Didsbury, Manchester") == find_place("Didsbury")


@pytest.mark.parametrize("typed", ["Paris", "Chicago", "Sydney"])
def test_places_outside_great_britain_are_not_found(typed):
    assert find_place(typed) is None


@pytest.mark.parametrize("typed", ["Nowheresville", "Wigann", "", "   "])
def test_unknown_names_are_not_found(typed):
    assert find_place(typed) is None
