"""Who may open the card and pay pages: anonymous, the person, another person, the provider, another
provider and an officer. Nobody sees another person's money pages."""

import pytest

from tests.factories import make_bookable_provider, make_booking, make_user
from tests.payments.money import PASSWORD
from web.extensions import db
from web.models.accounts import Role
from web.models.payments import PaymentPurpose, PaymentStatus
from web.payments import ledger

WHO = {
    "anonymous": None,
    "person": "person@example.org",
    "another person": "another@example.org",
    "provider": "provider@example.org",
    "another provider": "other@example.org",
    "officer": "officer@example.org",
}
ONLY_THE_PAYER = {
    "person": 200,
    "another person": 404,
    "provider": 404,
    "another provider": 404,
    "officer": 404,
}
OFFICERS_ONLY = {"person": 403, "another person": 403, "provider": 403, "another provider": 403}
BOOKERS = {"person": 200, "another person": 200, "provider": 403, "another provider": 403, "officer": 403}

# (method, path, {who: status}); anonymous is always sent to sign in.
ROUTES = [
    ("GET", "/payments/card", BOOKERS),
    # Sent empty: refused with the message beside the card field, for whoever may save a card.
    ("POST", "/payments/card", {**BOOKERS, "person": 400, "another person": 400}),
    # Nobody here has a card saved, so there is nothing to remove: back to the card page.
    ("POST", "/payments/card/remove", {**BOOKERS, "person": 302, "another person": 302}),
    ("GET", "/payments/{payment}/pay", ONLY_THE_PAYER),
    ("POST", "/payments/{payment}/pay", {**ONLY_THE_PAYER, "person": 400}),
    ("POST", "/payments/{payment}/pay/card", {**ONLY_THE_PAYER, "person": 400}),
    # Officers only; a booking that is not disputed has nothing to resolve.
    ("GET", "/payments/{payment}/refund", {**OFFICERS_ONLY, "officer": 200}),
    ("POST", "/payments/{payment}/refund", {**OFFICERS_ONLY, "officer": 400}),
    ("POST", "/payments/disputes/{booking}/resolve", {**OFFICERS_ONLY, "officer": 404}),
]


@pytest.fixture
def ids(client, localstripe):
    business, offering, _ = make_bookable_provider()
    make_bookable_provider("Other Helpers", owner_email="other@example.org")
    person = make_user("person@example.org")
    make_user("another@example.org")
    make_user("officer@example.org", role=Role.OFFICER)
    booking = make_booking(business, offering, person)
    payment = ledger.open_payment(db.session, booking, PaymentPurpose.VISIT, 2000)
    db.session.commit()
    ledger.advance(
        db.session, payment, PaymentStatus.PAYMENT_NEEDED, payment.created_at, failure_message="Declined"
    )
    db.session.commit()
    return {"payment": payment.id, "booking": booking.id}


@pytest.mark.parametrize(("method", "path", "expected"), ROUTES)
@pytest.mark.parametrize("who", list(WHO))
def test_access(client, ids, method, path, expected, who):
    if WHO[who]:
        assert (
            client.post("/account/sign-in", data={"email": WHO[who], "password": PASSWORD}).status_code == 302
        )
    response = client.open(path.format(**ids), method=method)
    assert response.status_code == (302 if who == "anonymous" else expected[who])
    if who == "anonymous":
        assert "/account/sign-in" in response.headers["Location"]
