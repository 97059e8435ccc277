"""Emails about bookings, with a calendar file (.ics) for requests, acceptances, changes and
cancellations. Always called after the change is committed: a failed send is logged, never undoes it."""

import logging
from datetime import UTC, timedelta

from flask import current_app
from icalendar import Calendar, Event

from web.marketplace.booking_lifecycle import status_words
from web.marketplace.time_words import when_words
from web.models.marketplace import Booking, BookingStatus
from web.services.mail import send_email

log = logging.getLogger(__name__)

SUBJECTS = {
    "requested": "Booking requested",
    "accepted": "Booking accepted",
    "declined": "Booking declined",
    "expired": "Booking request not answered in time",
    "delivered": "Visit recorded: please confirm",
    "reminder": "Reminder: please confirm your visit",
    "confirmed": "Visit confirmed",
    "auto_confirmed": "Visit confirmed",
    "disputed": "Visit disputed",
    "cancelled": "Booking cancelled",
}
# These carry a calendar file; a cancellation cancels the event in the calendar.
WITH_CALENDAR = {"requested", "accepted", "declined", "expired", "cancelled"}


def _event(booking: Booking, cancelled: bool) -> Event:
    event = Event()
    event.add("uid", f"booking-{booking.id}@{current_app.config['MAIL_SENDER'].rpartition('@')[2]}")
    # Bumped on every step, so a calendar replaces the earlier copy.
    event.add("sequence", len(booking.events))
    event.add("dtstamp", booking.requested_at.replace(tzinfo=UTC))
    starts = booking.starts_at.replace(tzinfo=UTC)
    event.add("dtstart", starts)
    event.add("dtend", starts + timedelta(minutes=booking.minutes))
    event.add("summary", f"{booking.offering.name} with {booking.business.trading_name}")
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def booking_calendar(visits: list[Booking], cancelled: bool) -> bytes:
    """One calendar file with an event per visit (a weekly series is several visits)."""
    calendar = Calendar()
    calendar.add("prodid", "-//Community Directory//Marketplace//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    for visit in visits:
        calendar.add_component(_event(visit, cancelled))
    return calendar.to_ical()


def _link(booking: Booking) -> str:
    return f"{current_app.config['SITE_URL'].rstrip('/')}/bookings/{booking.id}"


def _safe_send(to: str, subject: str, body: str, attachments=()) -> bool:
    try:
        send_email(to, subject, body, attachments)
    except Exception:  # a failed send must never undo the booking change
        log.exception("Could not send %r to a booking participant", subject)
        return False
    return True


def notify(what: str, booking: Booking) -> None:
    """Tell both sides what happened (the text says only what and where; details are on the site)."""
    notify_visits(what, [booking])


def notify_visits(what: str, visits: list[Booking]) -> None:
    """One email to each side for one booking or a whole weekly series, listing every visit, with one
    calendar file holding them all."""
    first = visits[0]
    subject = SUBJECTS[what]
    attachments = ()
    if what in WITH_CALENDAR:
        cancelled = first.status not in (BookingStatus.REQUESTED, BookingStatus.ACCEPTED)
        method = "CANCEL" if cancelled else "REQUEST"
        attachments = (
            ("booking.ics", f"text/calendar; method={method}", booking_calendar(visits, cancelled)),
        )
    sides = [(first.booker.email, False), (first.business.public_email, True)]
    for to, for_provider in sides:
        if len(visits) == 1:
            details = f"Status: {status_words(first, for_provider)}.\n\nSee the booking: {_link(first)}\n"
        else:
            details = f"{len(visits)} weekly visits:\n" + "".join(
                f"- {when_words(visit.starts_at)}: {status_words(visit, for_provider)}. {_link(visit)}\n"
                for visit in visits
            )
        body = f"{subject}: {first.offering.name} with {first.business.trading_name}.\n\n{details}"
        _safe_send(to, subject, body, attachments)


def notify_message(booking: Booking, sender_id: int) -> None:
    """Tell the other side a message arrived, without its text."""
    to = booking.business.public_email if sender_id == booking.booker_id else booking.booker.email
    _safe_send(
        to,
        "You have a new message",
        f"You have a new message about a booking.\n\nRead it: {_link(booking)}\n",
    )
