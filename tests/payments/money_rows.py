"""Money rows for tests, made the way the charging code makes them: opened by the ledger and moved to
SUCCEEDED by it; a refund recorded as the refund code records one that Stripe has confirmed."""

from datetime import datetime
from itertools import count

from web.extensions import db
from web.models.marketplace import Booking
from web.models.payments import Payment, PaymentPurpose, PaymentStatus, Refund, RefundStatus
from web.payments import ledger

_intent_numbers = count(1)


def charge(
    booking: Booking, amount_pence: int, when: datetime, purpose: PaymentPurpose = PaymentPurpose.VISIT
) -> Payment:
    payment = ledger.open_payment(db.session, booking, purpose, amount_pence)
    db.session.commit()
    ledger.advance(
        db.session,
        payment,
        PaymentStatus.SUCCEEDED,
        when,
        payment_intent_id=f"pi_test_{next(_intent_numbers)}",
    )
    db.session.commit()
    return payment


def refund(payment: Payment, amount_pence: int, when: datetime) -> Refund:
    given_back = Refund(
        payment_id=payment.id,
        amount_pence=amount_pence,
        reason="The provider cancelled",
        status=RefundStatus.SUCCEEDED,
        succeeded_at=when,
    )
    db.session.add(given_back)
    payment.refunded_pence += amount_pence
    db.session.commit()
    return given_back
