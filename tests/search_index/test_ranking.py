"""Ranking: listings about what was asked come first, then those that only mention it, then general
support labelled as broader; "nearest first" sorts within each of those, never across them."""

import pytest

from tests.search_index.conftest import ids, km_from_wigan, listing, near_wigan


def group(service_id: str, km: float, name: str, summary: str, *topics: str, **fields):
    return listing(
        service_id,
        kind="peer_support",
        name=name,
        summary=summary,
        category_names=topics,
        venues=(km_from_wigan(east_km=km),),
        **fields,
    )


@pytest.fixture
def stroke_index(index):
    index.rebuild(
        [
            # General groups, nearest of all: these used to come first for "stroke".
            group(
                "coffee", 0.2, "Carers' Coffee Morning", "A group run by carers, for carers.", "Peer support"
            ),
            group(
                "memory", 0.4, "Memory Cafe", "For people living with dementia.", "Dementia", "Peer support"
            ),
            group(
                "long-term",
                0.6,
                "Living Well Group",
                "For anyone with a long-term condition.",
                "Peer support",
            ),
            # About stroke, further away.
            group("stroke-far", 4.0, "Stroke Club", "For people after a stroke.", "Peer support"),
            group(
                "stroke-near", 2.0, "Life After Stroke Group", "Meet others after a stroke.", "Peer support"
            ),
            # Mentions stroke only in passing.
            group(
                "mentions",
                1.0,
                "Chair Exercise",
                "Gentle exercise; welcome after a stroke or a fall.",
                "Physical activity",
            ),
        ]
    )
    return index


@pytest.mark.parametrize("sort", ["relevance", "distance"])
def test_listings_about_a_condition_come_before_any_general_one(stroke_index, sort):
    results = stroke_index.search(near_wigan(text="stroke", sort=sort))
    found = ids(results)
    assert found[:2] == ["stroke-near", "stroke-far"]  # about stroke, nearest first in either sort
    assert found[2] == "mentions"
    # A condition is not every peer support group; with three about it, general support is left out.
    assert found == ["stroke-near", "stroke-far", "mentions"]
    assert not any(hit.broader for hit in results.hits)


def test_general_support_follows_labelled_with_the_need_it_is_not_specific_to(index):
    index.rebuild(
        [
            group(
                "coffee", 0.2, "Carers' Coffee Morning", "A group run by carers, for carers.", "Peer support"
            ),
            group("long-term", 0.6, "Living Well Group", "For a long-term condition.", "Peer support"),
            group("stroke", 4.0, "Stroke Club", "For people after a stroke.", "Peer support"),
        ]
    )
    results = index.search(near_wigan(text="my dad had a stroke", sort="distance"))
    assert ids(results) == ["stroke", "long-term"]
    assert [hit.broader_than for hit in results.hits] == [(), ("stroke",)]
    assert results.direct_total == 1


def test_general_support_is_left_out_when_enough_listings_are_about_the_need(index):
    index.rebuild(
        [
            group(f"stroke-{n}", n, f"Stroke Club {n}", "For people after a stroke.", "Peer support")
            for n in range(1, 4)
        ]
        + [group("long-term", 0.1, "Living Well Group", "For a long-term condition.", "Peer support")]
    )
    found = ids(index.search(near_wigan(text="stroke", sort="distance")))
    assert found == ["stroke-1", "stroke-2", "stroke-3"]


def test_a_passing_mention_follows_and_is_left_out_when_enough_listings_are_about_the_need(index):
    shops = [
        group(f"shop-{n}", n * 0.8, f"Shop and Cook {n}", "We do the shopping.", "Shopping and cooking")
        for n in range(1, 6)
    ]
    tech = group("tech", 0.1, "Tech Champions", "Help with video calls, shopping or forms.", "Digital help")
    index.rebuild([*shops[:3], tech])
    assert ids(index.search(near_wigan(text="help with shopping", sort="distance"))) == [
        "shop-1",
        "shop-2",
        "shop-3",
        "tech",
    ]
    index.rebuild([*shops, tech])
    found = ids(index.search(near_wigan(text="help with shopping", sort="distance")))
    assert found == ["shop-1", "shop-2", "shop-3", "shop-4", "shop-5"]


def test_distance_orders_listings_within_a_tier(index):
    index.rebuild(
        [
            group("far", 4.5, "Autism Parents Far", "For parents of autistic children.", "Peer support"),
            group("near", 0.5, "Autism Parents Near", "For parents of autistic children.", "Peer support"),
            group("mid", 2.5, "Autism Parents Mid", "For parents of autistic children.", "Peer support"),
        ]
    )
    assert ids(index.search(near_wigan(text="autism", sort="distance"))) == ["near", "mid", "far"]


def test_a_word_no_listing_matches_with_the_rest_is_left_out_not_the_need(index):
    index.rebuild(
        [
            group(
                "autism", 1.0, "Autism Parents' Circle", "For parents of autistic children.", "Peer support"
            ),
            group("voices", 0.5, "Hearing Voices Group", "A private group.", "Mental wellbeing"),
        ]
    )
    # No listing has all of "autism", "group" and "parents": "group" says least, so it goes, never "autism".
    assert ids(index.search(near_wigan(text="autism group for parents"))) == ["autism"]


def test_a_specific_activity_finds_that_activity_before_other_exercise(index):
    index.rebuild(
        [
            group("walks", 0.3, "Health Walks", "Short, gentle walks.", "Physical activity"),
            group("swim", 3.0, "Free Swimming", "Swim for free if you are 60 or over.", "Physical activity"),
        ]
    )
    results = index.search(near_wigan(text="swimming", sort="distance"))
    assert ids(results) == ["swim", "walks"]
    assert [hit.broader for hit in results.hits] == [False, True]


def test_a_need_no_listing_meets_finds_nothing_rather_than_every_group(index):
    index.rebuild(
        [
            group("voices", 0.5, "Hearing Voices Group", "A private group.", "Mental wellbeing"),
            group("men", 1.0, "Men's Talking Shed", "Men meet to make things and talk.", "Mental wellbeing"),
        ]
    )
    assert ids(index.search(near_wigan(text="knitting group"))) == []
    assert ids(index.search(near_wigan(text="mens group"))) == ["men"]  # "group" says least, so it goes
