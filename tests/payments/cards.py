"""What Stripe.js does in the person's browser, done over localstripe's HTTP API: turn a test card
number into a payment method and finish a SetupIntent with it. Only tests do this; the site never sees
a card number."""

import requests

# Stripe's published test cards, which localstripe honours.
GOOD_CARD = "4242424242424242"
DECLINED_CARD = "4000000000000002"
NEEDS_AUTHENTICATION = "4000002500003155"  # authenticates once at setup, then charges off-session
ALWAYS_AUTHENTICATE = "4000002760003184"  # asks the person to authenticate on every charge
EXPIRED_CARD = "4000000000000069"


def _post(base_url: str, path: str, data: dict) -> dict:
    response = requests.post(f"{base_url}{path}", data=data, auth=("sk_test_localstripe", ""), timeout=10)
    response.raise_for_status()
    return response.json()


def card_payment_method(base_url: str, number: str = GOOD_CARD) -> str:
    made = _post(
        base_url,
        "/v1/payment_methods",
        {
            "type": "card",
            "card[number]": number,
            "card[exp_month]": "12",
            "card[exp_year]": "2034",
            "card[cvc]": "123",
        },
    )
    return made["id"]


def finish_setup(base_url: str, setup_intent_id: str, number: str = GOOD_CARD) -> str:
    method = card_payment_method(base_url, number)
    confirm = f"/v1/setup_intents/{setup_intent_id}/confirm"
    if _post(base_url, confirm, {"payment_method": method})["status"] == "requires_action":
        _post(base_url, confirm, {})  # the person completes 3-D Secure in Stripe.js's window
    return method
