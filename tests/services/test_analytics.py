"""Search counts are written on their own: a search never commits, rolls back or expires the caller's work."""

import logging
import os
import time

import pytest
from sqlalchemy import func, inspect, select

from tests.factories import make_service
from web.extensions import db
from web.models import Organization, SearchEvent, Service
from web.services.analytics import CountWriter, flush_all_counts
from web.services.search import SearchRequest, find_services


def committed_searches() -> list[tuple[str, str]]:
    """What another connection sees: only what has really been committed."""
    with db.engine.connect() as connection:
        return list(
            connection.execute(select(SearchEvent.channel, SearchEvent.words).order_by(SearchEvent.id))
        )


def committed_organizations(name: str) -> int:
    with db.engine.connect() as connection:
        return connection.scalar(
            select(func.count()).select_from(Organization).where(Organization.name == name)
        )


@pytest.fixture
def listing(app_context) -> Service:
    return make_service("Wigan Carers Cafe", description="A friendly group for carers.")


@pytest.mark.parametrize(
    "path",
    ["/search?q=carers&location=WN1+1AA", "/api/search?q=carers&location=WN1+1AA"],
    ids=["page", "api"],
)
def test_a_search_in_the_middle_of_unfinished_work_leaves_it_unfinished(client, listing, path):
    # Work a later feature (a booking, say) has started but not committed when the person searches.
    db.session.add(Organization(name="Half-made booking", description=""))
    db.session.flush()

    response = client.get(path)
    assert response.status_code == 200
    assert "Wigan Carers Cafe" in response.get_data(as_text=True)
    assert committed_organizations("Half-made booking") == 0

    db.session.rollback()
    assert committed_organizations("Half-made booking") == 0
    # The count waited for the caller's transaction to end, and was kept although that was rolled back.
    channel = "web" if path.startswith("/search") else "assistant"
    assert committed_searches() == [(channel, "carers")]


def test_the_search_is_counted_at_once_when_nothing_else_is_unfinished(listing):
    find_services(SearchRequest(text="carers"), channel="web")
    assert committed_searches() == [("web", "carers")]


def test_a_search_does_not_make_what_was_loaded_be_read_again(listing):
    service = db.session.scalars(select(Service)).one()
    assert service.name == "Wigan Carers Cafe"
    find_services(SearchRequest(text="carers"), channel="web")
    assert not inspect(service).expired
    assert committed_searches() == [("web", "carers")]


def test_when_the_count_cannot_be_written_the_search_still_answers(client, listing, caplog):
    SearchEvent.__table__.drop(db.engine)
    try:
        with caplog.at_level(logging.ERROR, logger="web.services.analytics"):
            page = client.get("/search?q=carers&location=WN1+1AA")
            api = client.get("/api/search?q=carers&location=WN1+1AA")
    finally:
        SearchEvent.__table__.create(db.engine)
    assert page.status_code == 200 and "Wigan Carers Cafe" in page.get_data(as_text=True)
    assert api.status_code == 200 and [r["name"] for r in api.json["results"]] == ["Wigan Carers Cafe"]
    assert "Could not write an anonymous count" in caplog.text
    # The caller's session is still usable: nothing was rolled back under it.
    assert db.session.scalars(select(Service.name)).all() == ["Wigan Carers Cafe"]


@pytest.fixture
def gathering_writer(app, app_context):
    """The app's counts gathered by a writer like production's, rather than written in the request."""
    writer = CountWriter(db.engine, every_seconds=60)
    app.extensions["count_writer"] = writer
    yield writer
    writer.stop()
    del app.extensions["count_writer"]


def test_in_production_a_search_writes_no_count_until_the_writer_does(client, listing, gathering_writer):
    response = client.get("/search?q=carers&location=WN1+1AA")
    assert "Wigan Carers Cafe" in response.get_data(as_text=True)
    find_services(SearchRequest(text="cafe"), channel="assistant")
    assert committed_searches() == []

    gathering_writer.flush()
    assert committed_searches() == [("web", "carers"), ("assistant", "cafe")]
    gathering_writer.flush()  # written once
    assert len(committed_searches()) == 2


def test_the_writers_thread_writes_what_has_gathered(listing, gathering_writer):
    gathering_writer.every_seconds = 0.05
    find_services(SearchRequest(text="carers"), channel="web")
    deadline = time.monotonic() + 30
    while not committed_searches() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert committed_searches() == [("web", "carers")]


def test_counts_still_gathered_are_written_when_the_process_exits(listing, gathering_writer):
    find_services(SearchRequest(text="carers"), channel="web")
    flush_all_counts()
    assert committed_searches() == [("web", "carers")]


def test_a_forked_worker_starts_with_none_of_its_parents_counts(listing, gathering_writer):
    find_services(SearchRequest(text="carers"), channel="web")
    child = os.fork()
    if child == 0:  # the child writes nothing of its parent's, and leaves without cleaning up
        gathering_writer.flush()
        os._exit(0)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert committed_searches() == []
    gathering_writer.flush()
    assert committed_searches() == [("web", "carers")]
