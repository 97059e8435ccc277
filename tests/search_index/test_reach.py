"""Who a search near a place finds: venues in the radius, home visits covering it, online and phone."""

from search_index import VisitingArea
from tests.search_index.conftest import ids, km_from_wigan, listing, near_wigan


def test_venue_inside_the_radius_is_found_with_its_distance_and_one_outside_is_not(index):
    index.rebuild(
        [
            listing("near", venues=(km_from_wigan(north_km=3),)),
            listing("far", venues=(km_from_wigan(north_km=8),)),
        ]
    )
    results = index.search(near_wigan(radius_km=5))
    assert ids(results) == ["near"]
    assert results.hits[0].reach == "venue"
    assert abs(results.hits[0].distance_km - 3.0) < 0.05


def test_the_nearest_of_several_venues_gives_the_distance(index):
    index.rebuild([listing("two-places", venues=(km_from_wigan(east_km=20), km_from_wigan(east_km=-1.5)))])
    hit = index.search(near_wigan()).hits[0]
    assert hit.reach == "venue" and abs(hit.distance_km - 1.5) < 0.05


def test_home_visits_match_when_the_coverage_circle_contains_the_place(index):
    covers = VisitingArea(*km_from_wigan(north_km=10), radius_km=12)
    misses = VisitingArea(*km_from_wigan(north_km=10), radius_km=8)
    index.rebuild([listing("covers", visiting_areas=(covers,)), listing("misses", visiting_areas=(misses,))])
    results = index.search(near_wigan())
    assert ids(results) == ["covers"]
    assert results.hits[0].reach == "visits" and results.hits[0].distance_km is None


def test_home_visits_match_by_postcode_district(index):
    index.rebuild(
        [
            listing("wn1", visiting_areas=(VisitingArea(districts=("wn1", "WN2")),)),
            listing("wa1", visiting_areas=(VisitingArea(districts=("WA1",)),)),
        ]
    )
    assert ids(index.search(near_wigan(postcode_district="WN1"))) == ["wn1"]
    assert ids(index.search(near_wigan(postcode_district=None))) == []


def test_online_and_phone_services_always_match_and_say_so(index):
    index.rebuild([listing("web", online=True), listing("line", by_phone=True), listing("nowhere")])
    results = index.search(near_wigan())
    assert {(hit.service_id, hit.reach) for hit in results.hits} == {("web", "online"), ("line", "phone")}


def test_a_venue_in_radius_is_preferred_to_visits_and_online_for_the_same_listing(index):
    both = listing(
        "both",
        venues=(km_from_wigan(east_km=2),),
        online=True,
        visiting_areas=(VisitingArea(*km_from_wigan(), radius_km=5),),
    )
    far_venue_but_visits = listing(
        "visits",
        venues=(km_from_wigan(east_km=30),),
        online=True,
        visiting_areas=(VisitingArea(*km_from_wigan(), radius_km=5),),
    )
    index.rebuild([both, far_venue_but_visits])
    reaches = {hit.service_id: hit.reach for hit in index.search(near_wigan()).hits}
    assert reaches == {"both": "venue", "visits": "visits"}


def test_distance_sort_puts_venues_nearest_first_then_visits_then_online(index):
    index.rebuild(
        [
            listing("online", online=True),
            listing("visits", visiting_areas=(VisitingArea(*km_from_wigan(), radius_km=4),)),
            listing("4km", venues=(km_from_wigan(north_km=-4),)),
            listing("1km", venues=(km_from_wigan(east_km=1),)),
            listing("2km", venues=(km_from_wigan(north_km=2),)),
        ]
    )
    expected = ["1km", "2km", "4km", "visits", "online"]
    assert ids(index.search(near_wigan(sort="distance"))) == expected
    assert ids(index.search(near_wigan(sort="relevance"))) == expected  # no words: nearest first too


def test_without_a_place_there_is_no_geographic_filter(index):
    index.rebuild([listing("far", venues=(km_from_wigan(north_km=80),)), listing("nowhere")])
    results = index.search(near_wigan(latitude=None, longitude=None))
    assert sorted(ids(results)) == ["far", "nowhere"]


def test_a_place_on_a_shard_edge_still_finds_venues_in_neighbouring_shards(index):
    # Venues all round the place, 4.5 km away: whatever tile the place is in, some are in other tiles.
    ring = [
        listing(f"ring-{n}", venues=(km_from_wigan(north_km=n_km, east_km=e_km),))
        for n, (n_km, e_km) in enumerate([(4.5, 0), (-4.5, 0), (0, 4.5), (0, -4.5), (3.1, 3.1)])
    ]
    index.rebuild(ring)
    assert len(index.search(near_wigan()).hits) == 5


def test_home_visits_based_in_other_shards_are_found_when_their_circle_reaches_the_place(index):
    # Bases 12 km away in eight directions, each travelling 13 km: all reach Wigan, whatever tile holds it.
    directions = [(1, 0), (-1, 0), (0, 1), (0, -1), (0.7, 0.7), (-0.7, 0.7), (0.7, -0.7), (-0.7, -0.7)]
    index.rebuild(
        [
            listing(
                f"base-{n}", visiting_areas=(VisitingArea(*km_from_wigan(12 * dn, 12 * de), radius_km=13),)
            )
            for n, (dn, de) in enumerate(directions)
        ]
    )
    results = index.search(near_wigan())
    assert results.total == 8
    assert index.document_count() == 8  # copies in several shards are still one listing each
