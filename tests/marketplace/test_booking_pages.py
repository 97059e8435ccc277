"""Booking a provider over the web pages: choose a time, check, send; and every way it can go wrong."""

import email
import re
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from tests.factories import make_bookable_provider, make_saved_card, make_user
from web.extensions import db
from web.marketplace import booking_requests
from web.marketplace.availability import LONDON
from web.models.accounts import Role
from web.models.marketplace import Booking, BookingStatus

PASSWORD = "correct horse battery"
ADDRESS = "1 Example Road, Wigan WN1 1AA"


def sign_in(client, email_address):
    response = client.post("/account/sign-in", data={"email": email_address, "password": PASSWORD})
    assert response.status_code == 302


def day_ahead(days: int) -> date:
    return datetime.now(LONDON).date() + timedelta(days=days)


def start_value(day: date, wall: str = "10:00") -> str:
    return f"{day.isoformat()}T{wall}"


def bookings() -> list[Booking]:
    db.session.expire_all()
    return list(db.session.scalars(db.select(Booking).order_by(Booking.starts_at)))


@pytest.fixture
def world(client):
    business, offering, owner = make_bookable_provider()
    person = make_user("person@example.org")
    make_saved_card(person)
    sign_in(client, "person@example.org")
    return {"client": client, "business": business, "offering": offering, "owner": owner, "person": person}


def new_mail(mail_dir: Path, before: set[Path]) -> list[email.message.EmailMessage]:
    paths = sorted(set(mail_dir.glob("*.eml")) - before) if mail_dir.exists() else []
    return [email.message_from_bytes(p.read_bytes(), policy=email.policy.default) for p in paths]


# ---- the whole flow -------------------------------------------------------------------------------


def test_the_time_page_shows_free_times_a_week_at_a_time_in_plain_words(world):
    client, offering = world["client"], world["offering"]
    page = client.get(f"/book/{offering.id}")
    assert page.status_code == 200
    day = day_ahead(3)
    assert f"{day:%A} {day.day} {day:%B}" in page.text
    assert f'value="{start_value(day)}"' in page.text
    assert "10:00am" in page.text and "4:00pm" in page.text
    assert "Later week" in page.text and "Earlier week" not in page.text
    ids = re.findall(r'id="(start[^"]*)"', page.text)
    assert ids[0] == "start" and len(ids) == len(set(ids))  # the error summary links to the first
    # Opening hours end at 17:00, so a one-hour visit cannot start at 16:30.
    assert f'value="{start_value(day, "16:30")}"' not in page.text

    later = client.get(f"/book/{offering.id}?week=1")
    assert later.status_code == 200
    assert "Earlier week" in later.text
    assert f'value="{start_value(day)}"' not in later.text
    assert f'value="{start_value(day + timedelta(weeks=1))}"' in later.text


def test_a_person_books_one_visit_and_both_sides_get_an_email_with_the_calendar_entry(world, app):
    client, offering = world["client"], world["offering"]
    day = day_ahead(3)
    chosen = client.post(
        f"/book/{offering.id}", data={"start": start_value(day), "minutes": "90", "weeks": "1"}
    )
    assert chosen.status_code == 302
    check = client.get(chosen.headers["Location"])
    assert check.status_code == 200
    assert f"{day:%A} {day.day} {day:%B} {day.year}, 10:00am" in check.text
    assert "£30" in check.text  # £20 an hour for an hour and a half
    assert "You can cancel free up to 24 hours before. After that, you pay 50% of the price." in check.text
    assert "Address for the visit" in check.text
    assert "The provider sees this only once they accept your request." in check.text
    assert bookings() == []  # nothing is written before the request is sent

    mail_dir = Path(app.config["MAIL_DIR"])
    before = set(mail_dir.glob("*.eml")) if mail_dir.exists() else set()
    sent = client.post(
        f"/book/{offering.id}/check",
        data={
            "start": start_value(day),
            "minutes": "90",
            "weeks": "1",
            "visits": "1",
            "visit_address": ADDRESS,
            "what_matters": "Please knock loudly.",
        },
    )
    assert sent.status_code == 302
    [made] = bookings()
    assert sent.headers["Location"] == f"/book/sent/{made.id}"
    assert made.status is BookingStatus.REQUESTED
    assert made.visit_address == ADDRESS and made.what_matters == "Please knock loudly."
    assert made.starts_at == datetime.combine(day, time(10), tzinfo=LONDON).astimezone(UTC).replace(
        tzinfo=None
    )

    # What matters is told once and shown to the provider, who does not see the address yet.
    client.post("/account/sign-out")
    sign_in(client, "provider@example.org")
    provider_view = client.get(f"/bookings/{made.id}").text
    assert "What matters to them" in provider_view and "Please knock loudly." in provider_view
    assert ADDRESS not in provider_view
    client.post("/account/sign-out")
    sign_in(client, "person@example.org")

    confirmation = client.get(sent.headers["Location"])
    assert confirmation.status_code == 200
    assert "Request sent" in confirmation.text
    assert "48 hours" in confirmation.text
    assert 'href="/bookings"' in confirmation.text

    messages = new_mail(mail_dir, before)
    assert sorted(m["To"] for m in messages) == ["person@example.org", "provider@example.org"]
    for message in messages:
        [attachment] = [part for part in message.iter_attachments() if part.get_filename() == "booking.ics"]
        [event] = Calendar.from_ical(attachment.get_content()).walk("VEVENT")
        assert event.decoded("dtstart") == made.starts_at.replace(tzinfo=UTC)
        assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(minutes=90)


def test_a_weekly_series_sends_one_email_to_each_side_with_every_visit_in_one_calendar(world, app):
    client, offering = world["client"], world["offering"]
    day = day_ahead(3)
    mail_dir = Path(app.config["MAIL_DIR"])
    before = set(mail_dir.glob("*.eml")) if mail_dir.exists() else set()
    sent = client.post(
        f"/book/{offering.id}/check",
        data={
            "start": start_value(day),
            "minutes": "60",
            "weeks": "4",
            "visits": "4",
            "visit_address": ADDRESS,
        },
    )
    assert sent.status_code == 302
    visits = bookings()
    assert len(visits) == 4
    messages = new_mail(mail_dir, before)
    assert sorted(m["To"] for m in messages) == ["person@example.org", "provider@example.org"]
    for message in messages:
        text = message.get_body(("plain",)).get_content()
        for week in range(4):
            visit_day = day + timedelta(weeks=week)
            assert f"{visit_day:%A} {visit_day.day} {visit_day:%B} {visit_day.year}, 10:00am" in text
        [attachment] = [part for part in message.iter_attachments() if part.get_filename() == "booking.ics"]
        events = Calendar.from_ical(attachment.get_content()).walk("VEVENT")
        assert [e.decoded("dtstart") for e in events] == [v.starts_at.replace(tzinfo=UTC) for v in visits]
        assert len({str(e["uid"]) for e in events}) == 4


def test_a_weekly_series_of_four_shows_the_clash_before_anything_is_saved(world):
    client, business, offering = world["client"], world["business"], world["offering"]
    day = day_ahead(3)
    other = make_user("other@example.org")
    booking_requests.request_booking(
        db.session,
        other,
        offering,
        datetime.combine(day + timedelta(weeks=2), time(10), tzinfo=LONDON),
        60,
        visit_address=ADDRESS,
    )
    check = client.get(f"/book/{offering.id}/check?start={start_value(day)}&minutes=60&weeks=4")
    assert check.status_code == 200
    assert check.text.count("Not available") == 1
    assert "The provider is not free then" in check.text
    third = day + timedelta(weeks=2)
    assert f"{third:%A} {third.day} {third:%B} {third.year}, 10:00am" in check.text
    assert "£60 for 3 visits" in check.text
    assert len(bookings()) == 1

    sent = client.post(
        f"/book/{offering.id}/check",
        data={
            "start": start_value(day),
            "minutes": "60",
            "weeks": "4",
            "visits": "3",
            "visit_address": ADDRESS,
        },
    )
    assert sent.status_code == 302
    mine = [b for b in bookings() if b.booker_id == world["person"].id]
    assert [b.starts_at.replace(tzinfo=UTC).astimezone(LONDON).date() for b in mine] == [
        day,
        day + timedelta(weeks=1),
        day + timedelta(weeks=3),
    ]
    assert len({b.series_id for b in mine}) == 1 and mine[0].series_id is not None
    confirmation = client.get(sent.headers["Location"])
    assert confirmation.text.count("10:00am") == 3
    assert business.id == mine[0].business_id


def test_the_loser_of_a_race_is_sent_back_to_choose_another_time(world):
    client, offering = world["client"], world["offering"]
    day = day_ahead(4)
    assert (
        client.get(f"/book/{offering.id}/check?start={start_value(day)}&minutes=60&weeks=1").status_code
        == 200
    )
    booking_requests.request_booking(
        db.session,
        make_user("quicker@example.org"),
        offering,
        datetime.combine(day, time(10), tzinfo=LONDON),
        60,
        visit_address=ADDRESS,
    )
    late = client.post(
        f"/book/{offering.id}/check",
        data={
            "start": start_value(day),
            "minutes": "60",
            "weeks": "1",
            "visits": "1",
            "visit_address": ADDRESS,
        },
    )
    assert late.status_code == 400
    assert "That time has just been taken. Choose another time." in late.text
    assert "Choose a time" in late.text and "govuk-error-summary" in late.text
    assert len(bookings()) == 1


def test_a_failed_email_never_loses_the_request(world, app, tmp_path):
    client, offering = world["client"], world["offering"]
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("mail cannot be written under a file")
    app.config["MAIL_DIR"], saved = blocked, app.config["MAIL_DIR"]
    try:
        sent = client.post(
            f"/book/{offering.id}/check",
            data={
                "start": start_value(day_ahead(3)),
                "minutes": "60",
                "weeks": "1",
                "visits": "1",
                "visit_address": ADDRESS,
            },
        )
    finally:
        app.config["MAIL_DIR"] = saved
    assert sent.status_code == 302
    assert [b.status for b in bookings()] == [BookingStatus.REQUESTED]


# ---- bad input ------------------------------------------------------------------------------------


def _past_start():
    return start_value(day_ahead(-1))


TIME_CASES = [
    ({"minutes": "60", "weeks": "1"}, "Choose a date and start time"),
    ({"start": "tomorrow", "minutes": "60", "weeks": "1"}, "Choose a date and start time"),
    ({"start": "@past", "minutes": "60", "weeks": "1"}, "The date and time must be in the future"),
    (
        {"start": "@day3T07:00", "minutes": "60", "weeks": "1"},
        "Choose a start time from the free times shown",
    ),
    (
        {"start": "@day3T16:30", "minutes": "60", "weeks": "1"},
        "Choose a start time from the free times shown",
    ),
    ({"start": "@day3T10:00", "minutes": "30", "weeks": "1"}, "The visit must be at least 1 hour"),
    ({"start": "@day3T10:00", "minutes": "", "weeks": "1"}, "Enter how long you want the visit to be"),
    ({"start": "@day3T10:00", "minutes": "ninety", "weeks": "1"}, "The visit must be at least 1 hour"),
    ({"start": "@day3T10:00", "minutes": "99999", "weeks": "1"}, "The visit must be 12 hours or less"),
    ({"start": "@day3T10:00", "minutes": "60", "weeks": "0"}, "Enter a number of weeks from 1 to 12"),
    ({"start": "@day3T10:00", "minutes": "60", "weeks": "13"}, "Enter a number of weeks from 1 to 12"),
    ({"start": "@day3T10:00", "minutes": "60", "weeks": "two"}, "Enter a number of weeks from 1 to 12"),
]


def _resolve(data: dict) -> dict:
    start = data.get("start", "")
    if start == "@past":
        data = {**data, "start": _past_start()}
    elif start.startswith("@day3"):
        data = {**data, "start": day_ahead(3).isoformat() + start.removeprefix("@day3")}
    return data


@pytest.mark.parametrize(("data", "message"), TIME_CASES)
def test_a_bad_time_choice_is_shown_next_to_its_field(world, data, message):
    client, offering = world["client"], world["offering"]
    data = _resolve(data)
    page = client.post(f"/book/{offering.id}", data=data)
    assert page.status_code == 400
    assert "govuk-error-summary" in page.text
    assert page.text.count(message) >= 2  # in the summary and next to the field
    assert page.text.startswith("<!DOCTYPE html>") or "<html" in page.text
    # The same values sent straight to the check page or the send button are refused the same way.
    query = "&".join(f"{k}={v}" for k, v in data.items())
    assert client.get(f"/book/{offering.id}/check?{query}").status_code == 400
    sent = client.post(f"/book/{offering.id}/check", data={**data, "visits": "1", "visit_address": ADDRESS})
    assert sent.status_code == 400 and message in sent.text
    assert bookings() == []


CHECK_CASES = [
    ({"visit_address": "  "}, "Enter the address for the visit"),
    ({"what_matters": "x" * 1001}, "What matters to you must be 1000 characters or fewer"),
    ({"booked_for": "x" * 121}, "The name must be 120 characters or fewer"),
    ({"visit_address": "x" * 301}, "The address must be 300 characters or fewer"),
]


@pytest.mark.parametrize(("fields", "message"), CHECK_CASES)
def test_bad_details_on_the_check_page_are_shown_next_to_their_field(world, fields, message):
    client, offering = world["client"], world["offering"]
    data = {"start": start_value(day_ahead(3)), "minutes": "60", "weeks": "1", "visits": "1"}
    data |= {"visit_address": ADDRESS} | fields
    page = client.post(f"/book/{offering.id}/check", data=data)
    assert page.status_code == 400
    assert "govuk-error-summary" in page.text and page.text.count(message) >= 2
    assert "Check your booking request" in page.text
    assert bookings() == []


def test_the_length_can_be_changed_without_javascript(world):
    client, offering = world["client"], world["offering"]
    day = day_ahead(3)
    page = client.post(f"/book/{offering.id}", data={"minutes": "180", "weeks": "1", "action": "refresh"})
    assert page.status_code == 200
    # A three-hour visit must end by 17:00, so 14:00 is the last start.
    assert f'value="{start_value(day, "14:00")}"' in page.text
    assert f'value="{start_value(day, "14:30")}"' not in page.text


# ---- who may book, and what cannot be booked -----------------------------------------------------


def test_an_unknown_offering_is_not_found(world):
    assert world["client"].get("/book/no-such-offering").status_code == 404


def test_a_withdrawn_offering_says_it_cannot_be_booked(world):
    client, offering = world["client"], world["offering"]
    offering.is_active = False
    db.session.commit()
    for response in (
        client.get(f"/book/{offering.id}"),
        client.post(f"/book/{offering.id}/check", data={"start": start_value(day_ahead(3))}),
    ):
        assert response.status_code == 404
        assert "cannot be booked online at the moment" in response.text
        assert "01942 000000" in response.text
    assert bookings() == []


def test_expired_insurance_means_it_cannot_be_booked(client):
    _business, offering, _owner = make_bookable_provider(check_expiry=date.today() - timedelta(days=1))
    make_user("person@example.org")
    sign_in(client, "person@example.org")
    page = client.get(f"/book/{offering.id}")
    assert page.status_code == 404 and "cannot be booked online" in page.text


def test_a_provider_cannot_book_their_own_business_nor_an_officer_book(client):
    _business, offering, _owner = make_bookable_provider()
    make_user("officer@example.org", role=Role.OFFICER)
    sign_in(client, "provider@example.org")
    own = client.get(f"/book/{offering.id}")
    assert own.status_code == 403 and "This is your own business" in own.text
    assert client.post(f"/book/{offering.id}", data={"start": start_value(day_ahead(3))}).status_code == 403
    client.post("/account/sign-out")
    sign_in(client, "officer@example.org")
    page = client.get(f"/book/{offering.id}")
    assert page.status_code == 403 and "You cannot book with this account" in page.text
    assert "You are signed in as an officer." in page.text
    assert bookings() == []


def test_someone_not_signed_in_is_asked_to_sign_in_first(client):
    _business, offering, _owner = make_bookable_provider()
    response = client.get(f"/book/{offering.id}")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/account/sign-in?next=")


def test_only_the_booker_sees_the_request_sent_page(world, client):
    offering = world["offering"]
    [made] = booking_requests.request_booking(
        db.session,
        world["person"],
        offering,
        datetime.combine(day_ahead(3), time(11), tzinfo=LONDON),
        60,
        visit_address=ADDRESS,
    )
    assert client.get(f"/book/sent/{made.id}").status_code == 200
    client.post("/account/sign-out")
    sign_in(client, "provider@example.org")
    assert client.get(f"/book/sent/{made.id}").status_code == 404
    assert client.get("/book/sent/no-such-booking").status_code == 404


# ---- a form sent too big ----------------------------------------------------------------------------


@pytest.mark.parametrize("with_csrf", [False, True])
def test_a_form_too_big_for_the_site_gets_a_plain_error_page(world, app, with_csrf):
    """MAX_CONTENT_LENGTH applies to every form; the answer is a GOV.UK page, and nothing is saved."""
    client, offering = world["client"], world["offering"]
    huge = {"start": start_value(day_ahead(3)), "minutes": "60", "weeks": "1", "visits": "1"}
    huge["what_matters"] = "x" * (app.config["MAX_CONTENT_LENGTH"] + 1)
    app.config["WTF_CSRF_ENABLED"] = with_csrf
    anonymous = type(client)(app, app.response_class, use_cookies=True)
    try:
        responses = [
            client.post(f"/book/{offering.id}/check", data=huge),
            client.post(f"/book/{offering.id}", data=huge),
            anonymous.post("/account/sign-in", data={"email": huge["what_matters"], "password": "x"}),
        ]
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    for response in responses:
        assert response.status_code == 413
        assert "What you sent is too big" in response.text
        assert "Nothing was saved." in response.text
        assert 'class="govuk-heading-l"' in response.text
    assert bookings() == []


def test_no_start_time_chosen_is_an_error_on_the_start_time_question(world):
    from bs4 import BeautifulSoup

    client, offering = world["client"], world["offering"]
    page = client.post(f"/book/{offering.id}", data={"minutes": "60", "weeks": "1"})
    assert page.status_code == 400
    html = BeautifulSoup(page.text, "html.parser")
    link = html.select_one(".govuk-error-summary a[href='#start']")
    assert link is not None and "Choose a date and start time" in link.text
    first_radio = html.find(id="start")
    assert first_radio.name == "input" and first_radio["type"] == "radio"
    message = html.find(id="start-error")
    question = message.find_parent("fieldset")
    assert question is not None and "start-error" in question["aria-describedby"]
    assert question.find(id="start") is not None  # every day's radios sit inside the one question
    assert question.find_parent(class_="govuk-form-group--error") is not None
    assert len(html.select(".govuk-error-message")) == 1
