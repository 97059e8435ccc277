"""Refunds against localstripe: part or all of a paid payment, never beyond what was paid, nothing lost
when Stripe does not answer; and a provider cancelling a charged visit gives the money back in full."""

from datetime import timedelta

import pytest

from tests.factories import make_bookable_provider, make_user
from tests.payments import cards as test_cards
from tests.payments.money import delivered, payments, save_card, sign_in
from web.extensions import db
from web.marketplace import booking_lifecycle as life
from web.models.accounts import Role
from web.models.base import utcnow
from web.models.marketplace import BookingStatus
from web.models.payments import PaymentStatus, Refund, RefundStatus
from web.payments import charges, refunds


@pytest.fixture
def world(client, localstripe):
    business, offering, provider = make_bookable_provider()
    _, _, other_provider = make_bookable_provider("Other Helpers", owner_email="other@example.org")
    person = make_user("person@example.org")
    officer = make_user("officer@example.org", role=Role.OFFICER)
    return {
        "client": client,
        "business": business,
        "offering": offering,
        "provider": provider,
        "other_provider": other_provider,
        "person": person,
        "officer": officer,
    }


def _charged(world, localstripe, number: str = test_cards.GOOD_CARD):
    save_card(localstripe, world["person"], number)
    booking = delivered(world["business"], world["offering"], world["person"], world["provider"])
    life.confirm(db.session, booking, world["person"], utcnow())
    charges.take_booking_payments(db.session, booking, utcnow())
    [payment] = payments()
    return booking, payment


def test_part_then_the_rest_is_refunded_and_never_more_than_was_paid(world, localstripe):
    _, payment = _charged(world, localstripe)
    assert payment.status is PaymentStatus.SUCCEEDED

    first = refunds.refund(db.session, payment, 500, "Arrived late", world["officer"], utcnow())
    assert first.status is RefundStatus.SUCCEEDED and first.stripe_refund_id.startswith("re_")
    assert payment.refunded_pence == 500 and payment.net_pence == 1500

    with pytest.raises(refunds.RefundRefused, match="up to £15"):
        refunds.refund(db.session, payment, 1600, "Too much", world["officer"], utcnow())
    with pytest.raises(refunds.RefundRefused, match="Enter the reason"):
        refunds.refund(db.session, payment, 100, " ", world["officer"], utcnow())
    refunds.refund(db.session, payment, 1500, "The rest", world["officer"], utcnow())
    assert payment.refunded_pence == 2000 and payment.net_pence == 0
    with pytest.raises(refunds.RefundRefused):
        refunds.refund(db.session, payment, 1, "Once more", world["officer"], utcnow())
    assert [r.amount_pence for r in db.session.scalars(db.select(Refund).order_by(Refund.created_at))] == [
        500,
        1500,
    ]


def test_a_payment_not_taken_cannot_be_refunded(world, localstripe):
    _, payment = _charged(world, localstripe, "4000000000000341")  # declined: payment needed
    with pytest.raises(refunds.RefundRefused, match="has been taken"):
        refunds.refund(db.session, payment, 100, "Sorry", world["officer"], utcnow())
    assert db.session.scalars(db.select(Refund)).all() == []


def test_stripe_not_answering_keeps_the_refund_to_finish_later(world, localstripe, app):
    _, payment = _charged(world, localstripe)
    app.config["STRIPE_API_BASE"], app.extensions["stripe_client"] = "http://127.0.0.1:9", None

    with pytest.raises(refunds.gateway.StripeUnavailable):
        refunds.refund(db.session, payment, 2000, "Cancelled", world["officer"], utcnow())
    [pending] = db.session.scalars(db.select(Refund)).all()
    assert pending.status is RefundStatus.PENDING and payment.refunded_pence == 0
    # While it is outstanding, nobody can refund the same money again.
    assert refunds.refundable_pence(db.session, payment) == 0

    app.config["STRIPE_API_BASE"], app.extensions["stripe_client"] = localstripe, None
    refunds.send_refund(db.session, pending, utcnow())
    refunds.send_refund(db.session, pending, utcnow())  # again: nothing more
    db.session.refresh(payment)
    assert pending.status is RefundStatus.SUCCEEDED and payment.refunded_pence == 2000


def test_a_provider_cancelling_a_charged_visit_refunds_it_in_full(world, localstripe):
    booking, payment = _charged(world, localstripe)
    client = world["client"]
    sign_in(client, "provider@example.org")
    page = client.get(f"/bookings/{booking.id}")
    assert "Cancel and refund this visit" in page.text

    assert client.post(f"/bookings/{booking.id}/provider-refund", data={"reason": ""}).status_code == 400
    cancelled = client.post(
        f"/bookings/{booking.id}/provider-refund",
        data={"reason": "I charged for the wrong day"},
        follow_redirects=True,
    )

    assert "£20 has been refunded to the person&#39;s card." in cancelled.text
    db.session.refresh(booking)
    db.session.refresh(payment)
    assert booking.status is BookingStatus.CANCELLED_BY_PROVIDER
    assert payment.refunded_pence == 2000 and payment.net_pence == 0
    sign_in(client, "person@example.org")
    assert "(£20 refunded)" in client.get(f"/bookings/{booking.id}").text


def test_only_its_provider_may_and_only_within_14_days(world, localstripe):
    booking, payment = _charged(world, localstripe)
    with pytest.raises(life.StepRefused):
        life.cancel_confirmed_by_provider(db.session, booking, world["other_provider"], utcnow(), reason="No")
    with pytest.raises(life.StepRefused):
        life.cancel_confirmed_by_provider(db.session, booking, world["person"], utcnow(), reason="No")
    with pytest.raises(life.StepRefused, match="within 14 days"):
        life.cancel_confirmed_by_provider(
            db.session, booking, world["provider"], booking.confirmed_at + timedelta(days=15), reason="Late"
        )
    db.session.refresh(payment)
    assert booking.status is BookingStatus.CONFIRMED and payment.refunded_pence == 0


def test_cancelling_a_visit_not_yet_paid_waives_it(world, localstripe):
    booking, payment = _charged(world, localstripe, "4000000000000341")
    life.cancel_confirmed_by_provider(db.session, booking, world["provider"], utcnow(), reason="My mistake")
    assert refunds.refund_cancelled_visit(db.session, booking, world["provider"], utcnow()) == []
    db.session.refresh(payment)
    assert payment.status is PaymentStatus.CANCELLED
    assert db.session.scalars(db.select(Refund)).all() == []
