"""Taking the money for a booking.

The payment row is opened in the same transaction as the booking's step (booking_lifecycle passes
open_visit_payment or open_late_fee to _apply), so a confirmed visit always has exactly one payment and
a double click, which loses the conditional UPDATE, never has a second. The card is charged after that
commit by take_payment, which is safe to call again for the same row: the Stripe call carries the row's
idempotency key, and a row that already has a PaymentIntent is read back from Stripe instead of charged.
"""

import logging
from datetime import datetime

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from web.models.marketplace import Booking, PriceUnit
from web.models.payments import Payment, PaymentMethod, PaymentPurpose, PaymentStatus
from web.payments import cards, connect, gateway, ledger
from web.services.listings import pence_text
from web.services.mail import send_email

log = logging.getLogger(__name__)

NO_CARD = "There is no card saved to take this payment from. Pay on the site."


def visit_pence(booking: Booking) -> int:
    """What a confirmed visit costs: by the hour for the length delivered at the agreed price, never
    more than was booked; per visit or session, the booked total."""
    if booking.offering.price_unit is not PriceUnit.HOUR:
        return booking.total_pence
    minutes = min(booking.delivered_minutes or booking.minutes, booking.minutes)
    return (booking.price_pence * minutes * 2 + 60) // 120  # to the penny, halves up, as when booked


def _open(session: Session, booking: Booking, purpose: PaymentPurpose, pence: int) -> Payment | None:
    if pence <= 0:
        return None
    fee_percent = current_app.config.get("PLATFORM_FEE_PERCENT", 0)
    return ledger.open_payment(session, booking, purpose, pence, fee_percent)


def open_visit_payment(session: Session, booking: Booking) -> Payment | None:
    """Inside the confirming transaction (booking_lifecycle.confirm and auto_confirm)."""
    return _open(session, booking, PaymentPurpose.VISIT, visit_pence(booking))


def open_dispute_charge(session: Session, booking: Booking, pence: int) -> Payment | None:
    """Inside the transaction of an officer's resolution: the visit's payment, for what they decided."""
    return _open(session, booking, PaymentPurpose.VISIT, min(pence, visit_pence(booking)))


def open_late_fee(session: Session, booking: Booking, fee_pence: int) -> Payment | None:
    """Inside the late cancellation's transaction."""
    return _open(session, booking, PaymentPurpose.LATE_CANCELLATION, fee_pence)


def take_payment(session: Session, payment: Payment, now: datetime) -> str | None:
    """Charge the payer's saved card off-session for a PENDING card payment, and record the outcome
    (committed). Returns what the person should be told when it was not paid, else None.

    Declined, or the bank wanting the person to confirm: PAYMENT_NEEDED, and the person is emailed a
    link to pay on the site. Stripe not answering: the row stays PENDING, to be charged again (by the
    reconcile command or the next call) with the same idempotency key, so never twice."""
    if payment.method is not PaymentMethod.CARD or payment.status is not PaymentStatus.PENDING:
        return None
    try:
        if payment.stripe_payment_intent_id:  # made before: read what happened rather than charge again
            intent = gateway.payment_intent(payment.stripe_payment_intent_id)
            charge = gateway.Charge(intent.id, intent.status)
        else:
            charge = _charge(session, payment)
    except gateway.StripeUnavailable as unavailable:
        return str(unavailable)
    except gateway.AuthenticationRequired as needed:
        return _payment_needed(session, payment, now, str(needed), needed.payment_intent_id)
    except gateway.GatewayError as failed:  # declined, expired, or refused for another reason
        return _payment_needed(session, payment, now, str(failed), None)
    if charge is None:
        return _payment_needed(session, payment, now, NO_CARD, None)
    return record_charge(session, payment, charge, now)


def _charge(session: Session, payment: Payment) -> gateway.Charge | None:
    card = cards.card_of(session, payment.payer_id)
    if card is None:
        return None
    # With Stripe Connect the money goes straight to the provider's account, less the council's fee.
    destination = connect.destination_for(session, payment.business_id)
    return gateway.charge_saved_card(
        amount_pence=payment.amount_pence,
        customer_id=card.stripe_customer_id,
        payment_method_id=card.stripe_payment_method_id,
        idempotency_key=payment.idempotency_key,
        metadata={"payment_id": payment.id, "booking_id": payment.booking_id, "for": payment.purpose.label},
        destination_account=destination,
        platform_fee_pence=payment.platform_fee_pence if destination else 0,
    )


def charge_uncharged(session: Session, payment_ids: list[str], now: datetime) -> dict[str, str | None]:
    """Charge payments that reconcile has just found Stripe holds no charge for (a charge that never
    reached Stripe, say because it did not answer). Each id's message for the person, or None if paid."""
    outcomes = {}
    for payment_id in payment_ids:
        payment = session.get(Payment, payment_id)
        if payment is not None and payment.stripe_payment_intent_id is None:
            outcomes[payment_id] = take_payment(session, payment, now)
    return outcomes


def record_charge(session: Session, payment: Payment, charge: gateway.Charge, now: datetime) -> str | None:
    """Record a PaymentIntent's status on the row (committed); the message if it still needs paying."""
    status = ledger.INTENT_STATUS.get(charge.status, PaymentStatus.PENDING)
    if status is PaymentStatus.PAYMENT_NEEDED:
        return _payment_needed(session, payment, now, gateway.AUTHENTICATE, charge.payment_intent_id)
    if status is PaymentStatus.SUCCEEDED:
        ledger.apply_intent_status(session, payment, charge.status, now, charge.payment_intent_id)
    else:  # still processing: keep the PaymentIntent so the next look reads it instead of charging
        _remember_intent(session, payment, charge.payment_intent_id)
    session.commit()
    return None


def _remember_intent(session: Session, payment: Payment, payment_intent_id: str) -> None:
    session.execute(
        update(Payment)
        .where(Payment.id == payment.id, Payment.stripe_payment_intent_id.is_(None))
        .values(stripe_payment_intent_id=payment_intent_id)
        .execution_options(synchronize_session=False)
    )
    session.refresh(payment)


def _payment_needed(
    session: Session, payment: Payment, now: datetime, message: str, payment_intent_id: str | None
) -> str:
    moved = ledger.advance(
        session,
        payment,
        PaymentStatus.PAYMENT_NEEDED,
        now,
        payment_intent_id=payment_intent_id,
        failure_message=message,
    )
    session.commit()
    if moved:  # only the call that moved it sends the email
        _email_payment_needed(payment)
    return message


def pay_link(payment: Payment) -> str:
    return f"{current_app.config['SITE_URL'].rstrip('/')}/payments/{payment.id}/pay"


def _email_payment_needed(payment: Payment) -> None:
    booking = payment.booking
    body = (
        f"We could not take {pence_text(payment.amount_pence)} ({payment.purpose.label.lower()}) for "
        f"{booking.offering.name} with {booking.business.trading_name}.\n\n"
        f"{payment.failure_message}\n\nPay on the site: {pay_link(payment)}\n\n"
        f"If you cannot pay by card, phone the council on {current_app.config['COUNCIL_PHONE']}.\n"
    )
    try:
        send_email(payment.payer.email, "Payment needed", body)
    except Exception:  # a failed send must never undo the payment's status
        log.exception("Could not send the payment needed email")


def take_booking_payments(session: Session, booking: Booking, now: datetime) -> list[str]:
    """After a booking step's commit: charge whatever card payments it opened. The messages say what
    the person must do about any that were not paid."""
    pending = session.scalars(
        select(Payment).where(
            Payment.booking_id == booking.id,
            Payment.method == PaymentMethod.CARD,
            Payment.status == PaymentStatus.PENDING,
        )
    ).all()
    return [message for payment in pending if (message := take_payment(session, payment, now))]


def payments_of(session: Session, booking: Booking) -> list[Payment]:
    return list(session.scalars(select(Payment).where(Payment.booking_id == booking.id)))
