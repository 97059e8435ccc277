"""Removing a saved card from the "Your card" page: taken off the person's customer at Stripe, forgotten
here, and refused while a visit by card is under way or a payment is owed."""

import pytest
import requests

from tests.factories import make_bookable_provider, make_booking, make_saved_card, make_user
from tests.payments.money import save_card, sign_in
from web.extensions import db
from web.models import BookingStatus
from web.models.payments import SavedCard


@pytest.fixture
def person(client):
    user = make_user("person@example.org")
    sign_in(client, "person@example.org")
    return user


def _saved_as_stripe_does(localstripe: str, person) -> SavedCard:
    """A saved card attached to the person's customer: Stripe attaches it when the SetupIntent succeeds,
    localstripe does not, so the test attaches it as Stripe would have."""
    saved = save_card(localstripe, person)
    requests.post(
        f"{localstripe}/v1/payment_methods/{saved.stripe_payment_method_id}/attach",
        data={"customer": saved.stripe_customer_id},
        auth=("sk_test_localstripe", ""),
        timeout=10,
    ).raise_for_status()
    return saved


def _payment_method_customer(localstripe: str, payment_method_id: str) -> str | None:
    response = requests.get(
        f"{localstripe}/v1/payment_methods/{payment_method_id}", auth=("sk_test_localstripe", ""), timeout=10
    )
    return response.json()["customer"]


def test_a_removed_card_is_taken_off_stripe_and_forgotten(client, localstripe, person):
    saved = _saved_as_stripe_does(localstripe, person)
    method_id = saved.stripe_payment_method_id
    assert _payment_method_customer(localstripe, method_id) == saved.stripe_customer_id
    page = client.get("/payments/card")
    assert "Visa ending 4242" in page.text and "Remove this card" in page.text

    removed = client.post("/payments/card/remove")
    assert removed.status_code == 302
    assert _payment_method_customer(localstripe, method_id) is None
    db.session.expire_all()
    card = db.session.get(SavedCard, saved.id)
    assert (card.stripe_payment_method_id, card.last4, card.brand) == (None, None, None)
    page = client.get("/payments/card")
    assert "Card removed. It can no longer be charged." in page.text
    assert "ending 4242" not in page.text and "Remove this card" not in page.text


@pytest.mark.parametrize("status", [BookingStatus.REQUESTED, BookingStatus.ACCEPTED, BookingStatus.DELIVERED])
def test_a_card_a_visit_will_be_charged_to_cannot_be_removed(client, localstripe, person, status):
    saved = _saved_as_stripe_does(localstripe, person)
    business, offering, _ = make_bookable_provider()
    make_booking(business, offering, person, status=status)

    refused = client.post("/payments/card/remove")
    assert refused.status_code == 409
    assert "You have visits that will be charged to this card" in refused.text
    assert 'href="#remove-card"' in refused.text
    assert _payment_method_customer(localstripe, saved.stripe_payment_method_id) == saved.stripe_customer_id
    db.session.expire_all()
    assert db.session.get(SavedCard, saved.id).last4 == "4242"


def test_when_stripe_cannot_be_reached_the_card_is_kept(client, person):
    card = make_saved_card(person)  # Stripe is not reachable here: the test config's discard port
    response = client.post("/payments/card/remove")
    assert response.status_code == 503
    assert "your card has not been removed" in response.text
    db.session.expire_all()
    assert db.session.get(SavedCard, card.id).stripe_payment_method_id == "pm_card_visa"


def test_removing_needs_a_csrf_token(csrf_client):
    person = make_user("person@example.org")
    card = make_saved_card(person)
    with csrf_client.session_transaction() as session:
        session["_user_id"] = str(person.id)
    response = csrf_client.post("/payments/card/remove")
    assert response.status_code == 400
    assert db.session.get(SavedCard, card.id).last4 == "4242"
