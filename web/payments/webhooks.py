"""What a Stripe event changes, applied once and only forward.

The event's id goes into StripeEvent in the same transaction as its effect, so an event Stripe sends
twice (or two web processes receiving it at once) is applied once. Effects go through the ledger, whose
updates only move a status forward: a failure arriving after the success changes nothing.
"""

import logging
from datetime import UTC, datetime

from sqlalchemy import func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from web.models.payments import Payment, Refund, RefundStatus, StripeEvent
from web.payments import ledger

log = logging.getLogger(__name__)

INTENT_EVENTS = {
    "payment_intent.succeeded": "succeeded",
    "payment_intent.payment_failed": "requires_payment_method",
    "payment_intent.requires_action": "requires_action",
}
REFUND_EVENT = "charge.refunded"
REFUNDED_ELSEWHERE = "Refunded through Stripe"


def handle_event(session: Session, event, now: datetime) -> str:
    """Apply one verified event and commit; returns what happened, in a few words, for the log."""
    if session.get(StripeEvent, event.id) is not None:
        return "already handled"
    created = datetime.fromtimestamp(event.created, UTC).replace(tzinfo=None)
    try:
        with session.begin_nested():
            session.add(StripeEvent(id=event.id, type=event.type, created=created, received_at=now))
    except IntegrityError:
        session.rollback()  # another process recorded it first; its transaction has the effect
        return "already handled"
    outcome = _apply(session, event.type, event.data.object.to_dict(), created, now)
    session.commit()
    if outcome != "applied":
        log.info("Stripe event %s (%s): %s", event.id, event.type, outcome)
    return outcome


def _apply(session: Session, event_type: str, obj: dict, created: datetime, now: datetime) -> str:
    if event_type in INTENT_EVENTS:
        return _apply_intent(session, INTENT_EVENTS[event_type], obj, created, now)
    if event_type == REFUND_EVENT:
        return _apply_refund(session, obj, now)
    return "ignored: not a type we act on"


def payment_for(session: Session, payment_id: str | None, payment_intent_id: str | None) -> Payment | None:
    """Our payment, by the id we put in the PaymentIntent's metadata or by the PaymentIntent we stored."""
    conditions = []
    if payment_id:
        conditions.append(Payment.id == payment_id)
    if payment_intent_id:
        conditions.append(Payment.stripe_payment_intent_id == payment_intent_id)
    if not conditions:
        return None
    return session.scalars(select(Payment).where(or_(*conditions))).first()


def _metadata_payment_id(obj: dict) -> str | None:
    metadata = obj.get("metadata") or {}
    return metadata.get("payment_id")


def _apply_intent(
    session: Session, intent_status: str, intent: dict, created: datetime, now: datetime
) -> str:
    payment = payment_for(session, _metadata_payment_id(intent), intent["id"])
    if payment is None:
        return "ignored: no payment of ours"
    if intent_status != "succeeded":
        # A failure speaks only for the attempt it came from: not for a newer PaymentIntent, nor for
        # the same one tried again after the event was made (Stripe's times are whole seconds).
        changed = payment.updated_at.replace(microsecond=0)
        if payment.stripe_payment_intent_id not in (None, intent["id"]) or created < changed:
            return "ignored: older than the payment's last change"
        error = intent.get("last_payment_error") or {}
        moved = ledger.advance(
            session,
            payment,
            ledger.INTENT_STATUS[intent_status],
            now,
            payment_intent_id=intent["id"],
            failure_message=error.get("message") or None,
        )
    else:
        moved = ledger.apply_intent_status(session, payment, intent_status, now, intent["id"])
    return "applied" if moved else "ignored: the payment is already further on"


def _apply_refund(session: Session, charge: dict, now: datetime) -> str:
    payment = payment_for(session, _metadata_payment_id(charge), charge.get("payment_intent"))
    if payment is None:
        return "ignored: no payment of ours"
    if charge.get("status") == "succeeded" and charge.get("payment_intent"):
        # A refunded charge was taken, even if its own event has not reached us yet.
        ledger.apply_intent_status(session, payment, "succeeded", now, charge["payment_intent"])
    listed = (charge.get("refunds") or {}).get("data") or []
    record_refunds(
        session,
        payment,
        [(r["id"], int(r["amount"])) for r in listed if r.get("status") == "succeeded"],
        int(charge.get("amount_refunded") or 0),
        now,
    )
    return "applied"


def record_refunds(
    session: Session,
    payment: Payment,
    stripe_refunds: list[tuple[str, int]],
    refunded_pence: int,
    now: datetime,
) -> None:
    """Bring our refunds up to what Stripe says was given back: a Refund row for each of Stripe's
    refunds (finishing one we started, if its id never reached us), a row for any rest Stripe counts but
    did not list, and refunded_pence raised to Stripe's total, never lowered and never beyond the amount.
    Does not commit."""
    known = set(session.scalars(select(Refund.stripe_refund_id).where(Refund.payment_id == payment.id)))
    for refund_id, amount in stripe_refunds:
        if refund_id in known:
            continue
        row = _without_stripe_id(session, payment, amount) or _add_refund(session, payment, amount)
        _succeeded(row, now, refund_id)
    session.flush()
    given_back = _succeeded_refunds(session, payment)
    total = min(payment.amount_pence, max(refunded_pence, given_back))
    rest = total - given_back
    if rest > 0:
        started = _without_stripe_id(session, payment, rest, RefundStatus.PENDING)
        _succeeded(started or _add_refund(session, payment, rest), now)
    session.execute(  # conditional, so two refunds recorded at once never lower the total
        update(Payment)
        .where(Payment.id == payment.id, Payment.refunded_pence < total)
        .values(refunded_pence=total, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    session.refresh(payment)


def _without_stripe_id(
    session: Session, payment: Payment, amount: int, *statuses: RefundStatus
) -> Refund | None:
    """A refund of this amount whose Stripe id we never wrote: one we started, or one counted from
    Stripe's total before Stripe listed it."""
    return session.scalars(
        select(Refund)
        .where(
            Refund.payment_id == payment.id,
            Refund.stripe_refund_id.is_(None),
            Refund.amount_pence == amount,
            Refund.status.in_(statuses or (RefundStatus.PENDING, RefundStatus.SUCCEEDED)),
        )
        .order_by(Refund.created_at)
    ).first()


def _add_refund(session: Session, payment: Payment, amount: int) -> Refund:
    row = Refund(payment_id=payment.id, amount_pence=amount, reason=REFUNDED_ELSEWHERE)
    session.add(row)
    return row


def _succeeded(row: Refund, now: datetime, refund_id: str | None = None) -> None:
    if refund_id is not None:
        row.stripe_refund_id = refund_id
    row.status = RefundStatus.SUCCEEDED
    row.succeeded_at = row.succeeded_at or now


def _succeeded_refunds(session: Session, payment: Payment) -> int:
    return session.scalar(
        select(func.coalesce(func.sum(Refund.amount_pence), 0)).where(
            Refund.payment_id == payment.id, Refund.status == RefundStatus.SUCCEEDED
        )
    )
