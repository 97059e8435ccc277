"""Emails about bookings, with a calendar file (.ics) for requests, acceptances, changes and
cancellations. Always called after the change is committed: a failed send is logged, never undoes it."""

import logging
from datetime import UTC, timedelta

from flask import current_app
from icalendar import Calendar, Event

from web.marketplace.booking_lifecycle import status_words
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


def booking_calendar(booking: Booking, cancelled: bool) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Community Directory//Marketplace//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
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
    calendar.add_component(event)
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
    subject = SUBJECTS[what]
    attachments = ()
    if what in WITH_CALENDAR:
        cancelled = booking.status not in (BookingStatus.REQUESTED, BookingStatus.ACCEPTED)
        method = "CANCEL" if cancelled else "REQUEST"
        attachments = (
            ("booking.ics", f"text/calendar; method={method}", booking_calendar(booking, cancelled)),
        )
    sides = [(booking.booker.email, False), (booking.business.public_email, True)]
    for to, for_provider in sides:
        body = (
            f"{subject}: {booking.offering.name} with {booking.business.trading_name}.\n\n"
            f"Status: {status_words(booking, for_provider)}.\n\nSee the booking: {_link(booking)}\n"
        )
        _safe_send(to, subject, body, attachments)


def notify_message(booking: Booking, sender_id: int) -> None:
    """Tell the other side a message arrived, without its text."""
    to = booking.business.public_email if sender_id == booking.booker_id else booking.booker.email
    _safe_send(
        to,
        "You have a new message",
        f"You have a new message about a booking.\n\nRead it: {_link(booking)}\n",
    )
