"""Stripe Connect Express against a loopback stand-in for Stripe's Connect endpoints: the provider is
sent to Stripe's onboarding, the return page reads the account's status, and a charge for a ready
business carries transfer_data and the platform fee."""

import pytest

from tests.factories import make_bookable_provider
from tests.payments.connect_stub import ACCOUNT, connect_stub  # noqa: F401 (a fixture)
from web.extensions import db
from web.models.connect import ConnectAccount
from web.payments import connect, gateway

PASSWORD = "correct horse battery"


@pytest.fixture
def stub(connect_stub):  # noqa: F811
    return connect_stub


@pytest.fixture
def provider(client):
    business, _, _ = make_bookable_provider()
    response = client.post("/account/sign-in", data={"email": "provider@example.org", "password": PASSWORD})
    assert response.status_code == 302
    return business


def test_the_provider_is_sent_to_stripe_onboarding_with_one_account(client, stub, provider):
    first = client.post("/provider/get-paid")
    again = client.post("/provider/get-paid")

    assert first.status_code == again.status_code == 303
    assert first.headers["Location"] == f"https://connect.stripe.com/setup/e/{ACCOUNT}/stub"
    [made] = stub.posted("/v1/accounts")
    assert made.form["type"] == "express"
    assert made.form["country"] == "GB"
    assert made.form["email"] == "provider@example.org"
    assert made.form["business_profile[name]"] == provider.trading_name
    assert made.form["capabilities[transfers][requested]"] == "true"
    assert made.headers["Idempotency-Key"] == f"connect-account-{provider.id}"
    links = stub.posted("/v1/account_links")
    assert len(links) == 2
    assert links[0].form["account"] == ACCOUNT
    assert links[0].form["type"] == "account_onboarding"
    assert links[0].form["refresh_url"].endswith("/provider/get-paid/refresh")
    assert links[0].form["return_url"].endswith("/provider/get-paid/return")
    assert db.session.query(ConnectAccount).one().stripe_account_id == ACCOUNT


def test_the_return_page_reads_whether_stripe_can_pay_the_business(client, stub, provider):
    client.post("/provider/get-paid")

    unfinished = client.get("/provider/get-paid/return")
    assert connect.destination_for(db.session, provider.id) is None
    stub.ready = True
    finished = client.get("/provider/get-paid/return")

    assert "Carry on with Stripe" in unfinished.get_data(as_text=True)
    assert "Stripe can pay you" in finished.get_data(as_text=True)
    assert [seen.path for seen in stub.requests if seen.method == "GET"] == [f"/v1/accounts/{ACCOUNT}"] * 2
    assert connect.destination_for(db.session, provider.id) == ACCOUNT


def test_a_charge_for_a_ready_business_goes_to_its_account_less_the_fee(client, stub, provider):
    stub.ready = True
    client.post("/provider/get-paid")
    client.get("/provider/get-paid/return")

    charge = gateway.charge_saved_card(
        amount_pence=2000,
        customer_id="cus_1",
        payment_method_id="pm_1",
        idempotency_key="payment-connect",
        metadata={"payment_id": "p-1"},
        destination_account=connect.destination_for(db.session, provider.id),
        platform_fee_pence=connect.platform_fee_pence(2000),
    )

    assert charge.status == "succeeded"
    [sent] = stub.posted("/v1/payment_intents")
    assert sent.form["transfer_data[destination]"] == ACCOUNT
    assert sent.form["application_fee_amount"] == "100"
    assert sent.form["amount"] == "2000"


def test_with_connect_off_there_is_no_page_and_no_destination(client, app, provider):
    assert app.config["STRIPE_CONNECT"] is False

    assert client.get("/provider/get-paid").status_code == 404
    assert connect.destination_for(db.session, provider.id) is None


def test_stripe_not_answering_is_said_plainly_and_nothing_is_kept(client, app, stub, provider):
    app.config["STRIPE_API_BASE"] = "http://127.0.0.1:9"
    app.extensions["stripe_client"] = None

    response = client.post("/provider/get-paid")

    assert response.status_code == 503
    assert "not answering" in response.get_data(as_text=True)
    assert db.session.query(ConnectAccount).count() == 0
