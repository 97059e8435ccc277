"""The ledger's two rules: one payment per booking and purpose, and a status that only moves forward."""

import pytest
from sqlalchemy.exc import IntegrityError

from tests.factories import make_bookable_provider, make_booking, make_user
from web.extensions import db
from web.models.base import utcnow
from web.models.payments import HolderKind, MoneyHolder, Payment, PaymentMethod, PaymentPurpose, PaymentStatus
from web.payments import ledger


@pytest.fixture
def booking(app_context):
    business, offering, _ = make_bookable_provider()
    return make_booking(business, offering, make_user("person@example.org"))


def test_a_second_open_finds_the_first_payment(booking):
    first = ledger.open_payment(db.session, booking, PaymentPurpose.VISIT, 2000)
    db.session.commit()
    second = ledger.open_payment(db.session, booking, PaymentPurpose.VISIT, 2000)
    db.session.commit()

    assert second.id == first.id
    assert db.session.query(Payment).count() == 1
    assert first.method is PaymentMethod.CARD
    assert first.payer_id == booking.booker_id and first.business_id == booking.business_id


def test_a_late_fee_is_a_payment_of_its_own(booking):
    ledger.open_payment(db.session, booking, PaymentPurpose.VISIT, 2000)
    ledger.open_payment(db.session, booking, PaymentPurpose.LATE_CANCELLATION, 1000)
    db.session.commit()

    assert db.session.query(Payment).count() == 2


def test_the_database_refuses_a_second_row_for_the_same_purpose(booking):
    ledger.open_payment(db.session, booking, PaymentPurpose.VISIT, 2000)
    db.session.commit()
    db.session.add(
        Payment(
            booking_id=booking.id,
            purpose=PaymentPurpose.VISIT,
            payer_id=booking.booker_id,
            business_id=booking.business_id,
            amount_pence=2000,
        )
    )
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_a_status_only_moves_forward(booking):
    payment = ledger.open_payment(db.session, booking, PaymentPurpose.VISIT, 2000)
    now = utcnow()

    assert ledger.advance(db.session, payment, PaymentStatus.PAYMENT_NEEDED, now, failure_message="Declined")
    assert ledger.advance(db.session, payment, PaymentStatus.PENDING, now)  # paying again on the site
    assert ledger.apply_intent_status(db.session, payment, "succeeded", now, "pi_123")
    # An older event arriving late changes nothing.
    assert not ledger.apply_intent_status(db.session, payment, "requires_payment_method", now, "pi_123")
    assert not ledger.advance(db.session, payment, PaymentStatus.PENDING, now)
    db.session.commit()

    assert payment.status is PaymentStatus.SUCCEEDED
    assert payment.succeeded_at == now and payment.failure_message is None
    assert payment.stripe_payment_intent_id == "pi_123"


def test_money_held_by_a_managed_account_is_invoiced(booking):
    db.session.add(
        MoneyHolder(
            user_id=booking.booker_id,
            kind=HolderKind.MANAGED_ACCOUNT,
            name="Wigan Money Management",
            email="accounts@example.org",
            reference="DP-0042",
        )
    )
    payment = ledger.open_payment(db.session, booking, PaymentPurpose.VISIT, 2000)

    assert payment.method is PaymentMethod.INVOICE
