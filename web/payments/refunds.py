"""Giving money back, in full or in part: when a provider cancels a visit after it was charged, or an
officer resolves a dispute.

The Refund row is written and committed before Stripe is asked, so a refund Stripe made is never lost
even if we crash straight after; Stripe's call carries the row's idempotency key, so asking again (by
send_refund, or the reconcile command) never refunds twice; and the payment's refunded_pence only grows
by a conditional UPDATE that cannot pass the amount paid.
"""

import logging
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from web.models.accounts import User
from web.models.marketplace import Booking, BookingStatus
from web.models.payments import (
    OPEN_PAYMENT_STATUSES,
    Payment,
    PaymentMethod,
    PaymentStatus,
    Refund,
    RefundStatus,
)
from web.payments import gateway, ledger
from web.services.listings import pence_text

log = logging.getLogger(__name__)

REFUND_BY_CANCELLING_WITHIN = timedelta(days=14)
NOT_TAKEN = "Only a card payment that has been taken can be refunded."


class RefundRefused(Exception):
    """The refund cannot be made; the message says why in plain words."""


def refundable_pence(session: Session, payment: Payment) -> int:
    """What is left to give back: the amount, less what was refunded and what is being refunded now."""
    in_flight = session.scalar(
        select(func.coalesce(func.sum(Refund.amount_pence), 0)).where(
            Refund.payment_id == payment.id, Refund.status == RefundStatus.PENDING
        )
    )
    return payment.amount_pence - payment.refunded_pence - in_flight


def refund(
    session: Session, payment: Payment, amount_pence: int, reason: str, actor: User | None, now: datetime
) -> Refund:
    """Give back `amount_pence` of a paid card payment. Raises RefundRefused for an amount beyond what is
    left, a payment not taken, or Stripe refusing; gateway.StripeUnavailable when Stripe does not
    answer (the refund stays PENDING, and send_refund finishes it later)."""
    reason = (reason or "").strip()
    if not reason:
        raise RefundRefused("Enter the reason for the refund")
    session.refresh(payment)
    if (
        payment.method is not PaymentMethod.CARD
        or payment.status is not PaymentStatus.SUCCEEDED
        or not payment.stripe_payment_intent_id
    ):
        raise RefundRefused(NOT_TAKEN)
    left = refundable_pence(session, payment)
    if not isinstance(amount_pence, int) or not 0 < amount_pence <= left:
        raise RefundRefused(f"Enter an amount from 1p up to {pence_text(left)}")
    made = Refund(
        payment_id=payment.id,
        amount_pence=amount_pence,
        reason=reason,
        made_by_id=actor.id if actor else None,
    )
    session.add(made)
    session.commit()  # before Stripe is asked: a refund it makes is always ours to find
    send_refund(session, made, now)
    return made


def send_refund(session: Session, made: Refund, now: datetime) -> None:
    """Ask Stripe for a PENDING refund and record the outcome; safe to call again for the same row."""
    if made.status is not RefundStatus.PENDING:
        return
    payment = made.payment
    try:
        stripe_refund_id = gateway.refund(
            payment.stripe_payment_intent_id, made.amount_pence, made.idempotency_key
        )
    except gateway.StripeUnavailable:
        raise
    except gateway.GatewayError as refused:
        made.status = RefundStatus.FAILED
        session.commit()
        raise RefundRefused(str(refused)) from refused
    counted = session.execute(
        update(Payment)
        .where(
            Payment.id == payment.id,
            Payment.refunded_pence + made.amount_pence <= Payment.amount_pence,
        )
        .values(refunded_pence=Payment.refunded_pence + made.amount_pence, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if counted.rowcount != 1:  # cannot happen while refunds go through here; never count past the amount
        log.error("Refund %s would take payment %s past its amount", made.id, payment.id)
        session.rollback()
        return
    made.status, made.stripe_refund_id, made.succeeded_at = RefundStatus.SUCCEEDED, stripe_refund_id, now
    session.commit()
    session.refresh(payment)


def can_refund_by_cancelling(booking: Booking, now: datetime) -> bool:
    """A provider may cancel a confirmed visit, refunding it, for 14 days after it was confirmed."""
    return (
        booking.status is BookingStatus.CONFIRMED
        and booking.confirmed_at is not None
        and now <= booking.confirmed_at + REFUND_BY_CANCELLING_WITHIN
    )


def waive_unpaid(session: Session, booking: Booking, now: datetime) -> None:
    """Inside a cancellation's transaction: what the booking still owes is no longer owed."""
    for payment in session.scalars(
        select(Payment).where(
            Payment.booking_id == booking.id,
            Payment.status.in_(OPEN_PAYMENT_STATUSES),
        )
    ):
        ledger.advance(session, payment, PaymentStatus.CANCELLED, now)


def refund_cancelled_visit(session: Session, booking: Booking, actor: User, now: datetime) -> list[str]:
    """After a provider cancels a visit that was charged: give every paid card payment back in full.
    Returns what the provider should be told."""
    if booking.status is not BookingStatus.CANCELLED_BY_PROVIDER:
        return []
    told = []
    paid = session.scalars(
        select(Payment).where(
            Payment.booking_id == booking.id,
            Payment.status == PaymentStatus.SUCCEEDED,
            Payment.method == PaymentMethod.CARD,
        )
    ).all()
    for payment in paid:
        left = refundable_pence(session, payment)
        if left <= 0:
            continue
        try:
            refund(
                session,
                payment,
                left,
                f"Cancelled by the provider: {booking.cancellation_reason}",
                actor,
                now,
            )
            told.append(f"{pence_text(left)} has been refunded to the person's card.")
        except gateway.StripeUnavailable:
            told.append(
                f"The refund of {pence_text(left)} will be made when the card payment service answers."
            )
        except RefundRefused as refused:
            told.append(f"The refund could not be made: {refused}")
    return told
