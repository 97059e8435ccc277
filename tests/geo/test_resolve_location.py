"""What a person typed into a postcode-or-place field, and the message they see when it fails."""

import pytest

from web.geo import (
    DISTRICT,
    PLACE,
    POSTCODE,
    LocationNotFound,
    find_place,
    find_postcode,
    normalise_postcode,
    postcode_district,
    resolve_location,
)


@pytest.mark.parametrize(
    ("typed", "kind", "label"),
    [
        ("wn1 1aa", POSTCODE, "WN1 1AA"),
        ("WN1", DISTRICT, "WN1"),
        ("m20", DISTRICT, "M20"),
        ("Didsbury", PLACE, "Didsbury"),
        ("leigh", PLACE, "Leigh"),
    ],
)
def test_postcodes_districts_and_places_all_resolve(typed, kind, label):
    place = resolve_location(typed)

    assert place.kind == kind
    assert place.label == label


def test_an_unknown_but_well_formed_postcode_is_named_in_the_message():
    with pytest.raises(LocationNotFound) as error:
        resolve_location("wn99 9zz")

    assert error.value.message == "We could not find the postcode WN99 9ZZ. Check it and try again."


def test_an_unknown_district_is_named_in_the_message():
    with pytest.raises(LocationNotFound) as error:
        resolve_location("WN99")

    assert "WN99" in error.value.message


@pytest.mark.parametrize("typed", ["WN1 1A", "ZZ1 1ZZ", "12345", "WN1 1AAA"])
def test_a_malformed_postcode_asks_for_a_real_one(typed):
    with pytest.raises(LocationNotFound) as error:
        resolve_location(typed)

    assert error.value.message == "Enter a real postcode, like WN1 1AA"


def test_an_unknown_place_is_named_in_the_message():
    with pytest.raises(LocationNotFound) as error:
        resolve_location("Nowheresville")

    assert "Nowheresville" in error.value.message


@pytest.mark.parametrize("typed", ["", "   ", "\t"])
def test_an_empty_location_asks_for_one(typed):
    with pytest.raises(LocationNotFound) as error:
        resolve_location(typed)

    assert error.value.message.startswith("Enter a postcode")


def test_location_not_found_is_a_value_error():
    with pytest.raises(ValueError):
        resolve_location("WN99 9ZZ")


HOSTILE = [
    "'; DROP TABLE service; --",
    "WN1 1AA' OR '1'='1",
    "<script>alert('WN1 1AA')</script>",
    '"><img src=x onerror=alert(1)>',
    "WN1\x001AA",
    "WN1\x1c1AA",
    "Wigan\x00",
    "\x1b[31mWigan",
    "WN1 1AA\r\nSet-Cookie: x=1",
    "../../etc/passwd",
    "%2e%2e%2fwn",
    "W" * 100_000,
    "WN1 1AA" * 10_000,
    "Wigan " * 10_000,
    "\ud800",
    "\uff37\uff2e\uff11 \uff11\uff21\uff21",  # full-width letters and digits
    "wn1 1a\ufb00",  # a ligature that upper-cases into two ASCII letters
    "🏠",
]


@pytest.mark.parametrize("hostile", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_is_simply_not_found(hostile):
    assert normalise_postcode(hostile) is None
    assert postcode_district(hostile) is None
    assert find_postcode(hostile) is None
    assert find_place(hostile) is None
    with pytest.raises(LocationNotFound) as error:
        resolve_location(hostile)
    assert "<" not in error.value.message
    assert len(error.value.message) < 120


@pytest.mark.parametrize("not_text", [None, 12, b"WN1 1AA", ["WN1 1AA"]])
def test_values_that_are_not_text_are_not_found(not_text):
    assert normalise_postcode(not_text) is None
    assert find_postcode(not_text) is None
    assert find_place(not_text) is None
    with pytest.raises(LocationNotFound):
        resolve_location(not_text)
