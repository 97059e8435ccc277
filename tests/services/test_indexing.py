"""Every committed change to what search holds about a listing reaches the index, and nothing else does;
a failed commit changes nothing."""

import pytest

from search_index import SearchQuery
from tests.factories import make_service, weekly
from web.extensions import db
from web.models import (
    Accessibility,
    AccessibilityFeature,
    ListingKind,
    ProblemReason,
    ProblemReport,
    Publication,
    SearchEvent,
    ServiceStatus,
)
from web.services.index_store import get_index
from web.services.indexing import INDEXED, NOT_INDEXED, document_for, reindex_all

WIGAN = {"latitude": 53.5449, "longitude": -2.6313}


def found(text: str, **filters) -> list[str]:
    return [hit.service_id for hit in get_index().search(SearchQuery(text=text, per_page=50, **filters)).hits]


@pytest.fixture
def empty_index(app_context):
    reindex_all(db.session, get_index())


def test_a_new_listing_is_searchable_after_commit(empty_index):
    service = make_service("Platt Bridge Knit and Natter", description="Knitting and a chat for anyone.")
    assert found("knitting") == [service.id]


def test_nothing_reaches_the_index_before_commit_or_after_rollback(empty_index):
    make_service("Pemberton Choir", description="Singing for beginners.")
    make_service("Pemberton Ukulele Club", description="Ukulele for beginners.", commit=False)
    db.session.flush()
    assert found("ukulele") == []
    db.session.rollback()
    db.session.commit()
    assert found("ukulele") == []


def test_an_edit_to_the_service_or_a_child_is_reflected(empty_index):
    service = make_service("Hindley Walking Group", description="Gentle walks.")
    service.name = "Hindley Rambling Friends"
    db.session.commit()
    assert found("rambling") == [service.id]
    location = service.service_at_locations[0].location
    location.accessibility.append(Accessibility(feature=AccessibilityFeature.HEARING_LOOP))
    db.session.commit()
    assert found("rambling", accessibility=("hearing_loop",)) == [service.id]


def test_unpublishing_or_closing_for_good_removes_it(empty_index):
    draft = make_service("Orrell Chess Circle", description="Chess for all.")
    defunct = make_service("Orrell Draughts Circle", description="Draughts for all.")
    draft.publication = Publication.DRAFT
    defunct.status = ServiceStatus.DEFUNCT
    db.session.commit()
    assert found("chess") == [] and found("draughts") == []
    draft.publication = Publication.PUBLISHED
    db.session.commit()
    assert found("chess") == [draft.id]


def test_temporarily_closed_listings_stay_findable(empty_index):
    service = make_service("Ince Community Pantry", description="Food pantry.")
    service.status = ServiceStatus.TEMPORARILY_CLOSED
    db.session.commit()
    assert found("pantry") == [service.id]


def test_a_deleted_listing_disappears(empty_index):
    service = make_service("Aspull Book Swap", description="Swap books.")
    assert found("book swap") == [service.id]
    db.session.delete(service)
    db.session.commit()
    assert found("book swap") == []


def test_document_carries_what_search_filters_on(app_context):
    service = make_service(
        "Leigh Carers Breakfast",
        categories=("peer_support", "carers_breaks"),
        audiences=("carers",),
        accessibility=(AccessibilityFeature.STEP_FREE,),
        schedules=(weekly("TU", "09:00", "10:30"),),
    )
    document = document_for(service)
    assert document.categories == ("peer_support", "carers_breaks") and document.audiences == ("carers",)
    assert document.accessibility == ("step_free",) and document.days == ("TU",)
    assert document.venues == ((53.5449, -2.6313),) and document.visiting_areas == ()
    visiting = make_service("Leigh Home Help", kind=ListingKind.MICRO_PROVIDER, visiting_radius_km=8.0)
    area = document_for(visiting).visiting_areas[0]
    assert area.radius_km == 8.0 and document_for(visiting).venues == ()
    visiting.publication = Publication.DRAFT
    assert document_for(visiting) is None


def test_reindex_all_counts_only_what_people_may_find(app_context):
    make_service("Golborne Coffee Club")
    hidden = make_service("Golborne Tea Club")
    hidden.publication = Publication.DRAFT
    db.session.commit()
    assert reindex_all(db.session, get_index()) == 1


# ---- only what search holds reaches the index ---------------------------------------------------


def index_files() -> dict[str, int]:
    """Every file of the index on disk with its modification time: any write to the index changes it."""
    root = get_index().path
    return {
        str(path.relative_to(root)): path.stat().st_mtime_ns for path in root.rglob("*") if path.is_file()
    }


def test_a_problem_report_or_a_search_count_leaves_the_index_untouched(empty_index):
    service = make_service("Standish Singing Circle", description="Singing for all.")
    before = index_files()
    db.session.add(ProblemReport(service=service, reason=ProblemReason.WRONG_TIMES, details="It moved."))
    db.session.add(SearchEvent(channel="web", words="singing", result_count=1))
    db.session.commit()
    assert index_files() == before


def test_a_change_search_does_not_show_leaves_the_index_untouched(empty_index):
    service = make_service("Standish Singing Circle", description="Singing for all.")
    before = index_files()
    service.url = "https://standish-singing.example.org"
    service.alert = "Bring water."
    service.phones[0].number = "01257 000000"
    service.service_at_locations[0].location.addresses[0].address_1 = "2 Market Street"
    db.session.commit()
    assert index_files() == before


def test_a_change_search_shows_reaches_the_index(empty_index):
    service = make_service("Standish Singing Circle", description="Singing for all.")
    before = index_files()
    service.name = "Standish Harmony Circle"
    db.session.commit()
    assert index_files() != before
    assert found("harmony") == [service.id]
    before = index_files()
    service.service_at_locations[0].location.addresses[0].postal_code = "WN2 2AA"  # says which council
    db.session.commit()
    assert index_files() != before


def test_moving_a_category_from_one_listing_to_another_reindexes_both(empty_index):
    giver = make_service("Shevington Lunch Club", description="Lunch.", categories=("meals",))
    taker = make_service("Shevington Book Club", description="Books.", categories=())
    giver.attributes[0].service = taker
    db.session.commit()
    assert found("", categories=("meals",)) == [taker.id]


def _points_at_an_indexed_table(model: type) -> bool:
    indexed_tables = {indexed.__table__.name for indexed in INDEXED}
    return any(key.column.table.name in indexed_tables for key in model.__table__.foreign_keys)


def test_every_table_pointing_at_a_listing_says_whether_search_holds_it():
    """A new table with a service_id (a booking, a payment) is left out of the index unless it is listed
    in INDEXED; this makes the choice explicit, so nobody adds one and expects search to follow."""
    models = [mapper.class_ for mapper in db.Model.registry.mappers]
    unclassified = [
        model.__name__
        for model in models
        if _points_at_an_indexed_table(model) and model not in INDEXED and model not in NOT_INDEXED
    ]
    assert unclassified == [], "Add these to INDEXED or NOT_INDEXED in web/services/indexing.py"
    assert set(INDEXED).isdisjoint(NOT_INDEXED)
    for model, indexed in INDEXED.items():
        columns = set(model.__table__.columns.keys())
        assert indexed.fields <= columns and {column for _, column in indexed.belongs_to} <= columns
