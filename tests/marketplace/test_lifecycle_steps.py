"""A booking's life after it is requested: each step, each refusal, the late fee, the scheduler's
expiry, reminder and auto-confirm (run twice: nothing twice), messages and the emails with .ics."""

import email
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from tests import factories
from tests.factories import make_bookable_provider, make_user
from web.extensions import db
from web.marketplace import booking_lifecycle as life
from web.marketplace.notifications import notify, notify_message
from web.models.accounts import Role
from web.models.base import utcnow
from web.models.marketplace import Booking, BookingEvent, BookingStatus, ThreadAccess

NOW = utcnow().replace(microsecond=0)


def make_booking(business, offering, booker, **fields):
    return factories.make_booking(business, offering, booker, now=NOW, **fields)


@pytest.fixture
def people(app_context):
    business, offering, provider = make_bookable_provider()
    _, _, other_provider = make_bookable_provider("Bryn Helpers", owner_email="bryn@example.org")
    person = make_user("person@example.org")
    other = make_user("other@example.org")
    officer = make_user("officer@example.org", role=Role.OFFICER)
    return dict(
        business=business,
        offering=offering,
        provider=provider,
        other_provider=other_provider,
        person=person,
        other=other,
        officer=officer,
    )


@pytest.fixture
def booking(people):
    return make_booking(people["business"], people["offering"], people["person"])


def mails(app):
    folder = Path(app.config["MAIL_DIR"])
    return sorted(folder.glob("*.eml")) if folder.exists() else []


@pytest.fixture
def mail_dir(app):
    for path in mails(app):
        path.unlink()
    return app


def test_the_provider_accepts_and_only_the_provider(people, booking):
    with pytest.raises(life.StepRefused, match="Only the provider"):
        life.accept(db.session, booking, people["person"], NOW)
    with pytest.raises(life.StepRefused, match="Only the provider"):
        life.accept(db.session, booking, people["other_provider"], NOW)
    assert not life.address_visible_to(people["provider"], booking)
    life.accept(db.session, booking, people["provider"], NOW)
    assert booking.status == BookingStatus.ACCEPTED
    assert life.address_visible_to(people["provider"], booking)
    with pytest.raises(life.StepRefused):
        life.accept(db.session, booking, people["provider"], NOW)
    assert [e.status for e in booking.events] == [BookingStatus.ACCEPTED]


def test_decline(people, booking):
    life.decline(db.session, booking, people["provider"], NOW, "Away that week")
    assert booking.status == BookingStatus.DECLINED
    with pytest.raises(life.StepRefused):
        life.accept(db.session, booking, people["provider"], NOW)


def test_a_stale_copy_cannot_apply_a_step_twice(people, booking):
    life.accept(db.session, booking, people["provider"], NOW)
    db.session.expire_all()
    stale = db.session.get(Booking, booking.id)
    db.session.expunge(stale)
    stale.status = BookingStatus.REQUESTED  # as a second click that loaded the page earlier sees it
    with pytest.raises(life.StepRefused, match="already changed"):
        life._apply(
            db.session, stale, people["provider"], NOW, (BookingStatus.REQUESTED,), BookingStatus.DECLINED, {}
        )
    assert db.session.get(Booking, booking.id).status == BookingStatus.ACCEPTED
    assert db.session.query(BookingEvent).count() == 1


def test_delivery_only_after_the_start_then_confirm_or_dispute(people):
    booking = make_booking(people["business"], people["offering"], people["person"])
    life.accept(db.session, booking, people["provider"], NOW)
    with pytest.raises(life.StepRefused, match="start time has passed"):
        life.deliver(db.session, booking, people["provider"], NOW, started_at=NOW, minutes=60)
    later = booking.starts_at + timedelta(hours=2)
    with pytest.raises(life.StepRefused, match="Only the provider"):
        life.deliver(db.session, booking, people["person"], later, started_at=booking.starts_at, minutes=60)
    life.deliver(
        db.session,
        booking,
        people["provider"],
        later,
        started_at=booking.starts_at,
        minutes=55,
        note="All fine",
    )
    assert (booking.status, booking.delivered_minutes, booking.delivery_note) == (
        BookingStatus.DELIVERED,
        55,
        "All fine",
    )
    with pytest.raises(life.StepRefused, match="Only the person"):
        life.confirm(db.session, booking, people["other"], later)
    with pytest.raises(life.StepRefused, match="Enter what went wrong"):
        life.dispute(db.session, booking, people["person"], later, "  ")
    life.dispute(db.session, booking, people["person"], later, "They left after 20 minutes")
    assert booking.status == BookingStatus.DISPUTED
    assert booking in life.disputed_bookings(db.session)


def test_cancelling_early_is_free_and_late_costs_the_fee_the_person_saw(people):
    early = make_booking(
        people["business"], people["offering"], people["person"], starts_in=timedelta(days=3)
    )
    assert life.cancellation_terms(early, NOW).late_fee_pence == 0
    life.cancel_by_person(db.session, early, people["person"], NOW, expected_fee_pence=0)
    assert (early.status, early.late_fee_pence) == (BookingStatus.CANCELLED_BY_PERSON, 0)

    late = make_booking(
        people["business"], people["offering"], people["person"], starts_in=timedelta(hours=5)
    )
    assert life.cancellation_terms(late, NOW).late_fee_pence == 1000
    with pytest.raises(life.StepRefused, match="fee has changed"):
        life.cancel_by_person(db.session, late, people["person"], NOW, expected_fee_pence=0)
    with pytest.raises(life.StepRefused, match="Only the person"):
        life.cancel_by_person(db.session, late, people["other"], NOW, expected_fee_pence=1000)
    life.cancel_by_person(db.session, late, people["person"], NOW, expected_fee_pence=1000)
    assert late.late_fee_pence == 1000


def test_a_provider_cancels_free_and_it_is_counted(people, booking):
    with pytest.raises(life.StepRefused, match="Enter a reason"):
        life.cancel_by_provider(db.session, booking, people["provider"], NOW, reason="")
    life.cancel_by_provider(db.session, booking, people["provider"], NOW, reason="I am ill")
    assert (booking.status, booking.late_fee_pence) == (BookingStatus.CANCELLED_BY_PROVIDER, 0)
    assert life.provider_cancellation_count(db.session, people["business"].id) == 1


def test_one_visit_in_a_series_is_cancelled_alone(people):
    from web.models.marketplace import BookingSeries

    series = BookingSeries(weeks=2)
    db.session.add(series)
    first = make_booking(people["business"], people["offering"], people["person"], series=series)
    second = make_booking(
        people["business"], people["offering"], people["person"], series=series, starts_in=timedelta(days=10)
    )
    life.cancel_by_person(db.session, first, people["person"], NOW, expected_fee_pence=0)
    assert second.status == BookingStatus.REQUESTED


def test_tick_expires_reminds_and_confirms_once(people, mail_dir):
    old = make_booking(
        people["business"], people["offering"], people["person"], requested_at=NOW - timedelta(hours=49)
    )
    fresh = make_booking(
        people["business"], people["offering"], people["person"], requested_at=NOW - timedelta(hours=47)
    )
    remind = make_booking(
        people["business"],
        people["offering"],
        people["person"],
        starts_in=-timedelta(days=3),
        status=BookingStatus.DELIVERED,
        delivered_at=NOW - timedelta(hours=49),
    )
    done = make_booking(
        people["business"],
        people["offering"],
        people["person"],
        starts_in=-timedelta(days=4),
        status=BookingStatus.DELIVERED,
        delivered_at=NOW - timedelta(hours=73),
    )
    first = life.tick(db.session, NOW, notify=notify)
    assert (first.expired, first.reminded, first.confirmed) == ([old.id], [remind.id], [done.id])
    sent = len(mails(mail_dir))
    # Both sides, for each of the three; and the person has no card saved, so they are asked to pay.
    assert sent == 7
    second = life.tick(db.session, NOW, notify=notify)
    assert (second.expired, second.reminded, second.confirmed) == ([], [], [])
    assert len(mails(mail_dir)) == sent
    assert fresh.status == BookingStatus.REQUESTED
    assert remind.reminder_sent_at == NOW


def test_the_reminder_shows_once_in_the_bookings_history(people):
    delivered = make_booking(
        people["business"],
        people["offering"],
        people["person"],
        starts_in=-timedelta(days=3),
        status=BookingStatus.DELIVERED,
        delivered_at=NOW - timedelta(hours=49),
    )
    life.tick(db.session, NOW)
    life.tick(db.session, NOW + timedelta(minutes=1))
    db.session.expire_all()
    events = db.session.get(Booking, delivered.id).events
    assert [(e.status, e.actor_id, e.note) for e in events] == [
        (BookingStatus.DELIVERED, None, "Reminder sent: please confirm the visit")
    ]
    with pytest.raises(life.StepRefused, match="already been sent"):
        life.claim_reminder(db.session, delivered, NOW)


def test_two_ticks_at_once_apply_each_step_once(app, people):
    ids = [
        make_booking(
            people["business"], people["offering"], people["person"], requested_at=NOW - timedelta(hours=50)
        ).id
        for _ in range(5)
    ]
    reports = []

    def run():
        with app.app_context():
            reports.append(life.tick(db.session, NOW))
            db.session.remove()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(i for r in reports for i in r.expired) == sorted(ids)
    assert db.session.query(BookingEvent).count() == 5


def test_the_cli_tick_prints_what_it_did(app, people):
    make_booking(
        people["business"], people["offering"], people["person"], requested_at=NOW - timedelta(hours=50)
    )
    result = app.test_cli_runner().invoke(args=["marketplace", "tick"])
    assert "Expired 1, reminded 0, confirmed automatically 0." in result.output
    result = app.test_cli_runner().invoke(args=["marketplace", "tick"])
    assert "Expired 0," in result.output


def test_emails_carry_an_ics_with_the_booking_times(people, booking, mail_dir):
    life.accept(db.session, booking, people["provider"], NOW)
    notify("accepted", booking)
    paths = mails(mail_dir)
    assert len(paths) == 2
    message = email.message_from_bytes(paths[0].read_bytes())
    ics = next(part for part in message.walk() if part.get_content_type() == "text/calendar")
    calendar = Calendar.from_ical(ics.get_payload(decode=True))
    assert calendar["METHOD"] == "REQUEST"
    event = calendar.walk("VEVENT")[0]
    assert event.decoded("dtstart").replace(tzinfo=None) == booking.starts_at
    assert event.decoded("dtend").replace(tzinfo=None) == booking.starts_at + timedelta(minutes=60)
    uid, sequence = str(event["uid"]), int(event["sequence"])

    life.cancel_by_person(db.session, booking, people["person"], NOW, expected_fee_pence=0)
    notify("cancelled", booking)
    new = [path for path in mails(mail_dir) if path not in paths]
    latest = email.message_from_bytes(new[0].read_bytes())
    ics = next(part for part in latest.walk() if part.get_content_type() == "text/calendar")
    calendar = Calendar.from_ical(ics.get_payload(decode=True))
    assert calendar["METHOD"] == "CANCEL"
    event = calendar.walk("VEVENT")[0]
    assert str(event["uid"]) == uid and int(event["sequence"]) > sequence


def test_a_failed_send_keeps_the_change(app, people, booking):
    original = app.config["MAIL_DIR"]
    blocker = Path(original).parent / "not-a-folder"
    blocker.write_text("a file where the mail folder should be")
    app.config["MAIL_DIR"] = blocker / "mail"
    try:
        life.accept(db.session, booking, people["provider"], NOW)
        notify("accepted", booking)  # logs, does not raise
    finally:
        app.config["MAIL_DIR"] = original
    db.session.expire_all()
    assert db.session.get(Booking, booking.id).status == BookingStatus.ACCEPTED


def test_messages_and_their_email_without_the_text(people, booking, mail_dir):
    with pytest.raises(life.StepRefused, match="Enter your message"):
        life.send_message(db.session, booking, people["person"], NOW, "   ")
    with pytest.raises(life.StepRefused, match="1000 characters"):
        life.send_message(db.session, booking, people["person"], NOW, "x" * 1001)
    with pytest.raises(life.StepRefused, match="Only the person and the provider"):
        life.send_message(db.session, booking, people["other"], NOW, "hello")
    life.send_message(db.session, booking, people["person"], NOW, "Please ring the bell twice")
    notify_message(booking, people["person"].id)
    message = email.message_from_bytes(mails(mail_dir)[0].read_bytes())
    assert message["To"] == people["business"].public_email
    assert "You have a new message" in message["Subject"]
    assert b"bell" not in mails(mail_dir)[0].read_bytes()


def test_officers_read_a_thread_only_when_disputed_and_it_is_recorded(people, booking):
    life.send_message(db.session, booking, people["person"], NOW, "Hello")
    with pytest.raises(life.StepRefused, match="only when a booking is disputed"):
        life.thread_for_officer(db.session, booking, people["officer"], NOW, "Checking")
    booking.status = BookingStatus.DISPUTED
    db.session.commit()
    thread = life.thread_for_officer(db.session, booking, people["officer"], NOW, "Dispute review")
    assert [m.body for m in thread] == ["Hello"]
    access = db.session.query(ThreadAccess).one()
    assert (access.officer_id, access.reason) == (people["officer"].id, "Dispute review")


def test_people_see_only_their_own_bookings(people, booking):
    assert life.bookings_for(db.session, people["person"]) == [booking]
    assert life.bookings_for(db.session, people["other"]) == []
    assert life.bookings_for(db.session, people["provider"]) == [booking]
    assert life.bookings_for(db.session, people["other_provider"]) == []
    for outsider in ("other", "other_provider", "officer"):
        with pytest.raises(life.NotFound):
            life.booking_for(db.session, people[outsider], booking.id)
