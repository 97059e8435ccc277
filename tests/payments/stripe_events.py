"""Stripe events as Stripe sends them: JSON signed with the webhook secret, and the payments they are
about."""

import hashlib
import hmac
import json
import time
from itertools import count

from tests.factories import make_bookable_provider, make_booking, make_user
from web.extensions import db
from web.models.marketplace import Booking
from web.models.payments import Payment, PaymentPurpose
from web.payments import ledger

_numbers = count(1)


def opened_payment(amount_pence: int = 2000, email: str = "person@example.org") -> Payment:
    """A visit's card payment, opened and committed as the booking's confirmation would."""
    earlier = db.session.query(Booking).first()
    if earlier is None:
        business, offering, _ = make_bookable_provider()
    else:
        business, offering = earlier.business, earlier.offering
    booker = make_user(email)
    booking = make_booking(business, offering, booker, price_pence=amount_pence, total_pence=amount_pence)
    payment = ledger.open_payment(db.session, booking, PaymentPurpose.VISIT, amount_pence)
    db.session.commit()
    return payment


def event(event_type: str, obj: dict, *, created: int | None = None, event_id: str | None = None) -> dict:
    return {
        "id": event_id or f"evt_test_{next(_numbers)}",
        "object": "event",
        "type": event_type,
        "created": created or int(time.time()),
        "data": {"object": obj},
    }


def intent(payment: Payment | None, intent_id: str, status: str, error: str | None = None) -> dict:
    return {
        "id": intent_id,
        "object": "payment_intent",
        "status": status,
        "amount": payment.amount_pence if payment else 1000,
        "metadata": {"payment_id": payment.id} if payment else {},
        "last_payment_error": {"message": error} if error else None,
    }


def refunded_charge(payment: Payment, intent_id: str, refunds: list[tuple[str, int]]) -> dict:
    return {
        "id": f"ch_for_{intent_id}",
        "object": "charge",
        "status": "succeeded",
        "payment_intent": intent_id,
        "amount": payment.amount_pence,
        "amount_refunded": sum(amount for _, amount in refunds),
        "metadata": {},
        "refunds": {
            "object": "list",
            "data": [{"id": rid, "amount": amount, "status": "succeeded"} for rid, amount in refunds],
        },
    }


def signed(body: dict, secret: str, *, at: int | None = None) -> tuple[bytes, str]:
    payload = json.dumps(body).encode()
    timestamp = at or int(time.time())
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256).hexdigest()
    return payload, f"t={timestamp},v1={digest}"
