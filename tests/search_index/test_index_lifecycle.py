"""Keeping the index in step with the directory: upsert, remove, rebuild, several processes."""

import multiprocessing

from search_index import DirectoryIndex, SearchQuery, VisitingArea
from tests.search_index.conftest import ids, km_from_wigan, listing, near_wigan

HERE = (km_from_wigan(east_km=1),)


def test_a_fresh_folder_has_no_index_and_searching_it_finds_nothing(tmp_path):
    index = DirectoryIndex(tmp_path / "never-built")
    assert not index.exists()
    assert index.document_count() == 0
    assert index.search(near_wigan(text="dementia")).total == 0
    index.close()


def test_an_index_rebuilt_with_nothing_in_it_answers_a_text_search_with_nothing(index):
    index.rebuild([])  # for example, before anything is published
    assert index.search(SearchQuery(text="dementia")).total == 0


def test_upsert_adds_a_listing_to_an_empty_index(index):
    index.upsert(listing("new", venues=HERE, name="Memory Cafe"))
    assert index.exists() and index.document_count() == 1
    assert ids(index.search(near_wigan(text="memory cafe"))) == ["new"]


def test_upsert_replaces_the_old_version_everywhere(index):
    index.rebuild([listing("moving", venues=HERE, name="Dementia Cafe", online=True)])
    index.upsert(listing("moving", venues=(km_from_wigan(north_km=60),), name="Gardening Club"))
    assert index.document_count() == 1
    assert index.search(near_wigan(text="dementia")).total == 0  # old words gone
    assert index.search(near_wigan()).total == 0  # no longer online, and its venue is now far away
    results = index.search(near_wigan(latitude=None, longitude=None, text="gardening"))
    assert ids(results) == ["moving"]


def test_remove_really_removes_from_every_shard(index):
    index.rebuild(
        [
            listing(
                "gone",
                venues=HERE,
                online=True,
                visiting_areas=(VisitingArea(*km_from_wigan(), radius_km=9),),
            ),
            listing("stays", venues=HERE),
        ]
    )
    index.remove("gone")
    assert ids(index.search(near_wigan())) == ["stays"]
    assert ids(index.search(near_wigan(latitude=None, longitude=None))) == ["stays"]
    assert index.document_count() == 1
    index.remove("never-existed")  # harmless


def test_a_second_index_object_on_the_same_folder_sees_writes_made_by_the_first(tmp_path):
    writer, reader = DirectoryIndex(tmp_path / "shared"), DirectoryIndex(tmp_path / "shared")
    writer.rebuild([listing("first", venues=HERE)])
    assert ids(reader.search(near_wigan())) == ["first"]  # reader now holds open searchers
    writer.upsert(listing("second", venues=HERE))
    assert sorted(ids(reader.search(near_wigan()))) == ["first", "second"]
    writer.remove("first")
    assert ids(reader.search(near_wigan())) == ["second"]
    writer.rebuild([listing("third", venues=HERE)])
    assert ids(reader.search(near_wigan())) == ["third"]
    writer.close()
    reader.close()


def _upsert_in_another_process(path, service_id):
    DirectoryIndex(path).upsert(listing(service_id, venues=HERE))


def test_writes_from_several_processes_all_land(tmp_path):
    path = tmp_path / "shared"
    index = DirectoryIndex(path)
    index.rebuild([])
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_upsert_in_another_process, args=(path, f"p{n}")) for n in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert [worker.exitcode for worker in workers] == [0, 0, 0]
    assert sorted(ids(index.search(near_wigan()))) == ["p0", "p1", "p2"]
    index.close()


def test_rebuild_swaps_in_the_new_listings_and_drops_the_old(index):
    index.rebuild([listing("old", venues=HERE)])
    assert ids(index.search(near_wigan())) == ["old"]
    reported = []
    count = index.rebuild((listing(f"new-{n}", venues=HERE) for n in range(3)), progress=reported.append)
    assert count == 3 and reported[-1] == 3
    assert sorted(ids(index.search(near_wigan()))) == ["new-0", "new-1", "new-2"]
    generations = sorted(p.name for p in index.path.glob("gen-*"))
    assert len(generations) <= 2  # the live one and at most the previous one, for readers mid-search


def test_a_search_during_a_rebuild_sees_the_old_index_until_the_swap(index):
    index.rebuild([listing("old", venues=HERE)])
    seen_during = []

    def documents():
        yield listing("new", venues=HERE)
        seen_during.append(ids(index.search(near_wigan())))

    index.rebuild(documents())
    assert seen_during == [["old"]]
    assert ids(index.search(near_wigan())) == ["new"]
