"""The rules every money row follows, whoever moves it (the charge after a confirmation, the webhook,
`flask payments reconcile`).

- One Payment per booking and purpose: open_payment() inserts it inside the caller's transaction (the one
  that changed the booking), and a second attempt finds the first row instead of making another.
- A status only moves forward (STATUS_ORDER): advance() is a conditional UPDATE, so a late or repeated
  event, or two processes at once, change nothing the first one already settled.
"""

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from web.models.marketplace import Booking
from web.models.payments import (
    STATUS_ORDER,
    MoneyHolder,
    Payment,
    PaymentMethod,
    PaymentPurpose,
    PaymentStatus,
)

# What Stripe's PaymentIntent status means for our row.
INTENT_STATUS = {
    "succeeded": PaymentStatus.SUCCEEDED,
    "processing": PaymentStatus.PENDING,
    "requires_confirmation": PaymentStatus.PENDING,
    "requires_capture": PaymentStatus.PENDING,
    "requires_action": PaymentStatus.PAYMENT_NEEDED,
    "requires_payment_method": PaymentStatus.PAYMENT_NEEDED,
    "canceled": PaymentStatus.PAYMENT_NEEDED,
}


def method_for(session: Session, user_id: int) -> PaymentMethod:
    """Invoiced when a managed account or ISF holds the person's money; otherwise their card."""
    holder = session.scalar(select(MoneyHolder.id).where(MoneyHolder.user_id == user_id))
    return PaymentMethod.INVOICE if holder else PaymentMethod.CARD


def open_payment(
    session: Session, booking: Booking, purpose: PaymentPurpose, amount_pence: int, fee_percent: int = 0
) -> Payment:
    """The booking's payment for this purpose, made now if there is none. Call it in the transaction
    that locked or changed the booking; it does not commit."""
    existing = session.scalar(
        select(Payment).where(Payment.booking_id == booking.id, Payment.purpose == purpose)
    )
    if existing is not None:
        return existing
    payment = Payment(
        booking_id=booking.id,
        purpose=purpose,
        method=method_for(session, booking.booker_id),
        payer_id=booking.booker_id,
        business_id=booking.business_id,
        amount_pence=amount_pence,
        platform_fee_pence=amount_pence * fee_percent // 100,
    )
    try:
        with session.begin_nested():
            session.add(payment)
    except IntegrityError:
        # Another process opened it between our look and our insert: theirs is the one.
        return session.scalar(
            select(Payment).where(Payment.booking_id == booking.id, Payment.purpose == purpose)
        )
    return payment


def advance(
    session: Session,
    payment: Payment,
    to_status: PaymentStatus,
    now: datetime,
    *,
    payment_intent_id: str | None = None,
    failure_message: str | None = None,
) -> bool:
    """Move the payment to `to_status` if that is forward from where it is now (PAYMENT_NEEDED may go
    back to PENDING while the person pays again). True if it moved; does not commit."""
    allowed_from = [
        status
        for status, rank in STATUS_ORDER.items()
        if rank < STATUS_ORDER[to_status]
        or (status is PaymentStatus.PAYMENT_NEEDED and to_status is PaymentStatus.PENDING)
    ]
    values: dict = {"status": to_status, "updated_at": now}
    if payment_intent_id is not None:
        values["stripe_payment_intent_id"] = payment_intent_id
    if to_status is PaymentStatus.SUCCEEDED:
        values["succeeded_at"] = now
        values["failure_message"] = None
    elif failure_message is not None:
        values["failure_message"] = failure_message
    result = session.execute(
        update(Payment)
        .where(Payment.id == payment.id, Payment.status.in_(allowed_from))
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    session.refresh(payment)
    return result.rowcount == 1


def apply_intent_status(
    session: Session, payment: Payment, intent_status: str, now: datetime, payment_intent_id: str
) -> bool:
    """Record what Stripe says of the payment's PaymentIntent (from a charge, a webhook or reconcile)."""
    to_status = INTENT_STATUS.get(intent_status)
    if to_status is None:
        return False
    return advance(session, payment, to_status, now, payment_intent_id=payment_intent_id)
