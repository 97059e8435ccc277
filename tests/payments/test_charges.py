"""Charging a confirmed visit and a late cancellation to the saved card, against localstripe: the
delivered length at the agreed price, never more than booked, never twice; a declined card or a bank
wanting the person to confirm asks them to pay on the site; Stripe not answering loses nothing."""

from datetime import timedelta

import pytest

from tests.factories import make_booking
from tests.payments import cards as test_cards
from tests.payments.money import (
    delivered,
    mail_now,
    mail_since,
    payments,
    provider_and_person,
    save_card,
    sign_in,
    stripe_intents,
)
from web.extensions import db
from web.marketplace import booking_lifecycle as life
from web.models.base import utcnow
from web.models.marketplace import BookingStatus, PriceUnit
from web.models.payments import HolderKind, MoneyHolder, PaymentMethod, PaymentPurpose, PaymentStatus
from web.payments import charges


@pytest.fixture
def world(client):
    return provider_and_person(client)


def _delivered(world, minutes: int = 60, **fields):
    return delivered(
        world["business"], world["offering"], world["person"], world["provider"], minutes, **fields
    )


def test_confirming_charges_the_saved_card_once_for_the_visit(world, localstripe):
    card = save_card(localstripe, world["person"])
    booking = _delivered(world)
    client = world["client"]
    sign_in(client, "person@example.org")

    confirmed = client.post(f"/bookings/{booking.id}/confirm")
    assert confirmed.status_code == 302

    [payment] = payments()
    assert (payment.status, payment.purpose, payment.amount_pence) == (
        PaymentStatus.SUCCEEDED,
        PaymentPurpose.VISIT,
        2000,
    )
    [intent] = stripe_intents(localstripe, card.stripe_customer_id)
    assert intent["id"] == payment.stripe_payment_intent_id
    assert intent["amount"] == 2000 and intent["status"] == "succeeded"
    assert intent["metadata"]["payment_id"] == payment.id
    assert intent["metadata"]["booking_id"] == booking.id

    # A second click on Confirm is refused and charges nothing more.
    again = client.post(f"/bookings/{booking.id}/confirm")
    assert again.status_code == 400
    assert "Only a delivered visit can be confirmed." in again.text
    assert len(payments()) == 1
    assert charges.take_payment(db.session, payment, utcnow()) is None  # a settled row is left alone
    assert len(stripe_intents(localstripe, card.stripe_customer_id)) == 1


@pytest.mark.parametrize(
    ("delivered_minutes", "pence"),
    [(45, 1500), (60, 2000), (90, 2000)],  # a longer visit than booked is charged as booked
)
def test_an_hourly_visit_costs_the_delivered_length_never_more_than_booked(world, delivered_minutes, pence):
    booking = _delivered(world, delivered_minutes)
    assert charges.visit_pence(booking) == pence


def test_a_visit_priced_per_visit_costs_the_booked_total(world):
    world["offering"].price_unit = PriceUnit.VISIT
    db.session.commit()
    booking = _delivered(world, 30, price_pence=3500, total_pence=3500)
    assert charges.visit_pence(booking) == 3500


def test_a_declined_card_puts_the_payment_in_payment_needed_and_emails_the_link(world, localstripe, app):
    save_card(localstripe, world["person"], "4000000000000341")  # saves, then declines when charged
    booking = _delivered(world)
    client = world["client"]
    sign_in(client, "person@example.org")
    before = mail_now(app)

    confirmed = client.post(f"/bookings/{booking.id}/confirm", follow_redirects=True)

    assert "Your card was declined. Use a different card or ask your bank." in confirmed.text
    [payment] = payments()
    assert payment.status is PaymentStatus.PAYMENT_NEEDED
    assert "declined" in payment.failure_message
    [needed] = [m for m in mail_since(app, before) if m["Subject"] == "Payment needed"]
    assert needed["To"] == "person@example.org"
    body = needed.get_content()
    assert f"/payments/{payment.id}/pay" in body and "£20" in body
    db.session.refresh(booking)
    assert booking.status is BookingStatus.CONFIRMED  # the visit happened; only the money is owed


def test_a_bank_that_wants_the_person_to_confirm_asks_them_to_pay_on_the_site(world, localstripe, app):
    card = save_card(localstripe, world["person"], test_cards.ALWAYS_AUTHENTICATE)
    booking = _delivered(world)
    before = mail_now(app)

    life.confirm(db.session, booking, world["person"], utcnow())
    [message] = charges.take_booking_payments(db.session, booking, utcnow())

    assert "confirm this payment" in message
    [payment] = payments()
    assert payment.status is PaymentStatus.PAYMENT_NEEDED
    [intent] = stripe_intents(localstripe, card.stripe_customer_id)
    assert intent["id"] == payment.stripe_payment_intent_id and intent["status"] == "requires_action"
    assert [m["Subject"] for m in mail_since(app, before)].count("Payment needed") == 1
    # Asked again (the reconcile command, say), it neither charges nor emails a second time.
    assert charges.take_payment(db.session, payment, utcnow()) is None
    assert [m["Subject"] for m in mail_since(app, before)].count("Payment needed") == 1


def test_stripe_not_answering_keeps_the_payment_pending_and_a_later_try_takes_it(world, localstripe, app):
    card = save_card(localstripe, world["person"])
    booking = _delivered(world)
    client = world["client"]
    sign_in(client, "person@example.org")
    app.config["STRIPE_API_BASE"], app.extensions["stripe_client"] = "http://127.0.0.1:9", None

    confirmed = client.post(f"/bookings/{booking.id}/confirm", follow_redirects=True)

    assert "The card payment service is not answering. Nothing has been charged." in confirmed.text
    [payment] = payments()
    assert payment.status is PaymentStatus.PENDING and payment.stripe_payment_intent_id is None
    db.session.refresh(booking)
    assert booking.status is BookingStatus.CONFIRMED

    app.config["STRIPE_API_BASE"], app.extensions["stripe_client"] = localstripe, None
    assert charges.take_payment(db.session, payment, utcnow()) is None
    assert payment.status is PaymentStatus.SUCCEEDED
    assert len(stripe_intents(localstripe, card.stripe_customer_id)) == 1


def test_a_late_cancellation_charges_its_fee_at_cancellation(world, localstripe):
    card = save_card(localstripe, world["person"])
    booking = make_booking(
        world["business"], world["offering"], world["person"], starts_in=timedelta(hours=3)
    )
    client = world["client"]
    sign_in(client, "person@example.org")

    cancelled = client.post(f"/bookings/{booking.id}/cancel", data={"expected_fee_pence": "1000"})

    assert cancelled.status_code == 302
    [fee] = payments()
    assert (fee.purpose, fee.amount_pence, fee.status) == (
        PaymentPurpose.LATE_CANCELLATION,
        1000,
        PaymentStatus.SUCCEEDED,
    )
    [intent] = stripe_intents(localstripe, card.stripe_customer_id)
    assert intent["amount"] == 1000 and intent["metadata"]["for"] == "Late cancellation fee"


def test_a_free_cancellation_opens_no_payment(world):
    booking = make_booking(world["business"], world["offering"], world["person"])
    life.cancel_by_person(db.session, booking, world["person"], utcnow(), expected_fee_pence=0)
    assert payments() == []


def test_money_held_by_a_managed_account_is_left_for_the_invoice_not_charged(world):
    db.session.add(
        MoneyHolder(
            user_id=world["person"].id,
            kind=HolderKind.ISF,
            name="Bryn Care ISF",
            email="isf@example.org",
            reference="ISF-7",
        )
    )
    db.session.commit()
    booking = _delivered(world)

    # Stripe is not reachable in this test: any attempt to charge would say so.
    life.confirm(db.session, booking, world["person"], utcnow())
    assert charges.take_booking_payments(db.session, booking, utcnow()) == []

    [payment] = payments()
    assert (payment.method, payment.status, payment.amount_pence) == (
        PaymentMethod.INVOICE,
        PaymentStatus.PENDING,
        2000,
    )
    assert payment.stripe_payment_intent_id is None


def test_the_scheduler_charges_a_visit_it_confirms(world, localstripe):
    save_card(localstripe, world["person"])
    booking = _delivered(world)
    later = booking.delivered_at + timedelta(hours=73)

    report = life.tick(db.session, later)

    assert report.confirmed == [booking.id]
    [payment] = payments()
    assert payment.status is PaymentStatus.SUCCEEDED and payment.amount_pence == 2000
