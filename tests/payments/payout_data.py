"""Money the platform has collected, made the way the charging code makes it: a payment opened on a
confirmed booking and moved to SUCCEEDED through the ledger, and refunds given back on it."""

from datetime import datetime, timedelta

from tests.factories import make_booking
from web.extensions import db
from web.models.marketplace import BookingStatus
from web.models.payments import Payment, PaymentPurpose, PaymentStatus, Refund, RefundStatus
from web.payments import ledger

_made = {"count": 0}


def paid(
    business,
    offering,
    booker,
    when: datetime,
    amount_pence: int = 2000,
    fee_percent: int = 0,
    purpose: PaymentPurpose = PaymentPurpose.VISIT,
) -> Payment:
    """A payment collected at `when` (naive UTC) for a confirmed visit of its own."""
    _made["count"] += 1
    booking = make_booking(
        business,
        offering,
        booker,
        now=when - timedelta(days=10),
        starts_in=timedelta(days=7, hours=_made["count"] % 200),
        status=BookingStatus.CONFIRMED,
    )
    payment = ledger.open_payment(db.session, booking, purpose, amount_pence, fee_percent)
    ledger.advance(db.session, payment, PaymentStatus.SUCCEEDED, when)
    db.session.commit()
    return payment


def refunded(payment: Payment, amount_pence: int, when: datetime) -> Refund:
    refund = Refund(
        payment=payment,
        amount_pence=amount_pence,
        reason="The provider cancelled",
        status=RefundStatus.SUCCEEDED,
        created_at=when,
        succeeded_at=when,
    )
    db.session.add(refund)
    payment.refunded_pence += amount_pence
    db.session.commit()
    return refund
