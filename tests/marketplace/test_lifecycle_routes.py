"""The booking pages x (anonymous, person, another person, provider, another provider, officer)."""

import pytest

from tests.factories import make_bookable_provider, make_user
from tests.marketplace.test_lifecycle_steps import make_booking
from web.extensions import db
from web.models.accounts import Role
from web.models.marketplace import Booking, BookingStatus

PASSWORD = "correct horse battery"


@pytest.fixture
def setup(client):
    business, offering, _provider = make_bookable_provider()
    make_bookable_provider("Bryn Helpers", owner_email="bryn@example.org")
    person = make_user("person@example.org")
    make_user("other@example.org")
    make_user("officer@example.org", role=Role.OFFICER)
    booking = make_booking(business, offering, person)
    return client, booking


ACCOUNTS = {
    "person": "person@example.org",
    "another person": "other@example.org",
    "provider": "provider@example.org",
    "another provider": "bryn@example.org",
    "officer": "officer@example.org",
}
DETAIL = {
    "anonymous": 302,
    "person": 200,
    "another person": 404,
    "provider": 200,
    "another provider": 404,
    "officer": 404,
}


def sign_in(client, who):
    if who != "anonymous":
        client.post("/account/sign-in", data={"email": ACCOUNTS[who], "password": PASSWORD})


@pytest.mark.parametrize(("who", "status"), DETAIL.items())
def test_who_sees_a_booking(setup, who, status):
    client, booking = setup
    sign_in(client, who)
    assert client.get(f"/bookings/{booking.id}").status_code == status
    assert client.post(f"/bookings/{booking.id}/messages", data={"body": "hi"}).status_code in (
        {302} if status in (200, 302) else {404}
    )
    listing = client.get("/bookings")
    assert listing.status_code == (302 if who == "anonymous" else 200)


def test_the_provider_accepts_from_the_page_and_the_address_appears(setup):
    client, booking = setup
    sign_in(client, "provider")
    assert "1 Example Road" not in client.get(f"/bookings/{booking.id}").text
    assert client.post(f"/bookings/{booking.id}/accept").status_code == 302
    assert "1 Example Road" in client.get(f"/bookings/{booking.id}").text
    assert client.post(f"/bookings/{booking.id}/accept").status_code == 400
    assert client.post(f"/bookings/{booking.id}/messages", data={"body": " "}).status_code == 400


def test_the_person_cancels_with_the_fee_they_were_shown(setup):
    client, booking = setup
    sign_in(client, "person")
    assert "Cancelling now is free" in client.get(f"/bookings/{booking.id}").text
    assert (
        client.post(f"/bookings/{booking.id}/cancel", data={"expected_fee_pence": "500"}).status_code == 400
    )
    assert client.post(f"/bookings/{booking.id}/cancel", data={"expected_fee_pence": "0"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Booking, booking.id).status == BookingStatus.CANCELLED_BY_PERSON


@pytest.mark.parametrize(("who", "status"), [("person", 403), ("provider", 403), ("officer", 200)])
def test_only_officers_see_disputes_and_the_reading_is_recorded(setup, who, status):
    from web.models.marketplace import ThreadAccess

    client, booking = setup
    sign_in(client, who)
    assert client.get("/officers/disputes").status_code == status
    if who == "officer":
        assert client.get(f"/officers/disputes/{booking.id}").status_code == 404  # not disputed
        booking.status = BookingStatus.DISPUTED
        db.session.commit()
        assert client.get(f"/officers/disputes/{booking.id}").status_code == 200
        assert db.session.query(ThreadAccess).count() == 1


def _status_on_pages(client, booking, who):
    client.post("/account/sign-out")
    sign_in(client, who)
    return client.get(f"/bookings/{booking.id}").text, client.get("/bookings").text


@pytest.mark.parametrize(
    ("step", "canceller", "person_reads", "provider_reads"),
    [
        ("cancel", "person", "Cancelled by you", "Cancelled by Sam"),
        ("provider-cancel", "provider", "Cancelled by the provider", "Cancelled by you"),
        ("decline", "provider", "Declined by the provider", "Declined by you"),
    ],
)
def test_each_side_reads_its_own_wording(setup, step, canceller, person_reads, provider_reads):
    client, booking = setup
    sign_in(client, canceller)
    data = {"expected_fee_pence": "0"} if step == "cancel" else {"reason": "Unwell today"}
    assert client.post(f"/bookings/{booking.id}/{step}", data=data).status_code == 302
    for who, reads, other in (
        ("person", person_reads, provider_reads),
        ("provider", provider_reads, person_reads),
    ):
        page, listing = _status_on_pages(client, booking, who)
        assert reads in page and reads in listing
        assert other not in page and other not in listing
