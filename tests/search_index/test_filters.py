"""Filters, "open now" and pagination: each filter must drop the listings that don't qualify."""

from datetime import datetime

import pytest

from search_index import OpeningTime
from tests.search_index.conftest import ids, km_from_wigan, listing, near_wigan

HERE = (km_from_wigan(east_km=1),)


@pytest.fixture
def filtered_index(index):
    index.rebuild(
        [
            listing(
                "dementia-free",
                venues=HERE,
                categories=("dementia",),
                is_free=True,
                audiences=("carers",),
                kind="peer_support",
                days=("TU",),
                accessibility=("step_free", "hearing_loop"),
            ),
            listing(
                "cleaning-dp",
                venues=HERE,
                categories=("cleaning",),
                dp_payable=True,
                kind="micro_provider",
                audiences=("older_people",),
                days=("MO", "WE"),
                accessibility=("step_free",),
            ),
            listing(
                "befriending",
                venues=HERE,
                categories=("befriending", "dementia"),
                audiences=("adults",),
                kind="community_asset",
                days=("FR",),
            ),
        ]
    )
    return index


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"categories": ("dementia",)}, ["befriending", "dementia-free"]),
        ({"categories": ("cleaning", "befriending")}, ["befriending", "cleaning-dp"]),
        ({"kinds": ("micro_provider",)}, ["cleaning-dp"]),
        ({"audiences": ("carers", "adults")}, ["befriending", "dementia-free"]),
        ({"accessibility": ("step_free",)}, ["cleaning-dp", "dementia-free"]),
        ({"accessibility": ("step_free", "hearing_loop")}, ["dementia-free"]),  # all of them
        ({"free_only": True}, ["dementia-free"]),
        ({"dp_payable": True}, ["cleaning-dp"]),
        ({"day": "WE"}, ["cleaning-dp"]),
        ({"day": "SU"}, []),
        ({"categories": ("dementia",), "free_only": True}, ["dementia-free"]),
    ],
)
def test_each_filter_keeps_only_qualifying_listings(filtered_index, filters, expected):
    assert sorted(ids(filtered_index.search(near_wigan(**filters)))) == expected


def test_filters_apply_without_a_place_too(filtered_index):
    results = filtered_index.search(near_wigan(latitude=None, longitude=None, dp_payable=True))
    assert ids(results) == ["cleaning-dp"]


def test_open_at_checks_the_weekday_and_time(index):
    hub = listing("hub", venues=HERE, opening_times=(OpeningTime("MO", 9 * 60, 17 * 60),))
    late = listing("late", venues=HERE, opening_times=(OpeningTime("FR", 22 * 60, 2 * 60),))  # past midnight
    index.rebuild([hub, late, listing("no-hours", venues=HERE)])
    monday_10am = datetime(2026, 11, 23, 10, 0)
    monday_5pm = datetime(2026, 11, 23, 17, 0)
    saturday_1am = datetime(2026, 11, 28, 1, 0)
    tuesday_10am = datetime(2026, 11, 24, 10, 0)
    assert ids(index.search(near_wigan(open_at=monday_10am))) == ["hub"]
    assert ids(index.search(near_wigan(open_at=monday_5pm))) == []  # closing time is not open
    assert ids(index.search(near_wigan(open_at=saturday_1am))) == ["late"]
    assert ids(index.search(near_wigan(open_at=tuesday_10am))) == []


def test_pages_share_one_total_and_never_repeat_a_listing(index):
    index.rebuild([listing(f"venue-{n:02d}", venues=(km_from_wigan(north_km=n / 10),)) for n in range(23)])
    pages = [index.search(near_wigan(page=page, per_page=10, sort="distance")) for page in (1, 2, 3, 4)]
    assert [p.total for p in pages] == [23, 23, 23, 23]
    assert [len(p.hits) for p in pages] == [10, 10, 3, 0]
    assert pages[0].pages == 3
    seen = [hit.service_id for p in pages for hit in p.hits]
    assert seen == [f"venue-{n:02d}" for n in range(23)]


def test_page_numbers_out_of_range_do_not_fail(index):
    index.rebuild([listing("one", venues=HERE)])
    assert index.search(near_wigan(page=0, per_page=0)).total == 1
    assert index.search(near_wigan(page=10_000)).hits == []
