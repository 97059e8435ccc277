"""The pay page for a payment that could not be taken off-session: the person confirms it with their
bank (localstripe's 3-D Secure step) or pays with a different card; the booking page shows both sides
where the money stands."""

import re

import pytest
import requests

from tests.payments import cards as test_cards
from tests.payments.money import delivered, payments, provider_and_person, save_card, sign_in, stripe_intents
from web.extensions import db
from web.marketplace import booking_lifecycle as life
from web.models.base import utcnow
from web.models.payments import PaymentStatus, SavedCard
from web.payments import charges


@pytest.fixture
def world(client, localstripe):
    return provider_and_person(client)


def _payment_needed(world, localstripe, number: str):
    save_card(localstripe, world["person"], number)
    booking = delivered(world["business"], world["offering"], world["person"], world["provider"])
    life.confirm(db.session, booking, world["person"], utcnow())
    charges.take_booking_payments(db.session, booking, utcnow())
    [payment] = payments()
    assert payment.status is PaymentStatus.PAYMENT_NEEDED
    sign_in(world["client"], "person@example.org")
    return booking, payment


def _authenticate(localstripe: str, page: str, success: bool = True) -> str:
    """What localstripe's Stripe.js does when the person answers its 3-D Secure window."""
    secret = re.search(r'data-payment-secret="([^"]+)"', page).group(1)
    intent_id = secret.split("_secret_")[0]
    answer = "true" if success else "false"
    requests.post(
        f"{localstripe}/v1/payment_intents/{intent_id}/_authenticate?success={answer}",
        json={"key": "pk_test_localstripe", "client_secret": secret},
        timeout=10,
    ).raise_for_status()
    return intent_id


def _setup_on(page: str) -> str:
    return re.search(r'data-setup-secret="([^"]+)"', page).group(1).split("_secret_")[0]


def test_a_payment_the_bank_wants_confirmed_is_paid_through_the_3d_secure_step(world, localstripe):
    booking, payment = _payment_needed(world, localstripe, test_cards.ALWAYS_AUTHENTICATE)
    client = world["client"]

    page = client.get(f"/payments/{payment.id}/pay")
    assert page.status_code == 200
    assert "Pay £20" in page.text and "Your bank wants you to confirm this payment." in page.text
    assert "Visit: Help at home with Wigan Home Helpers" in page.text
    intent_id = _authenticate(localstripe, page.text)

    paid = client.post(f"/payments/{payment.id}/pay", data={"payment_intent_id": intent_id})

    assert paid.status_code == 302 and paid.headers["Location"] == f"/bookings/{booking.id}"
    db.session.refresh(payment)
    assert payment.status is PaymentStatus.SUCCEEDED and payment.stripe_payment_intent_id == intent_id
    shown = client.get(paid.headers["Location"])
    assert "Paid £20. Thank you." in shown.text and "Pay now" not in shown.text


def test_a_failed_bank_check_or_another_payment_intent_is_not_recorded_as_paid(world, localstripe):
    _, payment = _payment_needed(world, localstripe, test_cards.ALWAYS_AUTHENTICATE)
    client = world["client"]
    page = client.get(f"/payments/{payment.id}/pay")

    wrong = client.post(f"/payments/{payment.id}/pay", data={"payment_intent_id": "pi_someone_else"})
    assert wrong.status_code == 400 and "was not confirmed with your bank" in wrong.text

    intent_id = _authenticate(localstripe, page.text, success=False)
    failed = client.post(f"/payments/{payment.id}/pay", data={"payment_intent_id": intent_id})
    assert failed.status_code == 400 and "Nothing has been charged" in failed.text
    db.session.refresh(payment)
    assert payment.status is PaymentStatus.PAYMENT_NEEDED


def test_a_declined_card_is_paid_with_a_different_card_which_becomes_the_saved_one(world, localstripe):
    booking, payment = _payment_needed(world, localstripe, "4000000000000341")
    client = world["client"]
    page = client.get(f"/payments/{payment.id}/pay")
    assert "Your card was declined" in page.text
    assert "data-payment-secret" not in page.text  # nothing to confirm: a new card is needed
    setup_intent_id = _setup_on(page.text)
    test_cards.finish_setup(localstripe, setup_intent_id, test_cards.GOOD_CARD)

    paid = client.post(f"/payments/{payment.id}/pay/card", data={"setup_intent_id": setup_intent_id})

    assert paid.status_code == 302 and paid.headers["Location"] == f"/bookings/{booking.id}"
    db.session.refresh(payment)
    assert payment.status is PaymentStatus.SUCCEEDED
    card = db.session.scalar(db.select(SavedCard))
    assert card.last4 == "4242"
    succeeded = [
        i for i in stripe_intents(localstripe, card.stripe_customer_id) if i["status"] == "succeeded"
    ]
    assert [i["id"] for i in succeeded] == [payment.stripe_payment_intent_id]
    assert succeeded[0]["amount"] == 2000 and succeeded[0]["metadata"]["payment_id"] == payment.id

    # Sent again (a double click), it is refused and nothing more is charged.
    again = client.post(f"/payments/{payment.id}/pay/card", data={"setup_intent_id": setup_intent_id})
    assert again.status_code == 400 and "already been made" in again.text
    succeeded_now = [
        i for i in stripe_intents(localstripe, card.stripe_customer_id) if i["status"] == "succeeded"
    ]
    assert len(succeeded_now) == 1


def test_a_different_card_that_needs_confirming_goes_through_the_bank_step(world, localstripe):
    _, payment = _payment_needed(world, localstripe, "4000000000000341")
    client = world["client"]
    setup_intent_id = _setup_on(client.get(f"/payments/{payment.id}/pay").text)
    test_cards.finish_setup(localstripe, setup_intent_id, test_cards.ALWAYS_AUTHENTICATE)

    asked = client.post(f"/payments/{payment.id}/pay/card", data={"setup_intent_id": setup_intent_id})

    assert asked.headers["Location"] == f"/payments/{payment.id}/pay"
    page = client.get(asked.headers["Location"])
    assert "Confirm the payment with your bank" in page.text
    intent_id = _authenticate(localstripe, page.text)
    assert (
        client.post(f"/payments/{payment.id}/pay", data={"payment_intent_id": intent_id}).status_code == 302
    )
    db.session.refresh(payment)
    assert payment.status is PaymentStatus.SUCCEEDED


def test_the_provider_sees_payment_needed_and_only_the_person_gets_the_link(world, localstripe):
    booking, payment = _payment_needed(world, localstripe, "4000000000000341")
    client = world["client"]
    person_view = client.get(f"/bookings/{booking.id}")
    assert "Payment needed" in person_view.text
    assert f'href="/payments/{payment.id}/pay"' in person_view.text

    sign_in(client, "provider@example.org")
    provider_view = client.get(f"/bookings/{booking.id}")
    assert "Visit, £20" in provider_view.text and "Payment needed" in provider_view.text
    assert f"/payments/{payment.id}/pay" not in provider_view.text
    assert client.get(f"/payments/{payment.id}/pay").status_code == 404


def test_the_pay_page_says_what_to_do_without_javascript(world, localstripe, app):
    _, payment = _payment_needed(world, localstripe, "4000000000000341")
    page = world["client"].get(f"/payments/{payment.id}/pay")
    assert "needs JavaScript" in page.text and app.config["COUNCIL_PHONE"] in page.text
    assert 'href="/payments/money-holder"' in page.text
