"""The one module that talks to Stripe, through the `stripe` library.

In the embedded default and in the tests STRIPE_API_BASE points at localstripe on loopback; with real
keys it is empty and the same calls go to Stripe. Every call has a timeout, every create carries an
idempotency key made from our own row, and every failure comes back as one of the errors below, with a
message a person can act on.
"""

from dataclasses import dataclass

import stripe
from flask import Flask, current_app


class GatewayError(Exception):
    """Stripe refused or could not be reached; str(error) is safe to show to the person."""


class StripeUnavailable(GatewayError):
    """Stripe did not answer in time, or the connection failed: nothing is known to have happened."""


class CardDeclined(GatewayError):
    """The bank said no (declined, expired, insufficient funds)."""


class AuthenticationRequired(GatewayError):
    """The bank wants the person to confirm the payment themselves (3-D Secure)."""

    def __init__(self, message: str, payment_intent_id: str | None):
        super().__init__(message)
        self.payment_intent_id = payment_intent_id


UNAVAILABLE = "The card payment service is not answering. Nothing has been charged. Try again later."
DECLINED = "Your card was declined. Use a different card or ask your bank."
EXPIRED = "Your card has expired. Use a different card."
AUTHENTICATE = "Your bank wants you to confirm this payment. Pay on the site to finish it."


def init_app(app: Flask) -> None:
    app.extensions["stripe_client"] = None  # made on first use, once the config is final


def client() -> stripe.StripeClient:
    app = current_app._get_current_object()
    made = app.extensions.get("stripe_client")
    if made is None:
        base = app.config["STRIPE_API_BASE"]
        made = stripe.StripeClient(
            app.config["STRIPE_SECRET_KEY"],
            base_addresses={"api": base} if base else None,
            http_client=stripe.RequestsClient(timeout=app.config["STRIPE_TIMEOUT_SECONDS"]),
            max_network_retries=app.config["STRIPE_NETWORK_RETRIES"],
        )
        app.extensions["stripe_client"] = made
    return made


def _call(method, params: dict, idempotency_key: str | None = None, *, object_id: str | None = None):
    """Run one Stripe call, turning the library's errors into ours."""
    args = (object_id,) if object_id is not None else ()
    options = {"idempotency_key": idempotency_key} if idempotency_key else None
    try:
        return method(*args, params=params, options=options) if options else method(*args, params=params)
    except stripe.CardError as error:
        code = error.code or ""
        if code == "authentication_required":
            intent = (error.json_body or {}).get("error", {}).get("payment_intent", {}) or {}
            raise AuthenticationRequired(AUTHENTICATE, intent.get("id")) from error
        raise CardDeclined(EXPIRED if code == "expired_card" else DECLINED) from error
    except stripe.StripeError as error:
        raise _ours(error, "The card payment could not be made. Nothing has been charged.") from error


def _ours(error: stripe.StripeError, refused: str) -> GatewayError:
    """Stripe out of reach (or failing) is StripeUnavailable; anything else it refused is `refused`."""
    unreachable = isinstance(error, stripe.APIConnectionError | stripe.RateLimitError)
    if unreachable or (error.http_status is not None and error.http_status >= 500):
        return StripeUnavailable(UNAVAILABLE)
    return GatewayError(refused)


# ---- saving a card -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SetupStarted:
    setup_intent_id: str
    client_secret: str


@dataclass(frozen=True)
class Card:
    payment_method_id: str
    brand: str
    last4: str
    exp_month: int
    exp_year: int


def create_customer(email: str, name: str, idempotency_key: str) -> str:
    customer = _call(client().v1.customers.create, {"email": email, "name": name}, idempotency_key)
    return customer.id


def start_saving_card(customer_id: str, idempotency_key: str) -> SetupStarted:
    """A SetupIntent: Stripe.js collects the card in the browser, so no card number reaches us."""
    intent = _call(
        client().v1.setup_intents.create,
        {"customer": customer_id, "usage": "off_session", "payment_method_types": ["card"]},
        idempotency_key,
    )
    return SetupStarted(intent.id, intent.client_secret)


def saved_card(setup_intent_id: str, customer_id: str | None = None) -> Card | None:
    """The card a finished SetupIntent saved, or None if the person has not finished (or, given a
    customer, if the SetupIntent is someone else's)."""
    intent = _retrieve(client().v1.setup_intents, setup_intent_id)
    if intent.status != "succeeded" or not intent.payment_method:
        return None
    if customer_id is not None and intent.customer != customer_id:
        return None
    method_id = intent.payment_method if isinstance(intent.payment_method, str) else intent.payment_method.id
    method = _retrieve(client().v1.payment_methods, method_id)
    card = method.card
    return Card(method.id, card.brand, card.last4, int(card.exp_month), int(card.exp_year))


def delete_customer(customer_id: str) -> None:
    """Remove the person's customer, and with it their card, from Stripe."""
    _remove(client().v1.customers.delete, customer_id)


def detach_card(payment_method_id: str) -> None:
    """Take a saved card off the person's customer at Stripe: it can no longer be charged."""
    _remove(client().v1.payment_methods.detach, payment_method_id)


def _remove(method, object_id: str) -> None:
    """A removal call. Something Stripe no longer has counts as removed, so a second try after a lost
    answer succeeds."""
    try:
        method(object_id)
    except stripe.StripeError as error:
        if not (isinstance(error, stripe.InvalidRequestError) and error.http_status == 404):
            raise _ours(error, "The card payment service would not remove your card.") from error


def _retrieve(service, object_id: str):
    try:
        return service.retrieve(object_id)
    except (stripe.APIConnectionError, stripe.RateLimitError) as error:
        raise StripeUnavailable(UNAVAILABLE) from error
    except stripe.StripeError as error:
        raise GatewayError("The card payment service does not know this payment.") from error


# ---- charging ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Charge:
    payment_intent_id: str
    status: str  # Stripe's PaymentIntent status: "succeeded" when the money is taken


def charge_saved_card(
    *,
    amount_pence: int,
    customer_id: str,
    payment_method_id: str,
    idempotency_key: str,
    metadata: dict[str, str],
    destination_account: str | None = None,
    platform_fee_pence: int = 0,
) -> Charge:
    """Charge the saved card with the person not present (off-session). Raises CardDeclined or
    AuthenticationRequired when the person must act. The metadata carries our payment id (and what it is
    for, in words, since localstripe takes no description): it is how reconcile finds a charge whose row
    we never finished writing."""
    params: dict = {
        "amount": amount_pence,
        "currency": "gbp",
        "customer": customer_id,
        "payment_method": payment_method_id,
        "off_session": True,
        "confirm": True,
        "metadata": metadata,
    }
    if destination_account:
        params["transfer_data"] = {"destination": destination_account}
        if platform_fee_pence:
            params["application_fee_amount"] = platform_fee_pence
    intent = _call(client().v1.payment_intents.create, params, idempotency_key)
    if intent.status == "requires_action":  # how localstripe (and some banks) ask instead of refusing
        raise AuthenticationRequired(AUTHENTICATE, intent.id)
    return Charge(intent.id, intent.status)


def charge_card_on_session(
    *, amount_pence: int, customer_id: str, payment_method_id: str, idempotency_key: str, metadata: dict
) -> Charge:
    """Charge a card with the person on the site: a bank that wants them to confirm leaves the
    PaymentIntent waiting (requires_action) for Stripe.js's confirmCardPayment."""
    params = {
        "amount": amount_pence,
        "currency": "gbp",
        "customer": customer_id,
        "payment_method": payment_method_id,
        "payment_method_types": ["card"],
        "confirm": True,
        "metadata": metadata,
    }
    intent = _call(client().v1.payment_intents.create, params, idempotency_key)
    return Charge(intent.id, intent.status)


def payment_intent(payment_intent_id: str):
    return _retrieve(client().v1.payment_intents, payment_intent_id)


@dataclass(frozen=True)
class IntentState:
    """What the pay page needs of a PaymentIntent: its status, the client secret Stripe.js confirms it
    with, and the payment id our metadata gave it."""

    payment_intent_id: str
    status: str
    client_secret: str
    payment_id: str | None


def intent_state(payment_intent_id: str) -> IntentState:
    intent = payment_intent(payment_intent_id)
    metadata = intent.metadata.to_dict() if intent.metadata else {}
    return IntentState(intent.id, intent.status, intent.client_secret, metadata.get("payment_id"))


def refund(payment_intent_id: str, amount_pence: int, idempotency_key: str) -> str:
    made = _call(
        client().v1.refunds.create,
        {"payment_intent": payment_intent_id, "amount": amount_pence},
        idempotency_key,
    )
    return made.id


def webhook_event(payload: bytes, signature: str) -> stripe.Event:
    """The event if Stripe signed it with our secret; stripe.SignatureVerificationError or ValueError if
    not (the webhook view answers 400)."""
    return stripe.Webhook.construct_event(payload, signature, current_app.config["STRIPE_WEBHOOK_SECRET"])


# ---- reading back what Stripe holds (reconcile) --------------------------------------------------


@dataclass(frozen=True)
class IntentSeen:
    """A PaymentIntent as reconcile needs it."""

    id: str
    status: str
    amount_pence: int
    refunded_pence: int
    payment_id: str | None  # our Payment.id from the metadata, if we made it
    created: int  # Unix seconds


def _intent_seen(intent: dict) -> IntentSeen:
    charge = intent.get("latest_charge")
    refunded = charge.get("amount_refunded", 0) if isinstance(charge, dict) else 0
    metadata = intent.get("metadata") or {}
    return IntentSeen(
        intent["id"],
        intent["status"],
        int(intent["amount"]),
        int(refunded),
        metadata.get("payment_id"),
        int(intent["created"]),
    )


def intent_seen(payment_intent_id: str) -> IntentSeen:
    intent = _call(
        client().v1.payment_intents.retrieve, {"expand": ["latest_charge"]}, None, object_id=payment_intent_id
    )
    return _intent_seen(intent.to_dict())


def intents_created(since: int, until: int, page_size: int = 100):
    """Every PaymentIntent created in [since, until] (Unix seconds), newest first, one page of
    `page_size` per call to Stripe, with its latest charge so refunds can be compared. The pages are read
    as plain JSON: building the library's objects for thousands of them costs more than the calls."""
    params: dict = {
        "limit": page_size,
        "created": {"gte": since, "lte": until},
        "expand": ["data.latest_charge"],
    }

    def list_page(params: dict) -> dict:
        return client().raw_request("get", "/v1/payment_intents", **params).data

    while True:
        page = _call(list_page, params)
        for intent in page["data"]:
            yield _intent_seen(intent)
        if not page.get("has_more") or not page["data"]:
            return
        params = {**params, "starting_after": page["data"][-1]["id"]}


# ---- Stripe Connect Express (real keys only) ---------------------------------------------------


@dataclass(frozen=True)
class AccountStatus:
    charges_enabled: bool
    payouts_enabled: bool
    details_submitted: bool


def create_express_account(email: str, business_name: str, idempotency_key: str) -> str:
    """An Express account for a provider business in the UK; Stripe collects their identity and bank."""
    account = _call(
        client().v1.accounts.create,
        {
            "type": "express",
            "country": "GB",
            "email": email,
            "business_profile": {"name": business_name},
            "capabilities": {"card_payments": {"requested": True}, "transfers": {"requested": True}},
        },
        idempotency_key,
    )
    return account.id


def onboarding_link(account_id: str, refresh_url: str, return_url: str) -> str:
    """A short-lived Stripe page where the provider finishes setting up; made fresh each time."""
    link = _call(
        client().v1.account_links.create,
        {
            "account": account_id,
            "refresh_url": refresh_url,
            "return_url": return_url,
            "type": "account_onboarding",
        },
    )
    return link.url


def account_status(account_id: str) -> AccountStatus:
    account = _call(client().v1.accounts.retrieve, {}, object_id=account_id)
    return AccountStatus(
        bool(account.charges_enabled), bool(account.payouts_enabled), bool(account.details_submitted)
    )
