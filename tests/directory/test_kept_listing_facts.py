"""A process keeps what it worked out about listings between requests; every edit still shows on the
next request, whether made in this process or, as another worker or machine would, through another
engine with plain SQL."""

from datetime import time

import pytest
from sqlalchemy import create_engine, text

from tests.directory.conftest import parse, text_of
from tests.factories import make_bookable_provider, make_service, weekly
from web.extensions import db
from web.models import Phone, Publication, Schedule

SEARCH = {"q": "carers", "location": "WN1 1AA"}
API_SEARCH = {"q": "carers", "location": "WN1 1AA"}
HOME_HELP = {"q": "help at home", "location": "WN1 1AA"}


@pytest.fixture
def other_worker(app):
    """Another engine on the same database, as a second gunicorn worker has."""
    engine = create_engine(db.engine.url.render_as_string(hide_password=False))
    yield engine
    engine.dispose()


def next_request() -> None:
    """What a new request's session starts with: nothing loaded."""
    db.session.expunge_all()


def cards(client, params=SEARCH) -> dict[str, str]:
    """Each result's name and the words of its card."""
    response = client.get("/search", query_string=params)
    assert response.status_code == 200
    return {text_of(card.select_one("h2 a")): text_of(card) for card in parse(response).select(".app-result")}


def api_results(client, params=API_SEARCH) -> dict[str, dict]:
    response = client.get("/api/search", query_string=params)
    assert response.status_code == 200
    return {result["name"]: result for result in response.get_json()["results"]}


def listing_words(client, service_id: str) -> str:
    response = client.get(f"/services/{service_id}")
    assert response.status_code == 200
    return text_of(parse(response).select_one("main"))


def seen_everywhere(client, service_id: str) -> None:
    """Ask once for each page, so the process has kept what it shows."""
    cards(client)
    api_results(client)
    listing_words(client, service_id)


def test_a_name_and_phone_edited_in_this_process_show_on_the_next_request(client):
    service = make_service("Wigan Carers Cafe", description="A group for carers.")
    seen_everywhere(client, service.id)

    service_id = service.id
    service.name = "Wigan Carers Lunch"
    service.phones[0].number = "01942 111222"
    db.session.commit()
    next_request()

    assert "01942 111222" in cards(client)["Wigan Carers Lunch"]
    assert api_results(client)["Wigan Carers Lunch"]["phone"] == "01942 111222"
    words = listing_words(client, service_id)
    assert "Wigan Carers Lunch" in words and "01942 111222" in words and "01942 000000" not in words


def test_an_edit_through_another_engine_shows_on_the_next_request(client, other_worker):
    service = make_service("Wigan Carers Cafe", description="A group for carers.")
    seen_everywhere(client, service.id)

    with other_worker.begin() as connection:
        connection.execute(
            text("UPDATE service SET name = 'Wigan Carers Lunch' WHERE id = :id"), {"id": service.id}
        )
        connection.execute(
            text("UPDATE phone SET number = '01942 111222' WHERE service_id = :id"), {"id": service.id}
        )
    next_request()

    # The search index still holds the old words; the cards show the listing as it now is.
    assert list(cards(client)) == ["Wigan Carers Lunch"]
    assert "01942 111222" in cards(client)["Wigan Carers Lunch"]
    assert api_results(client)["Wigan Carers Lunch"]["phone"] == "01942 111222"
    assert "Wigan Carers Lunch" in listing_words(client, service.id)


def test_a_new_phone_added_through_another_engine_shows_on_the_listing_page(client, other_worker):
    service = make_service("Wigan Carers Cafe", description="A group for carers.")
    seen_everywhere(client, service.id)

    with other_worker.begin() as connection:
        connection.execute(Phone.__table__.insert().values(service_id=service.id, number="07700 900123"))
    next_request()

    assert "07700 900123" in listing_words(client, service.id)
    assert "07700 900123" in cards(client)["Wigan Carers Cafe"]


def test_a_changed_schedule_shows_in_when_it_runs(client, other_worker):
    service = make_service(
        "Wigan Carers Cafe", description="A group for carers.", schedules=(weekly("MO"), weekly("TU"))
    )
    seen_everywhere(client, service.id)
    assert "Every Monday, 10am to 12pm" in listing_words(client, service.id)

    with other_worker.begin() as connection:
        connection.execute(
            Schedule.__table__.update()
            .where(Schedule.__table__.c.service_id == service.id)
            .values(opens_at=time(14), closes_at=time(16))
        )
    next_request()

    assert "Every Monday, 2pm to 4pm" in listing_words(client, service.id)
    assert "2pm" in api_results(client)["Wigan Carers Cafe"]["when"]


def test_a_listing_taken_down_through_another_engine_is_gone_at_once(client, other_worker):
    service = make_service("Wigan Carers Cafe", description="A group for carers.")
    seen_everywhere(client, service.id)

    with other_worker.begin() as connection:
        connection.execute(
            text("UPDATE service SET publication = :status WHERE id = :id"),
            {"status": Publication.SUSPENDED.name, "id": service.id},
        )
    next_request()

    assert client.get(f"/services/{service.id}").status_code == 404
    assert cards(client) == {}
    assert api_results(client) == {}


def test_an_offering_withdrawn_through_another_engine_ends_online_booking(client, other_worker):
    _business, offering, _ = make_bookable_provider("Wigan Home Helpers")
    service_id = offering.service_id
    assert "Book online" in cards(client, HOME_HELP)["Wigan Home Helpers"]
    assert api_results(client, HOME_HELP)["Wigan Home Helpers"]["bookable"] is True
    assert parse(client.get(f"/services/{service_id}")).select_one("a.govuk-button--start") is not None

    with other_worker.begin() as connection:
        connection.execute(
            text("UPDATE offering SET is_active = :no WHERE id = :id"), {"no": False, "id": offering.id}
        )
    next_request()

    assert "Book online" not in cards(client, HOME_HELP)["Wigan Home Helpers"]
    assert api_results(client, HOME_HELP)["Wigan Home Helpers"]["bookable"] is False
    assert parse(client.get(f"/services/{service_id}")).select_one("a.govuk-button--start") is None


def test_an_edit_not_yet_committed_is_never_shown_to_anyone_else(client):
    service = make_service("Wigan Carers Cafe", description="A group for carers.")
    seen_everywhere(client, service.id)

    service_id = service.id
    service.name = "Not Yet Published Name"
    db.session.flush()
    # This session sees its own write...
    assert "Not Yet Published Name" in listing_words(client, service_id)
    db.session.rollback()
    next_request()

    # ...and once it is rolled back, nothing kept shows it.
    assert list(cards(client)) == ["Wigan Carers Cafe"]
    words = listing_words(client, service_id)
    assert "Wigan Carers Cafe" in words and "Not Yet Published Name" not in words


def _token() -> str | None:
    return db.session.execute(text("SELECT token FROM listing_version WHERE id = 1")).scalar()


def test_a_booking_locking_its_provider_changes_no_listing_but_a_provider_edit_does(client):
    business, _, _ = make_bookable_provider()
    before = _token()

    # What every booking request does to the business row it locks.
    db.session.execute(
        text("UPDATE provider_business SET booking_version = booking_version + 1 WHERE id = :id"),
        {"id": business.id},
    )
    db.session.commit()
    assert _token() == before

    db.session.execute(
        text("UPDATE provider_business SET public_phone = '01942 111111' WHERE id = :id"), {"id": business.id}
    )
    db.session.commit()
    assert _token() != before
