"""The marketplace: micro-providers' businesses and their checks, what they sell, when they are free,
and the bookings people make with them.

Everything hangs off the directory: a provider business is one Organization (1:1), its offerings belong
to one of that organisation's listings (Service), and a booking is with the business, so one rule keeps
the business from being in two places at once whichever listing or offering was booked.

Money is integer pence. Times are stored as naive UTC (as everywhere in this schema) and shown in
Europe/London; the weekly pattern is wall-clock time in Europe/London, because that is what a provider
means by "Tuesdays 9 to 12", in summer and in winter.
"""

import enum
from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from web.extensions import db
from web.models.accounts import User
from web.models.base import str_enum, utcnow, uuid_pk
from web.models.directory import Organization, Service, TaxonomyTerm


class LegalForm(enum.StrEnum):
    SOLE_TRADER = "sole_trader"
    PARTNERSHIP = "partnership"
    LIMITED_COMPANY = "limited_company"
    CIC = "cic"
    CHARITY = "charity"
    COMMUNITY_GROUP = "community_group"

    @property
    def label(self) -> str:
        return {
            "sole_trader": "Sole trader",
            "partnership": "Partnership",
            "limited_company": "Limited company",
            "cic": "Community interest company (CIC)",
            "charity": "Charity",
            "community_group": "Community group",
        }[self.value]


class ProviderStatus(enum.StrEnum):
    """Where a business is in its checks. Only APPROVED businesses can be booked."""

    SETTING_UP = "setting_up"  # filling in the business details, checks and offerings
    AWAITING_CHECKS = "awaiting_checks"  # sent to an officer
    CHANGES_REQUESTED = "changes_requested"  # an officer asked for something (reason shown)
    APPROVED = "approved"
    SUSPENDED = "suspended"

    @property
    def label(self) -> str:
        return {
            "setting_up": "Setting up",
            "awaiting_checks": "Waiting for checks",
            "changes_requested": "Changes asked for",
            "approved": "Checked and approved",
            "suspended": "Suspended",
        }[self.value]


class ProviderBusiness(db.Model):
    """A micro-provider's business: what the marketplace knows beyond the directory's Organization."""

    __tablename__ = "provider_business"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organization_id: Mapped[str] = mapped_column(ForeignKey("organization.id"), unique=True)
    trading_name: Mapped[str] = mapped_column(String(255))
    legal_form: Mapped[LegalForm] = mapped_column(str_enum(LegalForm))
    worker_count: Mapped[int] = mapped_column(Integer)
    base_postcode: Mapped[str] = mapped_column(String(10))
    # How far they travel: miles from the base postcode, or space-separated postcode districts.
    travel_miles: Mapped[int | None] = mapped_column(Integer)
    travel_districts: Mapped[str | None] = mapped_column(Text)
    public_phone: Mapped[str] = mapped_column(String(30))
    public_email: Mapped[str] = mapped_column(String(255))
    code_of_conduct_agreed_at: Mapped[datetime | None] = mapped_column(DateTime)

    status: Mapped[ProviderStatus] = mapped_column(
        str_enum(ProviderStatus), default=ProviderStatus.SETTING_UP, index=True
    )
    # What an officer asked to be changed, shown to the provider.
    officer_reason: Mapped[str | None] = mapped_column(Text)
    approved_at: Mapped[datetime | None] = mapped_column(DateTime)

    # Booking rules for the whole business.
    minimum_notice_hours: Mapped[int] = mapped_column(Integer, default=24)
    max_bookings_per_day: Mapped[int] = mapped_column(Integer, default=4)
    travel_minutes: Mapped[int] = mapped_column(Integer, default=15)
    # Bumped on every booking write: the row every booking attempt locks, so two never overlap.
    booking_version: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    organization: Mapped[Organization] = relationship()
    checks: Mapped[list["ProviderCheck"]] = relationship(
        back_populates="business", cascade="all, delete-orphan", order_by="ProviderCheck.created_at"
    )
    weekly_hours: Mapped[list["WeeklyHours"]] = relationship(
        back_populates="business", cascade="all, delete-orphan"
    )
    exceptions: Mapped[list["AvailabilityException"]] = relationship(
        back_populates="business", cascade="all, delete-orphan"
    )
    claims: Mapped[list["ListingClaim"]] = relationship(
        back_populates="business", cascade="all, delete-orphan"
    )

    __table_args__ = (CheckConstraint("worker_count >= 1", name="worker_count_positive"),)


class ClaimStatus(enum.StrEnum):
    AWAITING_CHECKS = "awaiting_checks"
    CONFIRMED = "confirmed"
    REFUSED = "refused"

    @property
    def label(self) -> str:
        return {
            "awaiting_checks": "Waiting for an officer to check",
            "confirmed": "Confirmed: it is yours",
            "refused": "Not confirmed",
        }[self.value]


class ListingClaim(db.Model):
    """A provider saying an existing listing is theirs. On confirmation the listing moves to their
    organisation, so the one ownership rule (web.services.ownership) covers it."""

    __tablename__ = "listing_claim"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("provider_business.id"), index=True)
    service_id: Mapped[str] = mapped_column(ForeignKey("service.id"), index=True)
    status: Mapped[ClaimStatus] = mapped_column(
        str_enum(ClaimStatus), default=ClaimStatus.AWAITING_CHECKS, index=True
    )
    officer_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)

    business: Mapped[ProviderBusiness] = relationship(back_populates="claims")
    service: Mapped[Service] = relationship()


class CheckKind(enum.StrEnum):
    DBS = "dbs"
    INSURANCE = "insurance"
    CQC = "cqc"  # registration number, for personal care
    CQC_EXEMPTION = "cqc_exemption"  # a declared reason not to be registered, which an officer must accept
    TRAINING = "training"

    @property
    def label(self) -> str:
        return {
            "dbs": "DBS check",
            "insurance": "Public liability insurance",
            "cqc": "CQC registration",
            "cqc_exemption": "Not registered with CQC (exemption)",
            "training": "Training",
        }[self.value]

    @property
    def in_sentence(self) -> str:
        """The label mid-sentence ("Add public liability insurance"), keeping initialisms like DBS."""
        label = self.label
        return label if label[1].isupper() else label[0].lower() + label[1:]


class DbsLevel(enum.StrEnum):
    BASIC = "basic"
    STANDARD = "standard"
    ENHANCED = "enhanced"
    ENHANCED_BARRED = "enhanced_barred"

    @property
    def label(self) -> str:
        return {
            "basic": "Basic",
            "standard": "Standard",
            "enhanced": "Enhanced",
            "enhanced_barred": "Enhanced with barred lists",
        }[self.value]


class CheckStatus(enum.StrEnum):
    AWAITING_CHECKS = "awaiting_checks"
    ACCEPTED = "accepted"
    CHANGES_REQUESTED = "changes_requested"


class ProviderCheck(db.Model):
    """One piece of evidence: a DBS certificate, an insurance policy, a CQC registration or exemption,
    a training course. The columns used depend on the kind; the form for each kind says which."""

    __tablename__ = "provider_check"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("provider_business.id"), index=True)
    kind: Mapped[CheckKind] = mapped_column(str_enum(CheckKind))
    status: Mapped[CheckStatus] = mapped_column(str_enum(CheckStatus), default=CheckStatus.AWAITING_CHECKS)
    officer_reason: Mapped[str | None] = mapped_column(Text)
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime)
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    dbs_level: Mapped[DbsLevel | None] = mapped_column(str_enum(DbsLevel))
    on_update_service: Mapped[bool | None] = mapped_column(Boolean)
    reference: Mapped[str | None] = mapped_column(String(60))  # certificate, policy or CQC number
    insurer: Mapped[str | None] = mapped_column(String(120))
    cover_pence: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str | None] = mapped_column(String(200))  # the training course's name
    reason: Mapped[str | None] = mapped_column(Text)  # why a CQC exemption applies
    issued_on: Mapped[date | None] = mapped_column(Date)  # or the date training was completed
    expires_on: Mapped[date | None] = mapped_column(Date)

    # The uploaded certificate or policy, stored under instance/ with a random name.
    file_name: Mapped[str | None] = mapped_column(String(80))
    file_type: Mapped[str | None] = mapped_column(String(40))  # the media type its content shows
    file_size: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    business: Mapped[ProviderBusiness] = relationship(back_populates="checks")


class PriceUnit(enum.StrEnum):
    HOUR = "hour"
    VISIT = "visit"
    SESSION = "session"

    @property
    def label(self) -> str:
        return {"hour": "per hour", "visit": "per visit", "session": "per session"}[self.value]


class Offering(db.Model):
    """One thing a provider sells, at one price, on one of its listings."""

    __tablename__ = "offering"

    id: Mapped[str] = uuid_pk()
    service_id: Mapped[str] = mapped_column(ForeignKey("service.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    category_term_id: Mapped[str | None] = mapped_column(ForeignKey("taxonomy_term.id"))
    who_it_is_for: Mapped[str] = mapped_column(String(255), default="")
    is_personal_care: Mapped[bool] = mapped_column(Boolean, default=False)
    price_pence: Mapped[int] = mapped_column(Integer)
    price_unit: Mapped[PriceUnit] = mapped_column(str_enum(PriceUnit))
    minimum_minutes: Mapped[int] = mapped_column(Integer, default=60)
    dp_payable: Mapped[bool] = mapped_column(Boolean, default=True)
    # Free to cancel until this many hours before; after that a late fee of this percentage of the price.
    free_cancellation_hours: Mapped[int] = mapped_column(Integer, default=24)
    late_fee_percent: Mapped[int] = mapped_column(Integer, default=0)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    service: Mapped[Service] = relationship()
    category: Mapped[TaxonomyTerm | None] = relationship()

    __table_args__ = (
        CheckConstraint("price_pence > 0", name="price_positive"),
        CheckConstraint("minimum_minutes > 0", name="minimum_minutes_positive"),
        CheckConstraint("late_fee_percent BETWEEN 0 AND 100", name="late_fee_percent_range"),
    )


class WeeklyHours(db.Model):
    """When the business is usually free: Europe/London wall-clock times on one weekday (0 = Monday)."""

    __tablename__ = "weekly_hours"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("provider_business.id"), index=True)
    weekday: Mapped[int] = mapped_column(Integer)
    starts: Mapped[time] = mapped_column(Time)
    ends: Mapped[time] = mapped_column(Time)

    business: Mapped[ProviderBusiness] = relationship(back_populates="weekly_hours")

    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday_range"),
        CheckConstraint("starts < ends", name="weekly_hours_order"),
    )


class AvailabilityException(db.Model):
    """A day off (no times: the whole day) or extra times on one date."""

    __tablename__ = "availability_exception"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("provider_business.id"), index=True)
    on: Mapped[date] = mapped_column(Date)
    is_extra: Mapped[bool] = mapped_column(Boolean, default=False)  # False: not available
    starts: Mapped[time | None] = mapped_column(Time)
    ends: Mapped[time | None] = mapped_column(Time)
    note: Mapped[str | None] = mapped_column(String(200))

    business: Mapped[ProviderBusiness] = relationship(back_populates="exceptions")


class BookingStatus(enum.StrEnum):
    REQUESTED = "requested"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"  # not answered within 48 hours
    DELIVERED = "delivered"
    CONFIRMED = "confirmed"
    DISPUTED = "disputed"
    CANCELLED_BY_PERSON = "cancelled_by_person"
    CANCELLED_BY_PROVIDER = "cancelled_by_provider"
    # A dispute the council settled with nothing to pay: neither side cancelled it.
    NOT_CHARGED = "not_charged"

    @property
    def label(self) -> str:
        return {
            "requested": "Waiting for the provider",
            "accepted": "Accepted",
            "declined": "Declined",
            "expired": "Not answered in time",
            "delivered": "Delivered: please confirm",
            "confirmed": "Confirmed",
            "disputed": "Disputed",
            "cancelled_by_person": "Cancelled by you",
            "cancelled_by_provider": "Cancelled by the provider",
            "not_charged": "Not charged: settled by the council",
        }[self.value]


# Bookings that hold the provider's time: no two of these may overlap (with travel time) for one business.
HOLDING_STATUSES = (BookingStatus.REQUESTED, BookingStatus.ACCEPTED, BookingStatus.DELIVERED)
# Bookings still under way for both sides: not yet confirmed, settled, declined or cancelled.
UNFINISHED_STATUSES = (*HOLDING_STATUSES, BookingStatus.DISPUTED)


class BookingSeries(db.Model):
    """ "Every week for N weeks": each visit is its own Booking, so one can be cancelled alone."""

    __tablename__ = "booking_series"

    id: Mapped[str] = uuid_pk()
    weeks: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    bookings: Mapped[list["Booking"]] = relationship(back_populates="series", order_by="Booking.starts_at")


class Booking(db.Model):
    __tablename__ = "booking"

    id: Mapped[str] = uuid_pk()
    business_id: Mapped[int] = mapped_column(ForeignKey("provider_business.id"), index=True)
    offering_id: Mapped[str] = mapped_column(ForeignKey("offering.id"), index=True)
    booker_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    series_id: Mapped[str | None] = mapped_column(ForeignKey("booking_series.id"), index=True)
    # Someone booking for another person says who (a first name is enough).
    booked_for: Mapped[str | None] = mapped_column(String(120))

    starts_at: Mapped[datetime] = mapped_column(DateTime)  # UTC
    minutes: Mapped[int] = mapped_column(Integer)
    # The time the provider is taken up, travel included: what may not overlap another booking.
    blocked_from: Mapped[datetime] = mapped_column(DateTime)
    blocked_until: Mapped[datetime] = mapped_column(DateTime)

    status: Mapped[BookingStatus] = mapped_column(
        str_enum(BookingStatus), default=BookingStatus.REQUESTED, index=True
    )
    # What was agreed, copied from the offering when booked so later price changes do not alter it.
    price_pence: Mapped[int] = mapped_column(Integer)
    total_pence: Mapped[int] = mapped_column(Integer)
    free_cancellation_hours: Mapped[int] = mapped_column(Integer)
    late_fee_percent: Mapped[int] = mapped_column(Integer)
    late_fee_pence: Mapped[int] = mapped_column(Integer, default=0)  # recorded on a late cancellation

    # Shown to the provider only once they accept.
    visit_address: Mapped[str | None] = mapped_column(Text)
    what_matters: Mapped[str | None] = mapped_column(Text)

    delivered_start: Mapped[datetime | None] = mapped_column(DateTime)
    delivered_minutes: Mapped[int | None] = mapped_column(Integer)
    delivery_note: Mapped[str | None] = mapped_column(Text)
    dispute_reason: Mapped[str | None] = mapped_column(Text)
    cancellation_reason: Mapped[str | None] = mapped_column(Text)

    requested_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    responded_at: Mapped[datetime | None] = mapped_column(DateTime)
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime)
    reminder_sent_at: Mapped[datetime | None] = mapped_column(DateTime)

    business: Mapped[ProviderBusiness] = relationship()
    offering: Mapped[Offering] = relationship()
    booker: Mapped[User] = relationship()
    series: Mapped[BookingSeries | None] = relationship(back_populates="bookings")
    messages: Mapped[list["BookingMessage"]] = relationship(
        back_populates="booking", cascade="all, delete-orphan", order_by="BookingMessage.sent_at"
    )
    events: Mapped[list["BookingEvent"]] = relationship(
        back_populates="booking", cascade="all, delete-orphan", order_by="BookingEvent.at"
    )

    __table_args__ = (
        CheckConstraint("minutes > 0", name="booking_minutes_positive"),
        CheckConstraint("blocked_from < blocked_until", name="booking_blocked_order"),
        Index("ix_booking_business_blocked", "business_id", "blocked_from", "blocked_until"),
    )


class BookingEvent(db.Model):
    """Each step of a booking's life, who took it and when: the record an officer (and, later, the
    statement) reads back."""

    __tablename__ = "booking_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    booking_id: Mapped[str] = mapped_column(ForeignKey("booking.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    status: Mapped[BookingStatus] = mapped_column(str_enum(BookingStatus))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))  # None: the scheduler
    note: Mapped[str | None] = mapped_column(Text)

    booking: Mapped[Booking] = relationship(back_populates="events")


class BookingMessage(db.Model):
    """A short text between the person and the provider, kept for safeguarding."""

    __tablename__ = "booking_message"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    booking_id: Mapped[str] = mapped_column(ForeignKey("booking.id"), index=True)
    sender_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    body: Mapped[str] = mapped_column(Text)
    sent_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    booking: Mapped[Booking] = relationship(back_populates="messages")
    sender: Mapped[User] = relationship()


class ThreadAccess(db.Model):
    """An officer reading a booking's messages (only when it is disputed or a concern is raised)."""

    __tablename__ = "thread_access"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    booking_id: Mapped[str] = mapped_column(ForeignKey("booking.id"), index=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    reason: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
