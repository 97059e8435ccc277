"""A person's saved card: their Stripe customer, the SetupIntent Stripe.js finishes in the browser, and
what we keep of the card afterwards (brand, last four digits, expiry; never the number)."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from web.models import UNFINISHED_STATUSES, Booking
from web.models.accounts import User
from web.models.payments import (
    OPEN_PAYMENT_STATUSES,
    MoneyHolder,
    Payment,
    PaymentMethod,
    SavedCard,
)
from web.payments import gateway, ledger

NOT_SAVED = "Your card was not saved. Enter your card details again."
CARD_NEEDED = "Add a card before you send the request. You will not be charged until you confirm the visit."


CARD_IN_USE = (
    "You have visits that will be charged to this card, or a payment still to make. Add a different card "
    "instead, or remove this one once they are finished."
)


class CardNotSaved(Exception):
    """The SetupIntent was not finished, or is not this person's; the message says what to do."""


class CardInUse(Exception):
    """A booking still under way, or a payment still owed, will need the card."""


def card_of(session: Session, user_id: int) -> SavedCard | None:
    """The person's card, if they have finished saving one."""
    return session.scalar(
        select(SavedCard).where(SavedCard.user_id == user_id, SavedCard.stripe_payment_method_id.is_not(None))
    )


def customer_for(session: Session, user: User) -> SavedCard:
    """The person's SavedCard row, making their Stripe customer the first time. The idempotency key is
    the user's id, so a second tab or a retry finds the same customer at Stripe."""
    saved = session.scalar(select(SavedCard).where(SavedCard.user_id == user.id))
    if saved is not None:
        return saved
    customer_id = gateway.create_customer(user.email, user.display_name, f"customer-{user.id}")
    saved = SavedCard(user_id=user.id, stripe_customer_id=customer_id)
    session.add(saved)
    session.commit()
    return saved


def start_setup(session: Session, user: User) -> gateway.SetupStarted:
    """A SetupIntent for the card field on the page; each visit to the page gets its own."""
    saved = customer_for(session, user)
    return gateway.start_saving_card(saved.stripe_customer_id, f"setup-{user.id}-{uuid.uuid4()}")


def record_setup(session: Session, user: User, setup_intent_id: str, now: datetime) -> SavedCard:
    """Read the card back from Stripe once Stripe.js has finished the SetupIntent, and keep it as the
    person's card (replacing any earlier one)."""
    saved = session.scalar(select(SavedCard).where(SavedCard.user_id == user.id))
    if saved is None or not setup_intent_id.startswith("seti_"):
        raise CardNotSaved(NOT_SAVED)
    try:
        card = gateway.saved_card(setup_intent_id, customer_id=saved.stripe_customer_id)
    except gateway.StripeUnavailable:
        raise
    except gateway.GatewayError as error:
        raise CardNotSaved(NOT_SAVED) from error
    if card is None:
        raise CardNotSaved(NOT_SAVED)
    saved.stripe_payment_method_id = card.payment_method_id
    saved.brand, saved.last4 = card.brand, card.last4
    saved.exp_month, saved.exp_year = card.exp_month, card.exp_year
    saved.saved_at = now
    session.commit()
    return saved


def remove_card(session: Session, user: User) -> None:
    """Take the person's card off Stripe and forget it (their Stripe customer stays, for a new card).
    Refused while a visit by card is under way or a payment is owed: they would need the card."""
    saved = card_of(session, user.id)
    if saved is None:
        return
    if ledger.method_for(session, user.id) is PaymentMethod.CARD and _card_still_needed(session, user.id):
        raise CardInUse(CARD_IN_USE)
    gateway.detach_card(saved.stripe_payment_method_id)
    saved.stripe_payment_method_id = None
    saved.brand = saved.last4 = None
    saved.exp_month = saved.exp_year = None
    saved.saved_at = None
    session.commit()


def _card_still_needed(session: Session, user_id: int) -> bool:
    visits = select(Booking.id).where(Booking.booker_id == user_id, Booking.status.in_(UNFINISHED_STATUSES))
    owed = select(Payment.id).where(
        Payment.payer_id == user_id,
        Payment.method == PaymentMethod.CARD,
        Payment.status.in_(OPEN_PAYMENT_STATUSES),
    )
    return session.scalar(select(visits.exists())) or session.scalar(select(owed.exists()))


@dataclass(frozen=True)
class HowYouPay:
    """What the booking pages say about paying: invoiced to a money holder, or a card (saved or not)."""

    method: PaymentMethod
    card: SavedCard | None
    holder: MoneyHolder | None


def how_you_pay(session: Session, user_id: int) -> HowYouPay:
    method = ledger.method_for(session, user_id)
    holder = session.scalar(select(MoneyHolder).where(MoneyHolder.user_id == user_id))
    return HowYouPay(method, card_of(session, user_id), holder)


def card_needed(session: Session, user_id: int) -> str | None:
    """Why a booking request cannot be sent yet, or None: a person paying by card needs a saved card."""
    if ledger.method_for(session, user_id) is PaymentMethod.INVOICE or card_of(session, user_id):
        return None
    return CARD_NEEDED


def stripe_js_url(config) -> str:
    """localstripe's copy of Stripe.js when STRIPE_API_BASE points at it, otherwise Stripe's own."""
    base = config.get("STRIPE_API_BASE", "")
    return f"{base.rstrip('/')}/js.stripe.com/v3/" if base else "https://js.stripe.com/v3/"


def stripe_api_origin(config) -> str:
    """Where Stripe.js sends the card details from the browser."""
    base = config.get("STRIPE_API_BASE", "")
    if not base:
        return "https://api.stripe.com"
    parts = urlsplit(base)
    return f"{parts.scheme}://{parts.netloc}"
