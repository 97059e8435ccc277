"""An officer resolving a disputed visit (the agreed charge, a smaller one, or nothing) and refunding
part or all of a paid payment, against localstripe; and who may use these pages."""

import pytest

from tests.factories import make_bookable_provider, make_user
from tests.payments.money import delivered, payments, save_card, sign_in, stripe_intents
from web.extensions import db
from web.marketplace import booking_lifecycle as life
from web.models.accounts import Role
from web.models.base import utcnow
from web.models.marketplace import BookingStatus
from web.models.payments import PaymentStatus
from web.payments.forms import pounds_to_pence


@pytest.fixture
def disputed(client, localstripe):
    business, offering, provider = make_bookable_provider()
    person = make_user("person@example.org")
    make_user("officer@example.org", role=Role.OFFICER)
    card = save_card(localstripe, person)
    booking = delivered(business, offering, person, provider)
    life.dispute(db.session, booking, person, utcnow(), "The carer left after half an hour")
    sign_in(client, "officer@example.org")
    return client, booking, card


def test_an_officer_confirms_with_the_agreed_charge(disputed, localstripe):
    client, booking, card = disputed
    page = client.get(f"/officers/disputes/{booking.id}")
    assert "The agreed charge for what was recorded is £20." in page.text

    done = client.post(f"/payments/disputes/{booking.id}/resolve", data={"outcome": "agreed"})

    assert done.status_code == 302
    db.session.refresh(booking)
    assert booking.status is BookingStatus.CONFIRMED
    [payment] = payments()
    assert payment.status is PaymentStatus.SUCCEEDED and payment.amount_pence == 2000
    assert [i["amount"] for i in stripe_intents(localstripe, card.stripe_customer_id)] == [2000]


def test_an_officer_confirms_with_a_smaller_amount_never_more_than_agreed(disputed, localstripe):
    client, booking, _ = disputed
    too_much = client.post(
        f"/payments/disputes/{booking.id}/resolve", data={"outcome": "smaller", "amount": "25"}
    )
    assert too_much.status_code == 400 and "up to the agreed charge of £20" in too_much.text
    nonsense = client.post(
        f"/payments/disputes/{booking.id}/resolve", data={"outcome": "smaller", "amount": "ten"}
    )
    assert nonsense.status_code == 400 and "Enter the amount in pounds, like 12.50" in nonsense.text
    assert payments() == []

    done = client.post(
        f"/payments/disputes/{booking.id}/resolve", data={"outcome": "smaller", "amount": "10.50"}
    )

    assert done.status_code == 302
    [payment] = payments()
    assert payment.amount_pence == 1050 and payment.status is PaymentStatus.SUCCEEDED


def test_an_officer_cancels_with_nothing_charged(disputed):
    client, booking, _ = disputed
    done = client.post(
        f"/payments/disputes/{booking.id}/resolve", data={"outcome": "nothing", "note": "Not delivered"}
    )
    assert done.status_code == 302
    db.session.refresh(booking)
    assert booking.status is BookingStatus.NOT_CHARGED
    assert payments() == []
    assert life.provider_cancellation_count(db.session, booking.business_id) == 0
    # Neither side is told that they, or the other, cancelled it.
    assert life.status_words(booking, for_provider=False) == "Not charged: settled by the council"
    assert life.status_words(booking, for_provider=True) == "Not charged: settled by the council"
    # Resolved once: a second decision finds nothing to resolve.
    assert (
        client.post(f"/payments/disputes/{booking.id}/resolve", data={"outcome": "agreed"}).status_code == 404
    )


def test_an_officer_refunds_part_then_cannot_refund_more_than_is_left(disputed):
    client, booking, _ = disputed
    client.post(f"/payments/disputes/{booking.id}/resolve", data={"outcome": "agreed"})
    [payment] = payments()
    page = client.get(f"/payments/{payment.id}/refund")
    assert page.status_code == 200 and "Left to refund" in page.text

    assert (
        client.post(f"/payments/{payment.id}/refund", data={"amount": "5", "reason": ""}).status_code == 400
    )
    done = client.post(f"/payments/{payment.id}/refund", data={"amount": "5", "reason": "Arrived late"})
    assert done.status_code == 302
    db.session.refresh(payment)
    assert payment.refunded_pence == 500
    too_much = client.post(f"/payments/{payment.id}/refund", data={"amount": "15.01", "reason": "More"})
    assert too_much.status_code == 400 and "up to £15" in too_much.text
    db.session.refresh(payment)
    assert payment.refunded_pence == 500


@pytest.mark.parametrize("who", ["person@example.org", "provider@example.org"])
def test_only_officers_resolve_and_refund(disputed, who):
    client, booking, _ = disputed
    sign_in(client, who)
    assert (
        client.post(f"/payments/disputes/{booking.id}/resolve", data={"outcome": "agreed"}).status_code == 403
    )
    assert client.get("/payments/anything/refund").status_code == 403
    assert payments() == []


@pytest.mark.parametrize(
    ("text", "pence"),
    [
        ("12.50", 1250),
        ("£12", 1200),
        ("0.5", 50),
        ("1,000", 100000),
        ("12.345", None),
        ("", None),
        ("-3", None),
    ],
)
def test_pounds_are_read_as_pence(text, pence):
    assert pounds_to_pence(text) == pence
