"""No double booking, ever: many people asking for one provider's time at once get one booking."""

import threading
from datetime import date, datetime

import pytest

from tests.factories import make_bookable_provider
from web import create_app
from web.extensions import db
from web.marketplace.availability import LONDON
from web.marketplace.booking_requests import TAKEN, BookingRefused, request_booking
from web.models import Booking, Offering, User
from web.models.accounts import Role

NOW = datetime(2027, 5, 3, 9, 0, tzinfo=LONDON)  # a Monday
ADDRESS = "1 Church Lane, Wigan WN1 2AB"


@pytest.fixture
def race_app(app, app_context):
    """The same database through an engine with a connection for each of the 50 people."""
    config = {
        key: app.config[key]
        for key in ("SQLALCHEMY_DATABASE_URI", "INSTANCE_PATH", "SEARCH_INDEX_PATH", "MAIL_DIR")
    }
    config["SQLALCHEMY_ENGINE_OPTIONS"] = {"pool_size": 55, "max_overflow": 0, "pool_timeout": 60}
    racing = create_app(config)
    yield racing
    with racing.app_context():
        db.engine.dispose()


def _people(count: int) -> list[int]:
    users = [
        User(email=f"person{i}@example.org", display_name=f"P{i}", password_hash="x", role=Role.PERSON)
        for i in range(count)
    ]
    db.session.add_all(users)
    db.session.commit()
    return [u.id for u in users]


def _race(app, offering_id: str, people: list[int], starts: list[datetime], minutes: int = 60) -> list[str]:
    """Each person, in their own thread with their own session and connection, asks at the same moment."""
    barrier = threading.Barrier(len(people), timeout=30)
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(person_id: int, start: datetime) -> None:
        with app.app_context():
            session = db.session
            booker = session.get(User, person_id)
            offering = session.get(Offering, offering_id)
            barrier.wait()
            try:
                request_booking(session, booker, offering, start, minutes, visit_address=ADDRESS, now=NOW)
                outcome = "booked"
            except BookingRefused as refused:
                outcome = refused.errors.get("start", str(refused))
            finally:
                session.remove()
            with lock:
                outcomes.append(outcome)

    threads = [threading.Thread(target=attempt, args=(p, s)) for p, s in zip(people, starts, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def _bookings() -> list[Booking]:
    db.session.expire_all()
    return list(db.session.scalars(db.select(Booking)))


def _provider():
    business, offering, _ = make_bookable_provider(check_expiry=date(2030, 1, 1), max_bookings_per_day=50)
    return business, offering


def test_fifty_people_asking_for_the_same_time_get_one_booking(race_app, app_context):
    _business, offering = _provider()
    people = _people(50)
    start = datetime(2027, 5, 10, 10, 0, tzinfo=LONDON)
    outcomes = _race(race_app, offering.id, people, [start] * 50)
    assert outcomes.count("booked") == 1
    assert outcomes.count(TAKEN) == 49
    assert len(_bookings()) == 1


def test_overlapping_but_different_times_get_one_booking(race_app, app_context):
    _business, offering = _provider()
    people = _people(6)
    starts = [datetime(2027, 5, 10, 10, m, tzinfo=LONDON) for m in (0, 15, 30, 45)]
    starts += [datetime(2027, 5, 10, 9, 30, tzinfo=LONDON), datetime(2027, 5, 10, 10, 30, tzinfo=LONDON)]
    outcomes = _race(race_app, offering.id, people, starts)
    assert outcomes.count("booked") == 1
    assert outcomes.count(TAKEN) == 5
    assert len(_bookings()) == 1


def test_travel_time_keeps_visits_apart(app, app_context):
    # 15 minutes' travel either side: 10:00-11:00 blocks 09:45-11:15, so 11:00 clashes (its travel starts
    # at 10:45) and 11:30 (travel from 11:15) does not.
    _business, offering = _provider()
    first, second, third = (db.session.get(User, i) for i in _people(3))
    request_booking(
        db.session,
        first,
        offering,
        datetime(2027, 5, 10, 10, 0, tzinfo=LONDON),
        60,
        visit_address=ADDRESS,
        now=NOW,
    )
    try:
        request_booking(
            db.session,
            second,
            offering,
            datetime(2027, 5, 10, 11, 0, tzinfo=LONDON),
            60,
            visit_address=ADDRESS,
            now=NOW,
        )
        raise AssertionError("a visit inside the travel time was booked")
    except BookingRefused as refused:
        assert "start" in refused.errors
    request_booking(
        db.session,
        third,
        offering,
        datetime(2027, 5, 10, 11, 30, tzinfo=LONDON),
        60,
        visit_address=ADDRESS,
        now=NOW,
    )
    assert len(_bookings()) == 2


def test_a_second_provider_is_not_held_up_by_the_first(app, app_context):
    _b1, first = _provider()
    _b2, second, _owner = make_bookable_provider(
        "Leigh Helpers", owner_email="p2@example.org", check_expiry=date(2030, 1, 1)
    )
    people = _people(2)
    start = datetime(2027, 5, 10, 10, 0, tzinfo=LONDON)
    booker = db.session.get(User, people[0])
    request_booking(db.session, booker, first, start, 60, visit_address=ADDRESS, now=NOW)
    request_booking(
        db.session, db.session.get(User, people[1]), second, start, 60, visit_address=ADDRESS, now=NOW
    )
    assert len(_bookings()) == 2
