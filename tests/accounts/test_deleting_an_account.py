"""Deleting an account that has booked and paid: the person is erased, the council's record of what was
bought and paid stays (without them), and nothing can be deleted while a visit or payment is unfinished."""

import json
from datetime import date, timedelta

import pytest
import requests
from sqlalchemy import func, select

from tests.factories import make_bookable_provider, make_booking, make_saved_card, make_user
from tests.payments.money import PASSWORD, delivered, payments, provider_and_person, save_card, sign_in
from web.extensions import db
from web.models import Booking, BookingEvent, BookingMessage, BookingStatus, User
from web.models.accounts import Role
from web.models.budgets import Budget, BudgetPeriod
from web.models.payments import HolderKind, MoneyHolder, PaymentStatus, SavedCard


@pytest.fixture
def world(client):
    return provider_and_person(client)


def _confirmed_paid_visit(world, localstripe):
    """A visit the person booked, had, confirmed and paid for by card, with a message and a budget."""
    save_card(localstripe, world["person"])
    booking = delivered(
        world["business"],
        world["offering"],
        world["person"],
        world["provider"],
        what_matters="I use a wheelchair",
        booked_for="Mum",
    )
    db.session.add(BookingMessage(booking=booking, sender_id=world["person"].id, body="Please knock loudly."))
    db.session.add(
        Budget(
            user_id=world["person"].id,
            amount_pence=10000,
            period=BudgetPeriod.WEEK,
            starts_on=date(2026, 1, 5),
        )
    )
    db.session.commit()
    sign_in(world["client"], "person@example.org")
    assert world["client"].post(f"/bookings/{booking.id}/confirm").status_code == 302
    [payment] = payments()
    assert payment.status is PaymentStatus.SUCCEEDED
    return booking


def _stripe_customer(localstripe: str, customer_id: str) -> int:
    response = requests.get(
        f"{localstripe}/v1/customers/{customer_id}", auth=("sk_test_localstripe", ""), timeout=10
    )
    return response.status_code


def test_a_person_who_has_paid_is_erased_and_the_record_of_what_they_paid_stays(world, localstripe):
    booking = _confirmed_paid_visit(world, localstripe)
    customer_id = db.session.scalar(select(SavedCard.stripe_customer_id))
    client = world["client"]
    sign_in(client, "person@example.org")

    page = client.get("/account/delete")
    assert page.status_code == 200 and "Yes, delete my account" in page.text
    assert client.post("/account/delete").status_code == 302

    db.session.expire_all()
    erased = db.session.get(User, world["person"].id)
    assert erased.display_name == "Deleted account"
    assert "person@example.org" not in erased.email and not erased.is_active
    assert db.session.scalar(select(func.count()).select_from(SavedCard)) == 0
    assert db.session.scalar(select(func.count()).select_from(Budget)) == 0
    assert _stripe_customer(localstripe, customer_id) == 404  # the card is gone from Stripe too

    kept = db.session.get(Booking, booking.id)
    assert kept.status is BookingStatus.CONFIRMED and kept.total_pence == 2000
    assert (kept.visit_address, kept.what_matters, kept.booked_for) == (None, None, None)
    [payment] = payments()
    assert payment.payer_id == erased.id and payment.amount_pence == 2000
    assert [message.body for message in kept.messages] == ["Please knock loudly."]

    # The old email signs nobody in, and can make a new account.
    signed_in = client.post("/account/sign-in", data={"email": "person@example.org", "password": PASSWORD})
    assert signed_in.status_code == 400
    registered = client.post(
        "/account/register",
        data={
            "display_name": "Sam",
            "email": "person@example.org",
            "password": PASSWORD,
            "confirm_password": PASSWORD,
            "role": "person",
        },
    )
    assert registered.status_code == 302


def test_an_account_that_nothing_points_at_is_removed_outright(client):
    make_user("sam@example.org")
    sign_in(client, "sam@example.org")
    assert client.post("/account/delete").status_code == 302
    assert db.session.scalar(select(func.count()).select_from(User)) == 0


@pytest.mark.parametrize(
    "status",
    [BookingStatus.REQUESTED, BookingStatus.ACCEPTED, BookingStatus.DELIVERED, BookingStatus.DISPUTED],
)
def test_an_unfinished_booking_stops_the_deletion_and_says_what_to_do(world, status):
    make_booking(world["business"], world["offering"], world["person"], status=status)
    client = world["client"]
    sign_in(client, "person@example.org")

    page = client.get("/account/delete")
    assert page.status_code == 200
    assert "You cannot delete your account yet" in page.text
    assert "1 booking has not finished yet." in page.text
    assert "Yes, delete my account" not in page.text
    assert 'href="/bookings"' in page.text

    refused = client.post("/account/delete")
    assert refused.status_code == 409
    db.session.expire_all()
    person = db.session.get(User, world["person"].id)
    assert person.email == "person@example.org" and person.is_active
    assert db.session.scalar(select(Booking.visit_address)) is not None


def test_a_payment_still_owed_stops_the_deletion(world, localstripe):
    booking = _confirmed_paid_visit(world, localstripe)
    [payment] = payments()
    payment.status = PaymentStatus.PAYMENT_NEEDED
    db.session.commit()
    client = world["client"]
    sign_in(client, "person@example.org")

    page = client.get("/account/delete")
    assert "1 payment has not been made yet." in page.text
    assert client.post("/account/delete").status_code == 409
    assert db.session.get(Booking, booking.id).what_matters == "I use a wheelchair"


def test_when_the_card_cannot_be_removed_from_stripe_nothing_is_deleted(world):
    # Stripe is not reachable here (the test config points it at a port where nothing listens).
    make_saved_card(world["person"])
    db.session.add(
        MoneyHolder(
            user_id=world["person"].id, kind=HolderKind.ISF, name="Care Co", email="a@b.org", reference="R1"
        )
    )
    db.session.commit()
    client = world["client"]
    sign_in(client, "person@example.org")

    response = client.post("/account/delete")
    assert response.status_code == 503
    assert "nothing has been deleted" in response.text
    db.session.expire_all()
    assert db.session.get(User, world["person"].id).email == "person@example.org"
    assert db.session.scalar(select(func.count()).select_from(SavedCard)) == 1
    assert db.session.scalar(select(func.count()).select_from(MoneyHolder)) == 1
    assert client.get("/account").status_code == 200  # still signed in


def test_the_only_provider_of_a_business_with_bookings_under_way_cannot_leave_it_stranded(world):
    make_booking(world["business"], world["offering"], world["person"], status=BookingStatus.ACCEPTED)
    client = world["client"]
    sign_in(client, "provider@example.org")
    page = client.get("/account/delete")
    assert "Your business has bookings that have not finished yet." in page.text
    assert client.post("/account/delete").status_code == 409

    # With a colleague to take the bookings on, they can go.
    colleague = make_user("colleague@example.org", role=Role.PROVIDER)
    colleague.organization = world["provider"].organization
    db.session.commit()
    assert client.post("/account/delete").status_code == 302
    db.session.expire_all()
    assert (
        db.session.scalar(select(func.count()).select_from(User).where(User.email == "provider@example.org"))
        == 0
    )


def test_my_data_download_has_my_bookings_payments_budget_card_and_messages(world, localstripe):
    _confirmed_paid_visit(world, localstripe)
    client = world["client"]
    sign_in(client, "person@example.org")
    data = json.loads(client.get("/account/your-data.json").data)

    [booking] = data["bookings"]
    assert booking["provider"] == world["business"].trading_name
    assert (booking["what_matters"], booking["booked_for"], booking["price"]) == (
        "I use a wheelchair",
        "Mum",
        "20.00",
    )
    assert booking["messages"] == [
        {"from": "you", "sent_at": booking["messages"][0]["sent_at"], "text": "Please knock loudly."}
    ]
    [payment] = data["payments"]
    assert (payment["amount"], payment["status"]) == ("20.00", "Paid")
    [budget] = data["budgets"]
    assert (budget["amount"], budget["each"], budget["starts_on"]) == ("100.00", "week", "2026-01-05")
    assert data["saved_card"] == {"brand": "visa", "last_four_digits": "4242", "expires": "12/2034"}
    assert data["who_holds_your_direct_payment"] is None


def test_an_officer_who_decided_things_is_erased_but_the_decisions_keep_their_record(world):
    officer = make_user("officer@example.org", role=Role.OFFICER)
    booking = make_booking(
        world["business"], world["offering"], world["person"], status=BookingStatus.CONFIRMED
    )
    db.session.add(
        BookingEvent(booking=booking, status=BookingStatus.CONFIRMED, actor_id=officer.id, note="Settled")
    )
    db.session.commit()
    client = world["client"]
    sign_in(client, "officer@example.org")
    assert client.post("/account/delete").status_code == 302
    db.session.expire_all()
    assert db.session.get(User, officer.id).display_name == "Deleted account"
    assert (
        db.session.scalar(select(BookingEvent.actor_id).where(BookingEvent.note == "Settled")) == officer.id
    )


def test_deleting_needs_the_person_to_be_signed_in_and_a_csrf_token(csrf_client):
    person = make_user("person@example.org")
    make_booking(
        *make_bookable_provider()[:2], person, starts_in=timedelta(days=-30), status=BookingStatus.CONFIRMED
    )
    with csrf_client.session_transaction() as session:
        session["_user_id"] = str(person.id)
    assert csrf_client.post("/account/delete").status_code == 400
    assert db.session.get(User, person.id).email == "person@example.org"
