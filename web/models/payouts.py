"""Payouts: what the council pays each provider for the card payments it collected on their behalf.

Each week an officer exports one file for the council's BACS run: one Payout per provider for everything
not yet paid out up to the week's end. A PayoutItem ties each payment, and each refund, to exactly one
payout (the unique constraints), so nothing is paid twice however many officers export at once. A refund
made after its payment was paid out is a negative item in the next payout.
"""

import enum
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from web.extensions import db
from web.models.accounts import User
from web.models.base import str_enum, utcnow
from web.models.marketplace import ProviderBusiness
from web.models.payments import Payment, Refund


class PayoutStatus(enum.StrEnum):
    EXPORTED = "exported"  # in a payout file sent to finance, not yet confirmed as paid
    PAID = "paid"  # finance has paid it by BACS

    @property
    def label(self) -> str:
        return {"exported": "Sent to finance", "paid": "Paid"}[self.value]


class Payout(db.Model):
    __tablename__ = "payout"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("provider_business.id"), index=True)
    week_ending: Mapped[date] = mapped_column(Date, index=True)  # a Sunday
    amount_pence: Mapped[int] = mapped_column(Integer)
    sessions: Mapped[int] = mapped_column(Integer)  # visits paid for in it
    # What the BACS payment carries, so the provider can match it to their bank statement.
    reference: Mapped[str] = mapped_column(String(18), unique=True)
    status: Mapped[PayoutStatus] = mapped_column(str_enum(PayoutStatus), default=PayoutStatus.EXPORTED)
    exported_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    exported_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    paid_on: Mapped[date | None] = mapped_column(Date)  # the date finance paid it
    paid_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    marked_paid_at: Mapped[datetime | None] = mapped_column(DateTime)

    business: Mapped[ProviderBusiness] = relationship()
    paid_by: Mapped[User | None] = relationship(foreign_keys=[paid_by_id])
    items: Mapped[list["PayoutItem"]] = relationship(back_populates="payout", order_by="PayoutItem.id")

    __table_args__ = (
        UniqueConstraint("business_id", "week_ending", name="one_payout_per_business_and_week"),
        CheckConstraint("amount_pence > 0", name="payout_amount_positive"),
    )


class PayoutItem(db.Model):
    """One line of a payout: a payment (what was charged less the council's fee) or a refund (negative)."""

    __tablename__ = "payout_item"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    payout_id: Mapped[int] = mapped_column(ForeignKey("payout.id"), index=True)
    payment_id: Mapped[str | None] = mapped_column(ForeignKey("payment.id"), unique=True)
    refund_id: Mapped[str | None] = mapped_column(ForeignKey("refund.id"), unique=True)
    amount_pence: Mapped[int] = mapped_column(Integer)

    payout: Mapped[Payout] = relationship(back_populates="items")
    payment: Mapped[Payment | None] = relationship()
    refund: Mapped[Refund | None] = relationship()

    __table_args__ = (
        CheckConstraint(
            "(payment_id IS NULL) <> (refund_id IS NULL)", name="payout_item_is_a_payment_or_a_refund"
        ),
    )
