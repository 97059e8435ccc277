"""Postcode and district lookup against the real Code-Point Open data."""

import gzip
import threading

import pytest

from web.geo import (
    DISTRICT,
    POSTCODE,
    distance_km,
    find_place,
    find_postcode,
    normalise_postcode,
    postcode_district,
    set_data_paths,
)
from web.geo.data_paths import default_postcode_dir
from web.geo.postcodes import PostcodeTable


def test_wn1_1aa_is_in_wigan_town_centre():
    place = find_postcode("WN1 1AA")

    assert place is not None
    assert place.kind == POSTCODE
    assert place.label == "WN1 1AA"
    assert place.postcode == "WN1 1AA"
    assert place.district == "WN1"
    assert place.latitude == pytest.approx(53.54, abs=0.02)
    assert place.longitude == pytest.approx(-2.63, abs=0.02)


@pytest.mark.parametrize("typed", ["wn11aa", " WN1  1AA ", "Wn1 1aA", "WN1\t1AA", "wn1\u00a01aa", "WN11AA"])
def test_any_case_or_spacing_finds_the_same_postcode(typed):
    assert normalise_postcode(typed) == "WN1 1AA"
    assert find_postcode(typed) == find_postcode("WN1 1AA")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("m11ae", "M1 1AE"), ("sw1a1aa", "SW1A 1AA"), ("EC1A 1BB", "EC1A 1BB"), ("w1a0ax", "W1A 0AX")],
)
def test_normalise_postcode_puts_the_space_before_the_inward_code(typed, expected):
    assert normalise_postcode(typed) == expected


@pytest.mark.parametrize(
    "malformed",
    ["WN1", "WN1 1A", "WN1 1AAA", "1WN 1AA", "QN1 1AA", "ZZ1 1ZZ", "WN1 1CA", "WN1 AAA", "WN1-1AA", ""],
)
def test_malformed_postcodes_are_not_normalised(malformed):
    assert normalise_postcode(malformed) is None


@pytest.mark.parametrize(
    ("typed", "latitude", "longitude"),
    [
        ("WN1", 53.55, -2.63),  # Wigan
        ("m20", 53.42, -2.23),  # Didsbury and Withington
        (" sk4 ", 53.42, -2.18),  # Heaton Moor, Stockport
    ],
)
def test_a_district_resolves_to_the_middle_of_its_postcodes(typed, latitude, longitude):
    place = find_postcode(typed)

    assert place is not None
    assert place.kind == DISTRICT
    assert place.label == typed.strip().upper()
    assert place.district == typed.strip().upper()
    assert place.postcode is None
    assert place.latitude == pytest.approx(latitude, abs=0.02)
    assert place.longitude == pytest.approx(longitude, abs=0.02)


def test_m20_district_is_around_didsbury():
    district = find_postcode("M20")
    didsbury = find_place("Didsbury")

    assert district is not None and didsbury is not None
    assert distance_km(district.latitude, district.longitude, didsbury.latitude, didsbury.longitude) < 3


@pytest.mark.parametrize(
    ("postcode", "latitude", "longitude"),
    [
        ("EH1 1YZ", 55.95, -3.19),  # Edinburgh
        ("G1 1AB", 55.86, -4.25),  # Glasgow
        ("AB10 1AB", 57.14, -2.10),  # Aberdeen
        ("ZE1 0AA", 60.15, -1.15),  # Lerwick, Shetland
        ("CF10 1EP", 51.48, -3.18),  # Cardiff
        ("LL55 4AA", 53.14, -4.19),  # near Caernarfon, Gwynedd
        ("SW1A 1AA", 51.50, -0.14),  # London
    ],
)
def test_postcodes_anywhere_in_great_britain_resolve(postcode, latitude, longitude):
    place = find_postcode(postcode)

    assert place is not None
    assert place.postcode == postcode
    assert place.latitude == pytest.approx(latitude, abs=0.02)
    assert place.longitude == pytest.approx(longitude, abs=0.02)


@pytest.mark.parametrize("unknown", ["WN99 9ZZ", "M1 9ZZ", "WN99", "BT1 1AA", "JE2 3AA"])
def test_well_formed_but_unknown_postcodes_are_not_found(unknown):
    # BT (Northern Ireland) and JE (Jersey) are real formats outside Great Britain's data.
    assert find_postcode(unknown) is None


def test_a_real_postcode_without_a_grid_reference_falls_back_to_its_district():
    # Code-Point Open lists AB43 1AG with positional quality 90: no coordinates.
    place = find_postcode("AB43 1AG")

    assert place == find_postcode("AB43")
    assert place is not None and place.kind == DISTRICT


@pytest.mark.parametrize(
    ("typed", "district"),
    [
        ("wn1 1aa", "WN1"),
        ("M202AB", "M20"),
        ("sk4", "SK4"),
        ("SW1A 1AA", "SW1A"),
        ("Didsbury", None),
        ("", None),
    ],
)
def test_postcode_district_is_the_outward_code(typed, district):
    assert postcode_district(typed) == district


def test_threads_loading_the_same_area_at_once_all_get_the_answer():
    table = PostcodeTable(default_postcode_dir())
    answers = []

    def look_up():
        answers.append(table.find("SK4 1AA") or table.find("SK4"))

    threads = [threading.Thread(target=look_up) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(answers) == 8
    assert None not in answers
    assert len(set(answers)) == 1


@pytest.fixture
def only_wigan_postcodes(tmp_path):
    """A data folder holding just the first real WN rows, then the packaged data again afterwards."""
    with gzip.open(default_postcode_dir() / "wn.csv.gz", "rt", newline="") as source:
        rows = [next(source) for _ in range(50)]
    with gzip.open(tmp_path / "wn.csv.gz", "wt", newline="") as copy:
        copy.writelines(rows)
    set_data_paths(postcode_dir=tmp_path)
    yield
    set_data_paths()


def test_the_postcode_data_folder_can_be_changed(only_wigan_postcodes):
    assert find_postcode("WN1 1AA") is not None
    assert find_postcode("M20") is None
