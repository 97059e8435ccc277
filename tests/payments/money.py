"""Shared set-up for the money tests: a person with a card really saved at localstripe, and a booking
taken as far as the step a test is about."""

import email
from datetime import timedelta
from pathlib import Path

import requests

from tests.factories import make_bookable_provider, make_booking, make_user
from tests.payments import cards as test_cards
from web.extensions import db
from web.marketplace import booking_lifecycle as life
from web.models.base import utcnow
from web.models.marketplace import BookingStatus
from web.models.payments import Payment
from web.payments import cards

PASSWORD = "correct horse battery"


def provider_and_person(client) -> dict:
    """A bookable provider (and its owner) and a person who books it, with the test client."""
    business, offering, provider = make_bookable_provider()
    person = make_user("person@example.org")
    return {
        "client": client,
        "business": business,
        "offering": offering,
        "provider": provider,
        "person": person,
    }


def save_card(localstripe: str, user, number: str = test_cards.GOOD_CARD):
    """As the card page does, with the browser's part done over localstripe's API."""
    started = cards.start_setup(db.session, user)
    test_cards.finish_setup(localstripe, started.setup_intent_id, number)
    return cards.record_setup(db.session, user, started.setup_intent_id, utcnow())


def delivered(business, offering, person, provider, minutes: int = 60, **fields):
    """A one-hour visit at £20 an hour that took place yesterday and was recorded as `minutes` long."""
    now = utcnow().replace(microsecond=0)
    booking = make_booking(
        business, offering, person, starts_in=-timedelta(days=1), status=BookingStatus.ACCEPTED, **fields
    )
    booking.responded_at = now - timedelta(days=2)
    db.session.commit()
    return life.deliver(db.session, booking, provider, now, started_at=booking.starts_at, minutes=minutes)


def payments() -> list[Payment]:
    db.session.expire_all()
    return list(db.session.scalars(db.select(Payment).order_by(Payment.created_at)))


def stripe_intents(localstripe: str, customer_id: str) -> list[dict]:
    """Every PaymentIntent localstripe holds for this customer, a page of 100 at a time."""
    found, after = [], None
    while True:
        params = {"limit": 100, **({"starting_after": after} if after else {})}
        page = requests.get(
            f"{localstripe}/v1/payment_intents", params=params, auth=("sk_test_localstripe", ""), timeout=10
        ).json()
        found += [intent for intent in page["data"] if intent["customer"] == customer_id]
        if not page["has_more"]:
            return found
        after = page["data"][-1]["id"]


def sign_in(client, email_address: str) -> None:
    client.post("/account/sign-out")
    response = client.post("/account/sign-in", data={"email": email_address, "password": PASSWORD})
    assert response.status_code == 302


def mail_folder(app) -> Path:
    return Path(app.config["MAIL_DIR"])


def mail_since(app, before: set[Path]) -> list[email.message.EmailMessage]:
    folder = mail_folder(app)
    paths = sorted(set(folder.glob("*.eml")) - before) if folder.exists() else []
    return [email.message_from_bytes(p.read_bytes(), policy=email.policy.default) for p in paths]


def mail_now(app) -> set[Path]:
    folder = mail_folder(app)
    return set(folder.glob("*.eml")) if folder.exists() else set()
