"""Who may open the webhook and the "Get paid by Stripe" pages: anonymous, a person, another person, the
provider, another provider and an officer. The webhook answers everyone the same (400 without Stripe's
signature); the Stripe pages are each provider's own and exist only with Connect on."""

import pytest

from tests.factories import make_bookable_provider, make_user
from tests.payments.connect_stub import connect_stub  # noqa: F401 (a fixture)
from web.models.accounts import Role

PASSWORD = "correct horse battery"

WHO = {
    "anonymous": None,
    "person": "person@example.org",
    "another person": "another@example.org",
    "provider": "provider@example.org",
    "another provider": "other@example.org",
    "officer": "officer@example.org",
}

PROVIDERS_ONLY = {"anonymous": 302, "person": 403, "another person": 403, "officer": 403}

# (method, path, {who: status}) with Connect on
ROUTES = [
    ("POST", "/payments/webhook", dict.fromkeys(WHO, 400)),
    ("GET", "/provider/get-paid", {**PROVIDERS_ONLY, "provider": 200, "another provider": 200}),
    ("POST", "/provider/get-paid", {**PROVIDERS_ONLY, "provider": 303, "another provider": 303}),
    ("GET", "/provider/get-paid/refresh", {**PROVIDERS_ONLY, "provider": 303, "another provider": 303}),
    ("GET", "/provider/get-paid/return", {**PROVIDERS_ONLY, "provider": 200, "another provider": 200}),
]


@pytest.fixture
def world(client):
    make_bookable_provider()
    make_bookable_provider("Other Helpers", owner_email="other@example.org")
    make_user(email="person@example.org")
    make_user(email="another@example.org")
    make_user(email="officer@example.org", role=Role.OFFICER)


def _as(client, who: str):
    client.post("/account/sign-out")
    if WHO[who]:
        response = client.post("/account/sign-in", data={"email": WHO[who], "password": PASSWORD})
        assert response.status_code == 302


@pytest.mark.parametrize(("method", "path", "expected"), ROUTES, ids=[f"{m} {p}" for m, p, _ in ROUTES])
@pytest.mark.parametrize("who", list(WHO))
def test_access(client, world, connect_stub, method, path, expected, who):  # noqa: F811
    _as(client, who)

    response = client.open(path, method=method)

    assert response.status_code == expected[who], response.get_data(as_text=True)[:300]


def test_each_provider_is_sent_to_their_own_stripe_account(client, world, connect_stub):  # noqa: F811
    _as(client, "provider")
    client.post("/provider/get-paid")
    _as(client, "another provider")
    client.post("/provider/get-paid")

    made = connect_stub.posted("/v1/accounts")
    assert [seen.form["email"] for seen in made] == ["provider@example.org", "other@example.org"]
    linked = [seen.form["account"] for seen in connect_stub.posted("/v1/account_links")]
    assert linked == connect_stub.accounts == ["acct_1StubConnect", "acct_1StubConnect2"]


@pytest.mark.parametrize("path", ["/provider/get-paid", "/provider/get-paid/return"])
def test_with_connect_off_the_stripe_pages_do_not_exist(client, world, path):
    _as(client, "provider")

    assert client.get(path).status_code == 404
