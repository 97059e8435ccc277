"""Distances, and whether a home-visiting provider's area covers a person's location."""

import pytest

from web.geo import covers, distance_km, find_place, find_postcode


def test_distance_between_manchester_and_london_town_halls():
    # Manchester Town Hall to the Palace of Westminster: about 262 km as the crow flies.
    assert distance_km(53.4794, -2.2446, 51.4995, -0.1248) == pytest.approx(262, abs=3)


def test_distance_is_symmetric_and_zero_at_the_same_point():
    there_and_back = distance_km(53.54, -2.63, 53.42, -2.23), distance_km(53.42, -2.23, 53.54, -2.63)

    assert there_and_back[0] == pytest.approx(there_and_back[1])
    assert distance_km(53.54, -2.63, 53.54, -2.63) == 0


def test_wigan_to_didsbury_by_postcode_and_place():
    wigan = find_postcode("WN1 1AA")
    didsbury = find_place("Didsbury")
    assert wigan is not None and didsbury is not None

    kilometres = distance_km(wigan.latitude, wigan.longitude, didsbury.latitude, didsbury.longitude)

    assert kilometres == pytest.approx(29, abs=3)  # across Greater Manchester


@pytest.fixture
def wigan_town_centre():
    place = find_postcode("WN1 1AA")
    assert place is not None
    return place


@pytest.fixture
def hindley():
    place = find_place("Hindley")
    assert place is not None
    return place


def test_a_radius_around_hindley_covers_wigan_town_centre(wigan_town_centre, hindley):
    assert covers(wigan_town_centre, latitude=hindley.latitude, longitude=hindley.longitude, radius_km=5)


def test_a_small_radius_around_didsbury_does_not_cover_wigan(wigan_town_centre):
    didsbury = find_place("Didsbury")
    assert didsbury is not None

    ten_km_around_didsbury = {"latitude": didsbury.latitude, "longitude": didsbury.longitude, "radius_km": 10}

    assert not covers(wigan_town_centre, **ten_km_around_didsbury)


@pytest.mark.parametrize("districts", [["WN1", "WN2"], ["wn1"], {"WN1"}, "WN2 WN1", ("WN3", " wn1 ")])
def test_a_district_list_including_wn1_covers_a_wn1_postcode(wigan_town_centre, districts):
    assert covers(wigan_town_centre, districts=districts)


@pytest.mark.parametrize("districts", [["M20", "SK4"], [], ["WN11"], ["WN"], ["not a district"]])
def test_a_district_list_without_wn1_does_not_cover_a_wn1_postcode(wigan_town_centre, districts):
    assert not covers(wigan_town_centre, districts=districts)


def test_a_district_place_is_covered_by_its_own_district():
    m20 = find_postcode("M20")
    assert m20 is not None

    assert covers(m20, districts=["M20"])
    assert not covers(m20, districts=["M21"])


def test_a_place_name_can_only_be_covered_by_a_radius(hindley):
    # A town has no single postcode district, so a district list cannot claim it.
    assert not covers(hindley, districts=["WN2"])
    around_hindley = {"latitude": hindley.latitude, "longitude": hindley.longitude, "radius_km": 1}
    assert covers(hindley, **around_hindley, districts=["WN2"])


def test_radius_or_districts_either_is_enough(wigan_town_centre):
    far_away = {"latitude": 51.5, "longitude": -0.12, "radius_km": 5}

    assert covers(wigan_town_centre, **far_away, districts=["WN1"])
    assert not covers(wigan_town_centre, **far_away, districts=["M20"])


def test_a_radius_without_a_base_point_covers_nothing(wigan_town_centre):
    assert not covers(wigan_town_centre, radius_km=1000)
