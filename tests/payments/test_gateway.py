"""The gateway against localstripe: a card saved through a SetupIntent is charged off-session, a bad
card comes back as an error a person can act on, and a Stripe that does not answer is StripeUnavailable."""

import pytest

from tests.payments import cards
from web.payments import gateway


@pytest.fixture
def customer(app_context, localstripe):
    return gateway.create_customer("sam@example.org", "Sam", idempotency_key="customer-test")


def _saved(localstripe_url: str, customer_id: str, number: str) -> gateway.Card:
    started = gateway.start_saving_card(customer_id, idempotency_key=f"setup-{number}")
    assert started.client_secret
    assert gateway.saved_card(started.setup_intent_id) is None  # not finished in the browser yet
    cards.finish_setup(localstripe_url, started.setup_intent_id, number)
    return gateway.saved_card(started.setup_intent_id)


def _charge(customer_id: str, card: gateway.Card, key: str, pence: int = 2150) -> gateway.Charge:
    return gateway.charge_saved_card(
        amount_pence=pence,
        customer_id=customer_id,
        payment_method_id=card.payment_method_id,
        idempotency_key=key,
        metadata={"payment_id": key, "for": "Visit"},
    )


def test_a_saved_card_is_charged_off_session(localstripe, customer):
    card = _saved(localstripe, customer, cards.GOOD_CARD)
    assert card.last4 == "4242"

    charge = _charge(customer, card, "payment-1")

    assert charge.status == "succeeded"
    intent = gateway.payment_intent(charge.payment_intent_id)
    assert intent.amount == 2150
    assert intent.metadata["payment_id"] == "payment-1"


def test_a_refund_gives_part_of_the_money_back(localstripe, customer):
    card = _saved(localstripe, customer, cards.GOOD_CARD)
    charge = _charge(customer, card, "payment-2")

    refund_id = gateway.refund(charge.payment_intent_id, 1000, idempotency_key="refund-1")

    assert refund_id.startswith("re_")


def test_a_card_that_needs_authentication_every_time_asks_the_person(localstripe, customer):
    card = _saved(localstripe, customer, cards.ALWAYS_AUTHENTICATE)

    with pytest.raises(gateway.AuthenticationRequired) as raised:
        _charge(customer, card, "payment-3")

    assert "confirm this payment" in str(raised.value)
    assert gateway.payment_intent(raised.value.payment_intent_id).status == "requires_action"


def test_a_declined_card_says_so(localstripe, customer):
    card = _saved(localstripe, customer, cards.GOOD_CARD)
    declined = cards.card_payment_method(localstripe, "4000000000000341")  # attaches, then declines

    with pytest.raises(gateway.CardDeclined) as raised:
        _charge(customer, gateway.Card(declined, "visa", "0341", 12, 2034), "payment-4")

    assert "declined" in str(raised.value)
    assert card.last4 == "4242"


def test_stripe_not_answering_is_unavailable_not_a_crash(app, app_context):
    # The test config points Stripe at the discard port, where nothing listens.
    with pytest.raises(gateway.StripeUnavailable) as raised:
        gateway.create_customer("sam@example.org", "Sam", idempotency_key="customer-x")

    assert "Nothing has been charged" in str(raised.value)
