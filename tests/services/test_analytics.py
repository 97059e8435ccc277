"""Search counts are written on their own: a search never commits, rolls back or expires the caller's work."""

import logging

import pytest
from sqlalchemy import func, inspect, select

from tests.factories import make_service
from web.extensions import db
from web.models import Organization, SearchEvent, Service
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
