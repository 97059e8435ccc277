"""Reviews: written only after a confirmed visit by the person who booked it, shown on the listing only
once an officer approves it, with the provider's one reply."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup

from tests.factories import make_bookable_provider, make_booking, make_user
from web.extensions import db
from web.marketplace import reviews
from web.models import Booking, User
from web.models.accounts import Role
from web.models.base import utcnow
from web.models.marketplace import BookingStatus
from web.models.reviews import Review, ReviewStatus

PASSWORD = "correct horse battery"


@pytest.fixture
def world(client):
    business, offering, _ = make_bookable_provider()
    other, other_offering, _ = make_bookable_provider("Other Helpers", owner_email="other@example.org")
    person = make_user("person@example.org")
    make_user("another@example.org")
    make_user("officer@example.org", role=Role.OFFICER)
    confirmed = make_booking(
        business, offering, person, starts_in=timedelta(days=-3), status=BookingStatus.CONFIRMED
    )
    delivered = make_booking(
        business, offering, person, starts_in=timedelta(days=-2), status=BookingStatus.DELIVERED
    )
    other_booking = make_booking(
        other, other_offering, person, starts_in=timedelta(days=-4), status=BookingStatus.CONFIRMED
    )
    return {
        "business": business,
        "service": offering.service_id,
        "other_service": other_offering.service_id,
        "confirmed": confirmed.id,
        "delivered": delivered.id,
        "other_booking": other_booking.id,
    }


def sign_in(client, email):
    assert client.post("/account/sign-in", data={"email": email, "password": PASSWORD}).status_code == 302


def sign_out(client):
    client.post("/account/sign-out")


def _soup(response):
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def _text(response) -> str:
    return " ".join(_soup(response).get_text().split())


def _reviews() -> list[Review]:
    db.session.expire_all()
    return list(db.session.scalars(db.select(Review)))


def _field_error(response, field_id: str) -> str:
    """The message GOV.UK puts beside the field (inside its form group)."""
    soup = _soup(response)
    group = soup.find(id=field_id).find_parent(class_="govuk-form-group")
    return " ".join(group.select_one(".govuk-error-message").get_text().split())


def _write(client, booking_id, stars="4", text="Kind and on time."):
    return client.post(f"/bookings/{booking_id}/review", data={"stars": stars, "text": text})


def test_a_review_is_shown_once_approved_with_the_providers_one_reply(client, world):
    sign_in(client, "person@example.org")
    booking_page = _text(client.get(f"/bookings/{world['confirmed']}"))
    assert "Review this visit" in booking_page
    assert "Review this visit" not in _text(client.get(f"/bookings/{world['delivered']}"))

    assert _write(client, world["confirmed"], "4", "  Kind and on time.\x07 ").status_code == 302
    (review,) = _reviews()
    assert (review.stars, review.text, review.status) == (4, "Kind and on time.", ReviewStatus.WAITING)
    assert "Waiting for an officer" in _text(client.get(f"/bookings/{world['confirmed']}/review"))
    # Not shown until an officer approves it.
    assert "What people say" not in _text(client.get(f"/services/{world['service']}"))
    sign_out(client)

    sign_in(client, "officer@example.org")
    assert "Kind and on time." in _text(client.get("/officers/reviews"))
    assert client.post(f"/officers/reviews/{review.id}/approve").status_code == 302
    sign_out(client)

    listing = _text(client.get(f"/services/{world['service']}"))
    assert "Average 4.0 out of 5 stars from 1 review" in listing
    assert "Kind and on time." in listing
    assert "What people say" not in _text(client.get(f"/services/{world['other_service']}"))

    sign_in(client, "provider@example.org")
    empty = client.post(f"/provider/reviews/{review.id}/reply", data={"reply": "  "})
    assert empty.status_code == 400
    assert _field_error(empty, "reply") == "Error: Write your reply"
    assert (
        client.post(f"/provider/reviews/{review.id}/reply", data={"reply": "Thank you, Sam."}).status_code
        == 302
    )
    again = client.post(f"/provider/reviews/{review.id}/reply", data={"reply": "A changed reply."})
    assert again.status_code == 400
    assert "You have already replied to this review" in _text(again)
    assert _reviews()[0].reply == "Thank you, Sam."
    sign_out(client)

    assert "The provider replied: Thank you, Sam." in _text(client.get(f"/services/{world['service']}"))


def test_the_average_counts_only_approved_reviews(world):
    business, offering, _ = make_bookable_provider("Third Helpers", owner_email="third@example.org")
    people = [make_user(f"p{i}@example.org") for i in range(3)]
    officer = db.session.scalar(db.select(User).filter_by(email="officer@example.org"))
    made = []
    for booker, stars in zip(people, ("5", "4", "1"), strict=True):
        booking = make_booking(
            business, offering, booker, starts_in=timedelta(days=-3), status=BookingStatus.CONFIRMED
        )
        made.append(reviews.write_review(db.session, booker, booking, stars, "Fine.", utcnow()))
    reviews.approve(db.session, made[0], officer, utcnow())
    reviews.approve(db.session, made[1], officer, utcnow())
    reviews.refuse(db.session, made[2], officer, "It names a member of staff.", utcnow())

    summary = reviews.listing_reviews(db.session, offering.service_id)
    assert (summary.count, summary.average_text) == (2, "4.5")
    assert [r.stars for r in summary.reviews] == [4, 5]  # newest first
    with pytest.raises(reviews.ReviewNotFound):
        reviews.approve(db.session, made[2], officer, utcnow())  # already decided


@pytest.mark.parametrize(
    ("stars", "text", "field", "message"),
    [
        ("", "Good.", "stars", "Choose how many stars, from 1 to 5"),
        ("6", "Good.", "stars", "Choose how many stars, from 1 to 5"),
        ("0", "Good.", "stars", "Choose how many stars, from 1 to 5"),
        ("three", "Good.", "stars", "Choose how many stars, from 1 to 5"),
        ("3", "", "text", "Write a few words about the visit"),
        ("3", "   \x00 ", "text", "Write a few words about the visit"),
        ("3", "x" * 501, "text", "Your review must be 500 characters or fewer"),
    ],
)
def test_bad_input_is_refused_beside_the_field_and_nothing_is_written(
    client, world, stars, text, field, message
):
    sign_in(client, "person@example.org")
    response = _write(client, world["confirmed"], stars, text)
    assert response.status_code == 400
    assert _field_error(response, field) == f"Error: {message}"
    assert _text(response).startswith("Error:")
    assert _reviews() == []


def test_exactly_500_characters_is_accepted(client, world):
    sign_in(client, "person@example.org")
    assert _write(client, world["confirmed"], "5", "x" * 500).status_code == 302


def test_no_review_without_a_confirmed_visit_or_twice(client, world):
    sign_in(client, "person@example.org")
    assert _write(client, world["delivered"]).status_code == 404
    assert _write(client, world["confirmed"]).status_code == 302
    second = _write(client, world["confirmed"], "1", "Changed my mind.")
    assert second.status_code == 200  # shows the review already written
    assert "You can review each visit once" in _text(second)
    assert [(r.stars, r.text) for r in _reviews()] == [(4, "Kind and on time.")]


def test_an_officer_refuses_with_a_reason_the_person_sees(client, world):
    sign_in(client, "person@example.org")
    _write(client, world["confirmed"], "2", "The carer was called Jo Bloggs at 1 High St.")
    sign_out(client)
    (review,) = _reviews()
    sign_in(client, "officer@example.org")
    empty = client.post(f"/officers/reviews/{review.id}/refuse", data={"reason": ""})
    assert empty.status_code == 400
    assert _field_error(empty, "reason") == "Error: Enter why the review is not shown"
    too_long = client.post(f"/officers/reviews/{review.id}/refuse", data={"reason": "x" * 501})
    assert too_long.status_code == 400
    assert _field_error(too_long, "reason") == "Error: The reason must be 500 characters or fewer"
    assert _reviews()[0].status is ReviewStatus.WAITING
    done = client.post(
        f"/officers/reviews/{review.id}/refuse", data={"reason": "It gives a name and address."}
    )
    assert done.status_code == 302
    assert client.post(f"/officers/reviews/{review.id}/approve").status_code == 404  # already decided
    sign_out(client)
    sign_in(client, "person@example.org")
    assert "Not shown: It gives a name and address." in _text(
        client.get(f"/bookings/{world['confirmed']}/review")
    )
    sign_out(client)
    assert "Jo Bloggs" not in _text(client.get(f"/services/{world['service']}"))


WHO = {
    "anonymous": None,
    "person": "person@example.org",
    "another person": "another@example.org",
    "provider": "provider@example.org",
    "another provider": "other@example.org",
    "officer": "officer@example.org",
}
STAFF_ONLY = {"person": 403, "another person": 403, "provider": 403, "another provider": 403}


@pytest.fixture
def approved_review(world):
    booking = db.session.get(Booking, world["confirmed"])
    review = reviews.write_review(db.session, booking.booker, booking, "5", "Lovely.", utcnow())
    reviews.approve(
        db.session, review, db.session.scalar(db.select(User).filter_by(role=Role.OFFICER)), utcnow()
    )
    waiting_booking = db.session.get(Booking, world["other_booking"])
    waiting = reviews.write_review(
        db.session, waiting_booking.booker, waiting_booking, "3", "Fine.", utcnow()
    )
    return {"approved": review.id, "waiting": waiting.id}


@pytest.mark.parametrize("who", list(WHO))
def test_access_matrix(client, world, approved_review, who):
    ids = {**world, **approved_review}
    routes = [
        # Only the person who booked may review it; anyone else is told nothing about the booking.
        (
            "GET",
            "/bookings/{delivered}/review",
            {
                "anonymous": 302,
                "person": 404,
                "another person": 404,
                "provider": 404,
                "another provider": 404,
                "officer": 404,
            },
        ),
        (
            "POST",
            "/bookings/{delivered}/review",
            {
                "anonymous": 302,
                "person": 404,
                "another person": 404,
                "provider": 404,
                "another provider": 404,
                "officer": 404,
            },
        ),
        (
            "GET",
            "/bookings/{confirmed}/review",
            {
                "anonymous": 302,
                "person": 200,
                "another person": 404,
                "provider": 404,
                "another provider": 404,
                "officer": 404,
            },
        ),
        ("GET", "/officers/reviews", {"anonymous": 302, **STAFF_ONLY, "officer": 200}),
        ("POST", "/officers/reviews/{waiting}/refuse", {"anonymous": 302, **STAFF_ONLY, "officer": 400}),
        ("POST", "/officers/reviews/{approved}/approve", {"anonymous": 302, **STAFF_ONLY, "officer": 404}),
        (
            "GET",
            "/provider/reviews",
            {
                "anonymous": 302,
                "person": 403,
                "another person": 403,
                "provider": 200,
                "another provider": 200,
                "officer": 403,
            },
        ),
        # A provider replies only to their own business's reviews.
        (
            "POST",
            "/provider/reviews/{approved}/reply",
            {
                "anonymous": 302,
                "person": 403,
                "another person": 403,
                "provider": 400,
                "another provider": 404,
                "officer": 403,
            },
        ),
        (
            "POST",
            "/provider/reviews/{waiting}/reply",
            {
                "anonymous": 302,
                "person": 403,
                "another person": 403,
                "provider": 404,
                "another provider": 404,
                "officer": 403,
            },
        ),
        ("POST", "/officers/reviews/{waiting}/approve", {"anonymous": 302, **STAFF_ONLY, "officer": 302}),
    ]
    if WHO[who]:
        sign_in(client, WHO[who])
    for method, template, expected in routes:
        path = template.format(**ids)
        response = client.open(path, method=method)
        assert response.status_code == expected[who], (who, method, path)


def test_a_review_without_the_forms_token_is_refused_and_not_written(csrf_client, world):
    page = BeautifulSoup(csrf_client.get("/account/sign-in").get_data(as_text=True), "html.parser")
    token = page.find("input", attrs={"name": "csrf_token"})["value"]
    data = {"email": "person@example.org", "password": PASSWORD, "csrf_token": token}
    assert csrf_client.post("/account/sign-in", data=data).status_code == 302
    assert _write(csrf_client, world["confirmed"]).status_code == 400
    assert _reviews() == []
