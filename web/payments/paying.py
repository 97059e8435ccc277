"""Paying on the site a payment that could not be taken off-session: the person confirms it with their
bank through Stripe.js (3-D Secure), or pays with a different card. The person is present, so nothing
here emails them; what they must do is shown on the page."""

from datetime import datetime

from sqlalchemy.orm import Session

from web.models.accounts import User
from web.models.payments import Payment, PaymentStatus
from web.payments import cards, gateway, ledger

# PaymentIntent statuses in which Stripe.js's confirmCardPayment can still finish the payment.
CONFIRMABLE = ("requires_action", "requires_payment_method", "requires_confirmation")
TAKEN = "This payment has already been made, or is being taken now. Look at the booking again."
NOT_CONFIRMED = (
    "The payment was not confirmed with your bank. Nothing has been charged. "
    "Try again or use a different card."
)


class PaymentRefused(Exception):
    """The payment cannot be made this way now; the message says why."""


def payment_for(session: Session, user: User, payment_id: str) -> Payment | None:
    """The payment if this person is its payer; None for anyone else (shown as 404)."""
    payment = session.get(Payment, payment_id)
    return payment if payment is not None and payment.payer_id == user.id else None


def bank_check(payment: Payment) -> str | None:
    """The client secret for Stripe.js's confirmCardPayment, when the payment's PaymentIntent is waiting
    for the person to confirm it with their bank; None otherwise."""
    if payment.status is not PaymentStatus.PAYMENT_NEEDED or not payment.stripe_payment_intent_id:
        return None
    intent = gateway.intent_state(payment.stripe_payment_intent_id)
    return intent.client_secret if intent.status in CONFIRMABLE else None


def record_bank_check(session: Session, payment: Payment, payment_intent_id: str, now: datetime) -> None:
    """After Stripe.js's confirmCardPayment: read the PaymentIntent back from Stripe and record it."""
    if payment_intent_id != payment.stripe_payment_intent_id:
        raise PaymentRefused(NOT_CONFIRMED)
    intent = gateway.intent_state(payment_intent_id)
    if intent.payment_id != payment.id or intent.status != "succeeded":
        raise PaymentRefused(NOT_CONFIRMED)
    ledger.apply_intent_status(session, payment, intent.status, now, intent.payment_intent_id)
    session.commit()


def pay_with_new_card(session: Session, payment: Payment, user: User, setup_intent_id: str, now: datetime):
    """Save the card Stripe.js has just set up as the person's card and charge it with them present.
    Only one request can take the payment (PAYMENT_NEEDED to PENDING is a conditional update), and the
    idempotency key is the payment's and the card's, so a retry with the same card is the same charge.
    Raises PaymentRefused when it was not paid; if the bank wants the person to confirm, the payment is
    left with its PaymentIntent for bank_check."""
    card = cards.record_setup(session, user, setup_intent_id, now)
    if not ledger.advance(session, payment, PaymentStatus.PENDING, now):
        session.rollback()
        raise PaymentRefused(TAKEN)
    session.commit()
    try:
        charge = gateway.charge_card_on_session(
            amount_pence=payment.amount_pence,
            customer_id=card.stripe_customer_id,
            payment_method_id=card.stripe_payment_method_id,
            idempotency_key=f"{payment.idempotency_key}-{card.stripe_payment_method_id}",
            metadata={
                "payment_id": payment.id,
                "booking_id": payment.booking_id,
                "for": payment.purpose.label,
            },
        )
    except gateway.AuthenticationRequired as needed:
        _still_needed(session, payment, now, str(needed), needed.payment_intent_id)
        return
    except gateway.GatewayError as failed:
        _still_needed(session, payment, now, str(failed), None)
        raise PaymentRefused(str(failed)) from failed
    if charge.status == "succeeded":
        ledger.apply_intent_status(session, payment, charge.status, now, charge.payment_intent_id)
        session.commit()
    else:
        _still_needed(session, payment, now, gateway.AUTHENTICATE, charge.payment_intent_id)


def _still_needed(
    session: Session, payment: Payment, now: datetime, message: str, payment_intent_id: str | None
) -> None:
    ledger.advance(
        session,
        payment,
        PaymentStatus.PAYMENT_NEEDED,
        now,
        payment_intent_id=payment_intent_id,
        failure_message=message,
    )
    session.commit()
