"""Reviews: after a confirmed visit the person may give 1 to 5 stars and a few words. An officer approves
a review before anyone else sees it, and the provider may reply once."""

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from web.extensions import db
from web.models.accounts import User
from web.models.base import str_enum, utcnow
from web.models.marketplace import Booking, ProviderBusiness

MAX_REVIEW_CHARACTERS = 500


class ReviewStatus(enum.StrEnum):
    WAITING = "waiting"  # for an officer to read it
    APPROVED = "approved"  # shown on the listing
    REFUSED = "refused"  # never shown; the reason is kept for the person

    @property
    def label(self) -> str:
        return {
            "waiting": "Waiting for an officer to check it",
            "approved": "Shown on the listing",
            "refused": "Not shown",
        }[self.value]


class Review(db.Model):
    __tablename__ = "review"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    booking_id: Mapped[str] = mapped_column(ForeignKey("booking.id"), unique=True)  # one per booking
    # Copied from the booking so the listing's summary is one query on this table.
    service_id: Mapped[str] = mapped_column(ForeignKey("service.id"), index=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("provider_business.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    stars: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[ReviewStatus] = mapped_column(
        str_enum(ReviewStatus), default=ReviewStatus.WAITING, index=True
    )
    refused_reason: Mapped[str | None] = mapped_column(String(500))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    reply: Mapped[str | None] = mapped_column(Text)  # the provider's, once; never changed after
    replied_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    booking: Mapped[Booking] = relationship()
    business: Mapped[ProviderBusiness] = relationship()
    author: Mapped[User] = relationship(foreign_keys=[author_id])

    __table_args__ = (CheckConstraint("stars BETWEEN 1 AND 5", name="review_stars_one_to_five"),)
