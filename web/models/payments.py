"""Money: what a person was charged for a booking, what was given back, their saved card, and the Stripe
events already handled.

All sums are integer pence. A Payment is one row per booking and purpose (a visit, or the fee for a
late cancellation): the unique constraint is what stops a double click, a retry or a second web process
from charging twice, and the row's id is what every Stripe call's idempotency key is made from.
"""

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from web.extensions import db
from web.models.accounts import User
from web.models.base import str_enum, utcnow, uuid_pk
from web.models.marketplace import Booking, ProviderBusiness


class PaymentPurpose(enum.StrEnum):
    VISIT = "visit"  # a confirmed visit, for the length delivered at the agreed price
    LATE_CANCELLATION = "late_cancellation"  # the fee for cancelling inside the notice period

    @property
    def label(self) -> str:
        return {"visit": "Visit", "late_cancellation": "Late cancellation fee"}[self.value]


class PaymentMethod(enum.StrEnum):
    CARD = "card"  # charged to the person's saved card through Stripe
    INVOICE = "invoice"  # invoiced to the managed account or Individual Service Fund that holds the money


class PaymentStatus(enum.StrEnum):
    """Only moves forward (see STATUS_ORDER): an old webhook arriving late changes nothing."""

    PENDING = "pending"  # written, the charge is being made (or its outcome is not known yet)
    PAYMENT_NEEDED = "payment_needed"  # declined, or the bank wants the person to authenticate
    SUCCEEDED = "succeeded"
    CANCELLED = "cancelled"  # no longer owed: an officer waived it

    @property
    def label(self) -> str:
        return {
            "pending": "Being taken",
            "payment_needed": "Payment needed",
            "succeeded": "Paid",
            "cancelled": "Not charged",
        }[self.value]


# How far along each status is: a status may change only to one further along (PAYMENT_NEEDED may also
# go back to PENDING while the person pays on the site).
STATUS_ORDER = {
    PaymentStatus.PENDING: 0,
    PaymentStatus.PAYMENT_NEEDED: 1,
    PaymentStatus.SUCCEEDED: 2,
    PaymentStatus.CANCELLED: 2,
}
# Still owed: not yet taken, or waiting for the person to pay.
OPEN_PAYMENT_STATUSES = (PaymentStatus.PENDING, PaymentStatus.PAYMENT_NEEDED)


class Payment(db.Model):
    __tablename__ = "payment"

    id: Mapped[str] = uuid_pk()
    booking_id: Mapped[str] = mapped_column(ForeignKey("booking.id"), index=True)
    purpose: Mapped[PaymentPurpose] = mapped_column(str_enum(PaymentPurpose))
    method: Mapped[PaymentMethod] = mapped_column(str_enum(PaymentMethod), default=PaymentMethod.CARD)
    # Copied from the booking so statements and payouts read one table.
    payer_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("provider_business.id"), index=True)
    amount_pence: Mapped[int] = mapped_column(Integer)
    refunded_pence: Mapped[int] = mapped_column(Integer, default=0)
    # The council's cut, if it decides to take one (PLATFORM_FEE_PERCENT; 0 by default).
    platform_fee_pence: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[PaymentStatus] = mapped_column(
        str_enum(PaymentStatus), default=PaymentStatus.PENDING, index=True
    )
    stripe_payment_intent_id: Mapped[str | None] = mapped_column(String(255), unique=True)
    # Why it failed, in words the person can act on ("Your card was declined").
    failure_message: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    succeeded_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    booking: Mapped[Booking] = relationship()
    payer: Mapped[User] = relationship()
    business: Mapped[ProviderBusiness] = relationship()
    refunds: Mapped[list["Refund"]] = relationship(
        back_populates="payment", cascade="all, delete-orphan", order_by="Refund.created_at"
    )

    __table_args__ = (
        UniqueConstraint("booking_id", "purpose", name="one_payment_per_booking_and_purpose"),
        CheckConstraint("amount_pence > 0", name="payment_amount_positive"),
        CheckConstraint(
            "refunded_pence >= 0 AND refunded_pence <= amount_pence", name="payment_refund_within_amount"
        ),
        CheckConstraint("platform_fee_pence >= 0", name="payment_fee_not_negative"),
    )

    @property
    def idempotency_key(self) -> str:
        return f"payment-{self.id}"

    @property
    def net_pence(self) -> int:
        """What the person paid in the end."""
        return self.amount_pence - self.refunded_pence if self.status is PaymentStatus.SUCCEEDED else 0


class RefundStatus(enum.StrEnum):
    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class Refund(db.Model):
    """Money given back, in full or in part: a provider cancelling after a charge, or an officer
    resolving a dispute."""

    __tablename__ = "refund"

    id: Mapped[str] = uuid_pk()
    payment_id: Mapped[str] = mapped_column(ForeignKey("payment.id"), index=True)
    amount_pence: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[RefundStatus] = mapped_column(str_enum(RefundStatus), default=RefundStatus.PENDING)
    stripe_refund_id: Mapped[str | None] = mapped_column(String(255), unique=True)
    made_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    succeeded_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)

    payment: Mapped[Payment] = relationship(back_populates="refunds")

    __table_args__ = (CheckConstraint("amount_pence > 0", name="refund_amount_positive"),)

    @property
    def idempotency_key(self) -> str:
        return f"refund-{self.id}"


class SavedCard(db.Model):
    """The person's card as Stripe holds it: we keep only Stripe's ids and what the person needs to
    recognise it (brand, last four digits, expiry), never the card number."""

    __tablename__ = "saved_card"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), unique=True)
    stripe_customer_id: Mapped[str] = mapped_column(String(255), unique=True)
    # Set once a SetupIntent has succeeded; until then only the customer exists.
    stripe_payment_method_id: Mapped[str | None] = mapped_column(String(255))
    brand: Mapped[str | None] = mapped_column(String(40))
    last4: Mapped[str | None] = mapped_column(String(4))
    exp_month: Mapped[int | None] = mapped_column(Integer)
    exp_year: Mapped[int | None] = mapped_column(Integer)
    saved_at: Mapped[datetime | None] = mapped_column(DateTime)

    user: Mapped[User] = relationship()


class StripeEvent(db.Model):
    """A webhook event already handled: Stripe sends some more than once."""

    __tablename__ = "stripe_event"

    id: Mapped[str] = mapped_column(String(255), primary_key=True)  # Stripe's evt_... id
    type: Mapped[str] = mapped_column(String(120))
    created: Mapped[datetime] = mapped_column(DateTime)  # when Stripe made it
    received_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class HolderKind(enum.StrEnum):
    MANAGED_ACCOUNT = "managed_account"
    ISF = "isf"  # an Individual Service Fund, held by a provider for the person

    @property
    def label(self) -> str:
        return {"managed_account": "A managed account", "isf": "An Individual Service Fund (ISF)"}[self.value]


class MoneyHolder(db.Model):
    """Someone else holds the person's direct payment (a managed account or an ISF provider): their
    confirmed sessions are invoiced to the holder each month instead of charged to a card."""

    __tablename__ = "money_holder"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), unique=True)
    kind: Mapped[HolderKind] = mapped_column(str_enum(HolderKind))
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(255))
    reference: Mapped[str] = mapped_column(String(60))  # the person's reference with the holder
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    user: Mapped[User] = relationship()
