"""The provider records a visit from the booking page: the actual start, length and a short note."""

from datetime import timedelta

import pytest

from tests.factories import make_bookable_provider, make_user
from tests.marketplace.test_lifecycle_steps import make_booking
from web.extensions import db
from web.marketplace.availability import to_london
from web.models.marketplace import Booking, BookingStatus

PASSWORD = "correct horse battery"


@pytest.fixture
def visited(client):
    """An accepted booking that started two hours ago, with its provider signed in."""
    business, offering, _owner = make_bookable_provider()
    person = make_user("person@example.org")
    booking = make_booking(
        business, offering, person, starts_in=-timedelta(hours=2), status=BookingStatus.ACCEPTED
    )
    client.post("/account/sign-in", data={"email": "provider@example.org", "password": PASSWORD})
    return client, booking


def fields(booking, **changes):
    starts = to_london(booking.starts_at)
    return {"started_on": f"{starts:%d/%m/%Y}", "started_at": f"{starts:%H:%M}", "minutes": "60"} | changes


def test_the_provider_sees_the_form_with_the_booked_time_in_london(visited):
    client, booking = visited
    page = client.get(f"/bookings/{booking.id}")
    assert "Record the visit" in page.text
    starts = to_london(booking.starts_at)
    assert f'value="{starts:%H:%M}"' in page.text
    hour = starts.hour % 12 or 12
    assert f"{hour}:{starts:%M}{'am' if starts.hour < 12 else 'pm'}" in page.text


def test_the_provider_marks_it_delivered_and_the_person_is_asked_to_confirm(visited):
    client, booking = visited
    starts = to_london(booking.starts_at) + timedelta(minutes=10)
    response = client.post(
        f"/bookings/{booking.id}/delivered",
        data=fields(booking, started_at=f"{starts:%H:%M}", minutes="50", note="Shopping done."),
    )
    assert response.status_code == 302
    db.session.expire_all()
    done = db.session.get(Booking, booking.id)
    assert done.status is BookingStatus.DELIVERED
    assert done.delivered_minutes == 50 and done.delivery_note == "Shopping done."
    assert to_london(done.delivered_start).strftime("%H:%M") == f"{starts:%H:%M}"
    assert "Record the visit" not in client.get(f"/bookings/{booking.id}").text


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"started_on": "yesterday"}, "Enter the date the visit started, like 27/03/2027"),
        ({"started_on": "31/02/2026"}, "Enter the date the visit started, like 27/03/2027"),
        ({"started_at": "25:00"}, "Enter the time the visit started, like 09:30"),
        ({"started_on": "01/01/2099"}, "The start time must be in the past"),
        ({"minutes": ""}, "Enter how long the visit was, in minutes"),
        ({"minutes": "0"}, "Enter how long the visit was, in minutes"),
        ({"minutes": "2000"}, "Enter how long the visit was, in minutes"),
        ({"minutes": "an hour"}, "Enter how long the visit was, in minutes"),
        ({"note": "x" * 501}, "The note must be 500 characters or fewer"),
    ],
)
def test_bad_values_are_shown_next_to_their_field_and_nothing_changes(visited, changes, message):
    client, booking = visited
    response = client.post(f"/bookings/{booking.id}/delivered", data=fields(booking, **changes))
    assert response.status_code == 400
    assert "govuk-error-summary" in response.text and response.text.count(message) >= 2
    db.session.expire_all()
    assert db.session.get(Booking, booking.id).status is BookingStatus.ACCEPTED


def test_the_person_cannot_record_the_visit(visited):
    client, booking = visited
    client.post("/account/sign-out")
    client.post("/account/sign-in", data={"email": "person@example.org", "password": PASSWORD})
    assert "Record the visit" not in client.get(f"/bookings/{booking.id}").text
    response = client.post(f"/bookings/{booking.id}/delivered", data=fields(booking))
    assert response.status_code == 400 and "Only the provider can record the visit." in response.text
    db.session.expire_all()
    assert db.session.get(Booking, booking.id).status is BookingStatus.ACCEPTED
