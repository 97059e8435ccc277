"""What happens to a booking after it is requested: each step one plain function with its rule here.

Every step takes (session, booking, actor, now, ...), refuses with a clear message (StepRefused) when it
is not allowed from the booking's status or by this actor, records a BookingEvent, and changes the row
with a conditional UPDATE (WHERE id = ? AND status = ?) so two racing clicks, or two machines running
`flask marketplace tick`, never apply a step twice. Emails go after the commit (web.marketplace.
notifications), so a failed send never loses the change.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from web.models.accounts import Role, User
from web.models.marketplace import Booking, BookingEvent, BookingMessage, BookingStatus, ThreadAccess
from web.payments import charges, refunds
from web.services.listings import pence_text

EXPIRES_AFTER = timedelta(hours=48)
REMIND_AFTER = timedelta(hours=48)
AUTO_CONFIRM_AFTER = timedelta(hours=72)
MESSAGE_MAX_LENGTH = 1000
NOTE_MAX_LENGTH = 500

CANCELLABLE = (BookingStatus.REQUESTED, BookingStatus.ACCEPTED)
# Officers read a thread only for these (a dispute, or a concern raised), and each reading is recorded.
THREAD_OPEN_TO_OFFICERS = (BookingStatus.DISPUTED,)


class StepRefused(Exception):
    """The step is not allowed now or by this person; the message says why, in plain words."""


class NotFound(Exception):
    """No such booking, or not one this person may see (shown as 404 either way)."""


# ---- who is who --------------------------------------------------------------------------------


def is_person(user: User, booking: Booking) -> bool:
    return user is not None and user.id == booking.booker_id


def is_provider(user: User, booking: Booking) -> bool:
    return (
        user is not None
        and user.role is Role.PROVIDER
        and user.organization_id is not None
        and booking.business.organization_id == user.organization_id
    )


def is_officer(user: User) -> bool:
    return user is not None and user.role in (Role.OFFICER, Role.ADMIN)


def bookings_for(session: Session, user: User) -> list[Booking]:
    """A person's own bookings, or a provider's organisation's, soonest first."""
    from web.models.marketplace import ProviderBusiness

    query = select(Booking).order_by(Booking.starts_at)
    if user.role is Role.PROVIDER and user.organization_id:
        query = query.join(ProviderBusiness).where(ProviderBusiness.organization_id == user.organization_id)
    else:
        query = query.where(Booking.booker_id == user.id)
    return list(session.scalars(query))


def booking_for(session: Session, user: User, booking_id: str) -> Booking:
    """The booking if this person made it or it is their organisation's; NotFound otherwise."""
    booking = session.get(Booking, booking_id)
    if booking is None or not (is_person(user, booking) or is_provider(user, booking)):
        raise NotFound
    return booking


def address_visible_to(user: User, booking: Booking) -> bool:
    """The visit address: always to the person; to the provider only once they have accepted."""
    if is_person(user, booking):
        return True
    return (
        is_provider(user, booking)
        and booking.responded_at is not None
        and booking.status
        not in (
            BookingStatus.REQUESTED,
            BookingStatus.DECLINED,
            BookingStatus.EXPIRED,
        )
    )


def _first_name(user: User) -> str:
    words = (user.display_name or "").split()
    return words[0] if words else "the person"


def status_words(booking: Booking, for_provider: bool) -> str:
    """The booking's status in words for one side: the provider is not told "Cancelled by you" when the
    person cancelled."""
    status = booking.status
    if for_provider:
        return {
            BookingStatus.REQUESTED: "Waiting for your answer",
            BookingStatus.DECLINED: "Declined by you",
            BookingStatus.EXPIRED: "Not answered by you in time",
            BookingStatus.DELIVERED: "Delivered: waiting for the person to confirm",
            BookingStatus.CANCELLED_BY_PERSON: f"Cancelled by {_first_name(booking.booker)}",
            BookingStatus.CANCELLED_BY_PROVIDER: "Cancelled by you",
        }.get(status, status.label)
    if status is BookingStatus.DECLINED:
        return "Declined by the provider"
    return status.label


def status_for(viewer: User, booking: Booking) -> str:
    return status_words(booking, is_provider(viewer, booking))


# ---- the one way a step is applied -------------------------------------------------------------


def _apply(
    session: Session,
    booking: Booking,
    actor: User | None,
    now: datetime,
    from_statuses: tuple[BookingStatus, ...],
    to_status: BookingStatus,
    values: dict,
    note: str | None = None,
    refused: str = "This booking has already changed. Look at it again.",
    with_rows: Callable[[Session, Booking], object] | None = None,
) -> Booking:
    """The step's conditional UPDATE, its event and any rows `with_rows` adds (a payment), committed
    together: all of them or none."""
    result = session.execute(
        update(Booking)
        .where(Booking.id == booking.id, Booking.status.in_(from_statuses))
        .values(status=to_status, **values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        session.rollback()
        raise StepRefused(refused)
    session.add(
        BookingEvent(
            booking_id=booking.id, at=now, status=to_status, actor_id=actor.id if actor else None, note=note
        )
    )
    if with_rows is not None:
        with_rows(session, booking)
    session.commit()
    session.refresh(booking)
    return booking


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise StepRefused(message)


def _text(value: str | None, what: str, limit: int, required: bool = True) -> str | None:
    value = (value or "").strip()
    if not value:
        _require(not required, f"Enter {what}")
        return None
    _require(len(value) <= limit, f"{what[0].upper()}{what[1:]} must be {limit} characters or fewer")
    return value


# ---- the provider answers ----------------------------------------------------------------------


def accept(session: Session, booking: Booking, actor: User, now: datetime) -> Booking:
    _require(is_provider(actor, booking), "Only the provider can accept this booking.")
    _require(
        booking.status == BookingStatus.REQUESTED, "Only a booking waiting for an answer can be accepted."
    )
    _require(now < booking.requested_at + EXPIRES_AFTER, "This request was not answered within 48 hours.")
    return _apply(
        session,
        booking,
        actor,
        now,
        (BookingStatus.REQUESTED,),
        BookingStatus.ACCEPTED,
        {"responded_at": now},
    )


def decline(
    session: Session, booking: Booking, actor: User, now: datetime, reason: str | None = None
) -> Booking:
    _require(is_provider(actor, booking), "Only the provider can decline this booking.")
    _require(
        booking.status == BookingStatus.REQUESTED, "Only a booking waiting for an answer can be declined."
    )
    reason = _text(reason, "a reason", NOTE_MAX_LENGTH, required=False)
    return _apply(
        session,
        booking,
        actor,
        now,
        (BookingStatus.REQUESTED,),
        BookingStatus.DECLINED,
        {"responded_at": now, "cancellation_reason": reason},
        note=reason,
    )


def expire(session: Session, booking: Booking, now: datetime) -> Booking:
    """Unanswered 48 hours after it was requested (the scheduler)."""
    _require(booking.status == BookingStatus.REQUESTED, "Only a booking waiting for an answer can expire.")
    _require(now >= booking.requested_at + EXPIRES_AFTER, "This request has not waited 48 hours yet.")
    return _apply(session, booking, None, now, (BookingStatus.REQUESTED,), BookingStatus.EXPIRED, {})


# ---- the visit ---------------------------------------------------------------------------------


def deliver(
    session: Session,
    booking: Booking,
    actor: User,
    now: datetime,
    *,
    started_at: datetime,
    minutes: int,
    note: str | None = None,
) -> Booking:
    """The provider records the actual start, length and a short note, once the start time has passed."""
    _require(is_provider(actor, booking), "Only the provider can record the visit.")
    _require(booking.status == BookingStatus.ACCEPTED, "Only an accepted booking can be marked as delivered.")
    _require(now >= booking.starts_at, "You can record the visit once its start time has passed.")
    _require(started_at <= now, "The start time must be in the past")
    _require(isinstance(minutes, int) and 0 < minutes <= 24 * 60, "Enter how long the visit was, in minutes")
    note = _text(note, "a note", NOTE_MAX_LENGTH, required=False)
    return _apply(
        session,
        booking,
        actor,
        now,
        (BookingStatus.ACCEPTED,),
        BookingStatus.DELIVERED,
        {
            "delivered_start": started_at,
            "delivered_minutes": minutes,
            "delivery_note": note,
            "delivered_at": now,
        },
        note=note,
    )


def confirm(session: Session, booking: Booking, actor: User, now: datetime) -> Booking:
    _require(is_person(actor, booking), "Only the person who booked can confirm the visit.")
    _require(booking.status == BookingStatus.DELIVERED, "Only a delivered visit can be confirmed.")
    return _apply(
        session,
        booking,
        actor,
        now,
        (BookingStatus.DELIVERED,),
        BookingStatus.CONFIRMED,
        {"confirmed_at": now},
        with_rows=charges.open_visit_payment,
    )


def dispute(session: Session, booking: Booking, actor: User, now: datetime, reason: str) -> Booking:
    """The person says the visit was not as recorded; an officer looks at it."""
    _require(is_person(actor, booking), "Only the person who booked can dispute the visit.")
    _require(booking.status == BookingStatus.DELIVERED, "Only a delivered visit can be disputed.")
    reason = _text(reason, "what went wrong", NOTE_MAX_LENGTH)
    return _apply(
        session,
        booking,
        actor,
        now,
        (BookingStatus.DELIVERED,),
        BookingStatus.DISPUTED,
        {"dispute_reason": reason},
        note=reason,
    )


def auto_confirm(session: Session, booking: Booking, now: datetime) -> Booking:
    _require(booking.status == BookingStatus.DELIVERED, "Only a delivered visit can be confirmed.")
    _require(
        now >= booking.delivered_at + AUTO_CONFIRM_AFTER, "This visit was delivered less than 72 hours ago."
    )
    return _apply(
        session,
        booking,
        None,
        now,
        (BookingStatus.DELIVERED,),
        BookingStatus.CONFIRMED,
        {"confirmed_at": now},
        note="Confirmed automatically 72 hours after delivery",
        with_rows=charges.open_visit_payment,
    )


def claim_reminder(session: Session, booking: Booking, now: datetime) -> Booking:
    """Mark the 48-hour reminder as sent, once: the status stays delivered, so the condition is that no
    reminder has been sent yet. The event shows in the booking's history like any other step."""
    _require(booking.status == BookingStatus.DELIVERED, "Only a delivered visit needs a reminder.")
    _require(now >= booking.delivered_at + REMIND_AFTER, "This visit was delivered less than 48 hours ago.")
    result = session.execute(
        update(Booking)
        .where(
            Booking.id == booking.id,
            Booking.status == BookingStatus.DELIVERED,
            Booking.reminder_sent_at.is_(None),
        )
        .values(reminder_sent_at=now)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        session.rollback()
        raise StepRefused("The reminder has already been sent.")
    session.add(
        BookingEvent(
            booking_id=booking.id,
            at=now,
            status=BookingStatus.DELIVERED,
            note="Reminder sent: please confirm the visit",
        )
    )
    session.commit()
    session.refresh(booking)
    return booking


# ---- cancelling --------------------------------------------------------------------------------


def late_fee_for(booking: Booking, now: datetime) -> int:
    """What the person would pay to cancel now: nothing before the free-cancellation notice."""
    if booking.status != BookingStatus.ACCEPTED and booking.status != BookingStatus.REQUESTED:
        return 0
    if now < booking.starts_at - timedelta(hours=booking.free_cancellation_hours):
        return 0
    return booking.total_pence * booking.late_fee_percent // 100


@dataclass(frozen=True)
class CancellationTerms:
    late_fee_pence: int
    free_until: datetime


def cancellation_terms(booking: Booking, now: datetime) -> CancellationTerms:
    """Shown to the person before they confirm a cancellation."""
    return CancellationTerms(
        late_fee_for(booking, now), booking.starts_at - timedelta(hours=booking.free_cancellation_hours)
    )


def cancel_by_person(
    session: Session,
    booking: Booking,
    actor: User,
    now: datetime,
    *,
    expected_fee_pence: int,
    reason: str | None = None,
) -> Booking:
    """Cancel one booking (alone, even in a series). The fee the person was shown must still be the fee,
    so nobody is charged one they did not see."""
    _require(is_person(actor, booking), "Only the person who booked can cancel it this way.")
    _require(booking.status in CANCELLABLE, "This booking can no longer be cancelled.")
    _require(now < booking.starts_at, "This visit has already started.")
    fee = late_fee_for(booking, now)
    _require(fee == expected_fee_pence, "The cancellation fee has changed. Check it and confirm again.")
    reason = _text(reason, "a reason", NOTE_MAX_LENGTH, required=False)
    return _apply(
        session,
        booking,
        actor,
        now,
        CANCELLABLE,
        BookingStatus.CANCELLED_BY_PERSON,
        {"cancelled_at": now, "late_fee_pence": fee, "cancellation_reason": reason},
        note=f"Late fee {fee} pence" if fee else reason,
        with_rows=lambda session, booking: charges.open_late_fee(session, booking, fee),
    )


def cancel_by_provider(
    session: Session, booking: Booking, actor: User, now: datetime, *, reason: str
) -> Booking:
    """Always free to the person; counted on the provider's record."""
    _require(is_provider(actor, booking), "Only the provider can cancel it this way.")
    _require(booking.status in CANCELLABLE, "This booking can no longer be cancelled.")
    _require(now < booking.starts_at, "This visit has already started.")
    reason = _text(reason, "a reason for the person", NOTE_MAX_LENGTH)
    return _apply(
        session,
        booking,
        actor,
        now,
        CANCELLABLE,
        BookingStatus.CANCELLED_BY_PROVIDER,
        {"cancelled_at": now, "late_fee_pence": 0, "cancellation_reason": reason},
        note=reason,
    )


def cancel_confirmed_by_provider(
    session: Session, booking: Booking, actor: User, now: datetime, *, reason: str
) -> Booking:
    """The provider takes back a confirmed visit (it should not have been charged): cancelled by the
    provider, anything still owed is waived in the same transaction, and what was paid is refunded in
    full after the commit (web.payments.refunds.refund_cancelled_visit)."""
    _require(is_provider(actor, booking), "Only the provider can cancel and refund this visit.")
    _require(
        booking.status == BookingStatus.CONFIRMED, "Only a confirmed visit can be cancelled and refunded."
    )
    _require(
        refunds.can_refund_by_cancelling(booking, now),
        "A confirmed visit can be cancelled and refunded only within 14 days of being confirmed.",
    )
    reason = _text(reason, "a reason for the person", NOTE_MAX_LENGTH)
    return _apply(
        session,
        booking,
        actor,
        now,
        (BookingStatus.CONFIRMED,),
        BookingStatus.CANCELLED_BY_PROVIDER,
        {"cancelled_at": now, "cancellation_reason": reason},
        note=reason,
        with_rows=lambda session, booking: refunds.waive_unpaid(session, booking, now),
    )


def provider_cancellation_count(session: Session, business_id: int) -> int:
    return session.scalar(
        select(func.count())
        .select_from(Booking)
        .where(Booking.business_id == business_id, Booking.status == BookingStatus.CANCELLED_BY_PROVIDER)
    )


# ---- messages ----------------------------------------------------------------------------------


def send_message(
    session: Session, booking: Booking, sender: User, now: datetime, body: str
) -> BookingMessage:
    _require(
        is_person(sender, booking) or is_provider(sender, booking),
        "Only the person and the provider can write here.",
    )
    body = _text(body, "your message", MESSAGE_MAX_LENGTH)
    message = BookingMessage(booking_id=booking.id, sender_id=sender.id, body=body, sent_at=now)
    session.add(message)
    session.commit()
    return message


def thread_for_officer(
    session: Session, booking: Booking, officer: User, now: datetime, reason: str
) -> list[BookingMessage]:
    """An officer reads a thread only when the booking is disputed; each reading is recorded."""
    _require(is_officer(officer), "Only an officer can read this.")
    _require(
        booking.status in THREAD_OPEN_TO_OFFICERS,
        "Officers can read messages only when a booking is disputed.",
    )
    session.add(ThreadAccess(booking_id=booking.id, officer_id=officer.id, reason=reason[:200], at=now))
    session.commit()
    return list(booking.messages)


def resolve_dispute(
    session: Session, booking: Booking, officer: User, now: datetime, *, charge_pence: int, note: str | None
) -> Booking:
    """An officer settles a disputed visit: confirmed with the agreed charge or a smaller one (the
    payment opened in the same transaction), or, with nothing charged, closed as not charged (which
    does not count against the provider as a cancellation of theirs)."""
    _require(is_officer(officer), "Only an officer can resolve a dispute.")
    _require(booking.status == BookingStatus.DISPUTED, "Only a disputed visit can be resolved.")
    agreed = charges.visit_pence(booking)
    _require(
        isinstance(charge_pence, int) and 0 <= charge_pence <= agreed,
        f"Enter an amount up to the agreed charge of {pence_text(agreed)}",
    )
    note = _text(note, "a note", NOTE_MAX_LENGTH, required=False)
    if charge_pence == 0:
        return _apply(
            session,
            booking,
            officer,
            now,
            (BookingStatus.DISPUTED,),
            BookingStatus.NOT_CHARGED,
            {"cancelled_at": now, "cancellation_reason": note or "Not charged after an officer's review"},
            note=f"Dispute resolved by an officer: nothing charged. {note or ''}".strip(),
        )
    return _apply(
        session,
        booking,
        officer,
        now,
        (BookingStatus.DISPUTED,),
        BookingStatus.CONFIRMED,
        {"confirmed_at": now},
        note=f"Dispute resolved by an officer: {charge_pence} pence charged. {note or ''}".strip(),
        with_rows=lambda session, booking: charges.open_dispute_charge(session, booking, charge_pence),
    )


def disputed_bookings(session: Session) -> list[Booking]:
    return list(
        session.scalars(
            select(Booking).where(Booking.status == BookingStatus.DISPUTED).order_by(Booking.starts_at)
        )
    )


# ---- the scheduler -----------------------------------------------------------------------------


@dataclass
class TickReport:
    expired: list[str]
    reminded: list[str]
    confirmed: list[str]


@dataclass(frozen=True)
class TickStep:
    report_list: str  # the TickReport list it adds to
    email: str  # what notify() is told
    waiting_in: BookingStatus
    since: InstrumentedAttribute[datetime]
    after: timedelta
    apply: Callable[[Session, Booking, datetime], Booking]


# In order: auto-confirming goes before reminding, so a visit past 72 hours is confirmed, never reminded.
TICK_STEPS = (
    TickStep("expired", "expired", BookingStatus.REQUESTED, Booking.requested_at, EXPIRES_AFTER, expire),
    TickStep(
        "confirmed",
        "auto_confirmed",
        BookingStatus.DELIVERED,
        Booking.delivered_at,
        AUTO_CONFIRM_AFTER,
        auto_confirm,
    ),
    TickStep(
        "reminded", "reminder", BookingStatus.DELIVERED, Booking.delivered_at, REMIND_AFTER, claim_reminder
    ),
)


def tick(session: Session, now: datetime, notify=None) -> TickReport:
    """Expire, remind and auto-confirm what is due. Safe to run twice, or on two machines at once: each
    step is a conditional update, so only one run applies it (and only that run sends its email)."""
    report = TickReport([], [], [])
    for step in TICK_STEPS:
        due = select(Booking).where(Booking.status == step.waiting_in, step.since <= now - step.after)
        for booking in session.scalars(due).all():
            try:
                step.apply(session, booking, now)
            except StepRefused:
                continue
            getattr(report, step.report_list).append(booking.id)
            charges.take_booking_payments(session, booking, now)  # after the step's commit
            if notify:
                notify(step.email, booking)
    return report
