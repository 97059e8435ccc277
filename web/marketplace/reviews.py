"""Reviews of visits: only the person who booked a confirmed visit may write one, an officer approves it
before it shows on the listing, and the provider may reply once."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from web.form_fields import strip_control_characters
from web.models.accounts import User
from web.models.marketplace import Booking, BookingStatus, ProviderBusiness
from web.models.reviews import MAX_REVIEW_CHARACTERS, Review, ReviewStatus

MAX_REASON_CHARACTERS = 500
STARS = (5, 4, 3, 2, 1)


class ReviewProblems(Exception):
    """What is wrong, by form field, in words to show beside it."""

    def __init__(self, problems: dict[str, str]):
        super().__init__("; ".join(problems.values()))
        self.problems = problems


class ReviewNotFound(Exception):
    """No such review, or not one this person may act on (shown as 404)."""


def may_review(user: User, booking: Booking) -> bool:
    """Only the person who booked it, and only once the visit is confirmed as having taken place."""
    return (
        user.is_authenticated and user.id == booking.booker_id and booking.status is BookingStatus.CONFIRMED
    )


def review_of(session: Session, booking: Booking) -> Review | None:
    return session.scalar(select(Review).where(Review.booking_id == booking.id))


def _written_text(text: str | None, field: str, missing: str, what: str, limit: int) -> str:
    cleaned = strip_control_characters(text) or ""
    if not cleaned:
        raise ReviewProblems({field: missing})
    if len(cleaned) > limit:
        raise ReviewProblems({field: f"{what} must be {limit} characters or fewer"})
    return cleaned


def write_review(
    session: Session, user: User, booking: Booking, stars: str | None, text: str | None, now: datetime
) -> Review:
    """The person's review of their confirmed visit, waiting for an officer. Commits."""
    if not may_review(user, booking):
        raise ReviewNotFound
    problems = {}
    if (stars or "").strip() not in {str(s) for s in STARS}:
        problems["stars"] = "Choose how many stars, from 1 to 5"
    try:
        cleaned = _written_text(
            text, "text", "Write a few words about the visit", "Your review", MAX_REVIEW_CHARACTERS
        )
    except ReviewProblems as error:
        problems |= error.problems
    if problems:
        raise ReviewProblems(problems)
    review = Review(
        booking_id=booking.id,
        service_id=booking.offering.service_id,
        business_id=booking.business_id,
        author_id=user.id,
        stars=int(stars.strip()),
        text=cleaned,
        created_at=now,
    )
    session.add(review)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise ReviewProblems({"text": "You have already reviewed this visit"}) from None
    return review


def waiting_reviews(session: Session) -> list[Review]:
    return list(
        session.scalars(
            select(Review).where(Review.status == ReviewStatus.WAITING).order_by(Review.created_at, Review.id)
        )
    )


def waiting_review(session: Session, review_id: int) -> Review:
    review = session.get(Review, review_id)
    if review is None or review.status is not ReviewStatus.WAITING:
        raise ReviewNotFound
    return review


def _decide(session: Session, review: Review, officer: User, now: datetime, **values) -> None:
    """Only a waiting review can be decided: a second officer's click changes nothing."""
    result = session.execute(
        update(Review)
        .where(Review.id == review.id, Review.status == ReviewStatus.WAITING)
        .values(decided_by_id=officer.id, decided_at=now, **values)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    session.refresh(review)
    if result.rowcount != 1:
        raise ReviewNotFound


def approve(session: Session, review: Review, officer: User, now: datetime) -> None:
    _decide(session, review, officer, now, status=ReviewStatus.APPROVED)


def refuse(session: Session, review: Review, officer: User, reason: str | None, now: datetime) -> None:
    cleaned = _written_text(
        reason, "reason", "Enter why the review is not shown", "The reason", MAX_REASON_CHARACTERS
    )
    _decide(session, review, officer, now, status=ReviewStatus.REFUSED, refused_reason=cleaned)


def reviews_of_business(session: Session, business: ProviderBusiness) -> list[Review]:
    """The business's approved reviews, newest first: the ones it may reply to."""
    return list(
        session.scalars(
            select(Review)
            .where(Review.business_id == business.id, Review.status == ReviewStatus.APPROVED)
            .order_by(Review.created_at.desc(), Review.id.desc())
        )
    )


def approved_review_of_business(session: Session, business: ProviderBusiness, review_id: int) -> Review:
    review = session.get(Review, review_id)
    if review is None or review.business_id != business.id or review.status is not ReviewStatus.APPROVED:
        raise ReviewNotFound
    return review


def reply(session: Session, review: Review, text: str | None, now: datetime) -> None:
    """The provider's one reply; once written it cannot be changed. Commits."""
    cleaned = _written_text(text, "reply", "Write your reply", "Your reply", MAX_REVIEW_CHARACTERS)
    result = session.execute(
        update(Review)
        .where(Review.id == review.id, Review.reply.is_(None))
        .values(reply=cleaned, replied_at=now)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    session.refresh(review)
    if result.rowcount != 1:
        raise ReviewProblems({"reply": "You have already replied to this review"})


@dataclass(frozen=True)
class ShownReview:
    """What the public listing shows of one approved review: never who wrote it."""

    stars: int
    text: str
    reply: str | None


@dataclass(frozen=True)
class ListingReviews:
    count: int
    average: float | None  # to one decimal place
    reviews: list[ShownReview]

    @property
    def average_text(self) -> str:
        return f"{self.average:.1f}" if self.average is not None else ""


def listing_reviews(session: Session, service_id: str) -> ListingReviews:
    """The listing's approved reviews with their average and count, in one query."""
    reviews = list(
        session.scalars(
            select(Review)
            .where(Review.service_id == service_id, Review.status == ReviewStatus.APPROVED)
            .order_by(Review.created_at.desc(), Review.id.desc())
        )
    )
    average = round(sum(r.stars for r in reviews) / len(reviews), 1) if reviews else None
    # Plain values, so the listing page can keep them while the listing stays the same.
    return ListingReviews(len(reviews), average, [ShownReview(r.stars, r.text, r.reply) for r in reviews])
