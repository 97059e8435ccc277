"""England's councils: the data is whole and right, and names, short forms and sectors resolve."""

import re

import pytest

from web.geo import AREA, PLACE, SECTOR, LocationNotFound, find_place, find_postcode, resolve_location
from web.geo.areas import council_of_point
from web.geo.councils import KINDS, council_data

DEMO_BOROUGHS = {  # the demo listings' postcodes, and the borough each is in
    "Wigan": ("E08000010", ("WN1 1AA", "WN2 2DA", "WN7 1AA")),
    "Warrington": ("E06000007", ("WA1 1AA", "WA2 7AA")),
    "Tameside": ("E08000008", ("OL6 7AA", "SK14 2AA", "M43 6AA")),
    "Manchester": ("E08000003", ("M1 1AA", "M14 5AA", "M20 2AA")),
    "Rochdale": ("E08000005", ("OL11 1AA", "OL16 1AA")),
    "Stockport": ("E08000007", ("SK1 1AA", "SK7 1AA", "SK4 1AA")),
    "Bolton": ("E08000001", ("BL1 1AA", "BL3 6AA")),
}

# Councils named after no town, where GeoNames has a same-named village elsewhere.
TOWNS_NAMED_ELSEWHERE = {"Merton", "Rushmoor"}


def test_every_english_council_is_there_once_with_a_well_formed_code():
    councils = council_data().all()
    codes = [council.code for council in councils]
    assert len(codes) == len(set(codes)) == 296 + 21
    assert all(re.fullmatch(r"E(06|07|08|09)\d{6}|E10\d{6}", code) for code in codes)
    assert sum(council.kind == "county" for council in councils) == 21
    assert {council.kind for council in councils} == set(KINDS)
    # Every district of a two-tier area names a county council that exists.
    by_code = {council.code: council for council in councils}
    assert all(by_code[c.county].kind == "county" for c in councils if c.kind == "district")


def test_every_council_centre_is_in_england_and_its_main_town_is_in_its_area():
    data = council_data()
    wrong = []
    for council in data.all():
        assert 49.8 < council.latitude < 55.9 and -6.5 < council.longitude < 1.8, council
        town = find_place(council.name)
        if town is not None and council.kind != "county":
            inside = council_of_point(town.latitude, town.longitude)
            if inside is not None and inside != council.code:
                wrong.append(council.name)
    # GeoNames places a few same-named points elsewhere (its "Halton" is a village in Leeds).
    assert set(wrong) <= TOWNS_NAMED_ELSEWHERE


@pytest.mark.parametrize("borough", sorted(DEMO_BOROUGHS))
def test_the_demo_boroughs_are_exactly_right_for_their_postcodes(borough):
    code, postcodes = DEMO_BOROUGHS[borough]
    assert resolve_location(borough).area == code
    for postcode in postcodes:
        if find_postcode(postcode) is not None:
            assert council_data().of_postcode(postcode) == code, postcode


@pytest.mark.parametrize(
    ("typed", "kind", "label"),
    [
        ("Tameside", AREA, "Tameside"),
        ("trafford", AREA, "Trafford"),
        ("Tameside Council", AREA, "Tameside"),
        ("St Helens", AREA, "St Helens"),
        ("St. Helens", AREA, "St Helens"),
        ("Durham", AREA, "County Durham"),
        ("London Borough of Camden", AREA, "Camden"),
        ("Kent County Council", AREA, "Kent"),
        ("Bolton", AREA, "Bolton"),
        ("Ashton", PLACE, "Ashton-under-Lyne"),
        ("Ashton-under-Lyne", PLACE, "Ashton-under-Lyne"),
        ("ashton under lyne", PLACE, "Ashton-under-Lyne"),
        ("Leigh", PLACE, "Leigh"),
        ("Glasgow", PLACE, "Glasgow"),
        ("WN1 1", SECTOR, "WN1 1"),
        ("m14  5", SECTOR, "M14 5"),
    ],
)
def test_councils_short_forms_and_sectors_resolve(typed, kind, label):
    place = resolve_location(typed)
    assert (place.kind, place.label) == (kind, label)


def test_a_sector_is_inside_its_district_and_keeps_the_district_for_home_visits():
    sector = resolve_location("WN1 1")
    district = resolve_location("WN1")
    assert sector.district == "WN1" and district.kind != sector.kind
    assert abs(sector.latitude - district.latitude) < 0.05


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("Stokport", "We could not find a place called Stokport. Did you mean Stockport?"),
        ("Tamside", "We could not find a place called Tamside. Did you mean Tameside?"),
        ("Xyzzy", "We could not find a place called Xyzzy. Check the spelling, or enter a postcode."),
        ("M1 9", "We could not find the postcode sector M1 9. Check it and try again."),
        ("WN11", "We could not find the postcode area WN11. Check it and try again."),
        ("ZZ1 1", "Enter a real postcode, like WN1 1AA"),
    ],
)
def test_what_cannot_be_found_gets_a_clear_message(typed, message):
    with pytest.raises(LocationNotFound) as error:
        resolve_location(typed)
    assert error.value.message == message


def test_a_suggestion_comes_back_with_the_error():
    with pytest.raises(LocationNotFound) as error:
        resolve_location("Stokport")
    assert error.value.suggestions == ("Stockport",)
