"""The directory, shaped like Open Referral UK 3.0.

Organisation -> Service -> ServiceAtLocation -> Location (+ Address, Accessibility), with Schedule,
taxonomy terms (categories and audiences, linked through ServiceAttribute), CostOption, Language,
Contact and Phone, and ServiceArea for providers who visit people at home. A few columns go beyond
ORUK where the product needs them (kind of listing, how it is delivered, direct-payment use); the
API maps them onto ORUK fields.
"""

import enum
from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    Time,
)
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from web.extensions import db
from web.models.base import str_enum, utcnow, uuid_pk

# The two taxonomies every listing is described by: what kind of support, and who it is for.
CATEGORY_TAXONOMY = "Community support categories"
AUDIENCE_TAXONOMY = "Who it is for"


class ServiceStatus(enum.StrEnum):
    ACTIVE = "active"
    INACTIVE = "inactive"
    DEFUNCT = "defunct"
    TEMPORARILY_CLOSED = "temporarily closed"


class Publication(enum.StrEnum):
    """Where a listing is on its way to the public. Only PUBLISHED is shown, indexed and exported;
    `Service.is_public` is the one place that rule is written."""

    DRAFT = "draft"  # being written; nobody has asked for it to go live
    AWAITING_CHECKS = "awaiting_checks"  # an officer is checking it (and the provider's DBS, insurance)
    PUBLISHED = "published"
    SUSPENDED = "suspended"  # taken down at once by an officer, for example over a safeguarding concern
    ARCHIVED = "archived"  # no longer listed, kept for the record

    @property
    def label(self) -> str:
        return {
            "draft": "Draft",
            "awaiting_checks": "Waiting for checks",
            "published": "Published",
            "suspended": "Suspended",
            "archived": "Archived",
        }[self.value]


class ListingKind(enum.StrEnum):
    MICRO_PROVIDER = "micro_provider"
    PEER_SUPPORT = "peer_support"
    COMMUNITY_HUB = "community_hub"
    COMMUNITY_ASSET = "community_asset"

    @property
    def label(self) -> str:
        return {
            "micro_provider": "Local care and support provider",
            "peer_support": "Peer support group",
            "community_hub": "Community hub",
            "community_asset": "Community activity or service",
        }[self.value]


class AttendingType(enum.StrEnum):
    """How a person gets the service; a service can offer several."""

    VENUE = "venue"
    HOME_VISIT = "home_visit"
    ONLINE = "online"
    PHONE = "phone"

    @property
    def label(self) -> str:
        return {
            "venue": "In person at a venue",
            "home_visit": "Visits you at home",
            "online": "Online",
            "phone": "By phone",
        }[self.value]


class Organization(db.Model):
    __tablename__ = "organization"

    id: Mapped[str] = uuid_pk()
    name: Mapped[str] = mapped_column(String(255))
    description: Mapped[str] = mapped_column(Text, default="")
    email: Mapped[str | None] = mapped_column(String(255))
    website: Mapped[str | None] = mapped_column(String(500))
    # Micro-providers: 1 to 8 workers and not part of a larger organisation.
    worker_count: Mapped[int | None] = mapped_column(Integer)

    services: Mapped[list["Service"]] = relationship(back_populates="organization")


class Service(db.Model):
    __tablename__ = "service"

    id: Mapped[str] = uuid_pk()
    organization_id: Mapped[str] = mapped_column(ForeignKey("organization.id"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    summary: Mapped[str] = mapped_column(String(300), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str | None] = mapped_column(String(500))
    email: Mapped[str | None] = mapped_column(String(255))
    status: Mapped[ServiceStatus] = mapped_column(str_enum(ServiceStatus), default=ServiceStatus.ACTIVE)
    kind: Mapped[ListingKind] = mapped_column(str_enum(ListingKind), index=True)
    fees: Mapped[str | None] = mapped_column(Text)
    accreditations: Mapped[str | None] = mapped_column(Text)
    minimum_age: Mapped[int | None] = mapped_column(Integer)
    maximum_age: Mapped[int | None] = mapped_column(Integer)
    alert: Mapped[str | None] = mapped_column(Text)

    at_venue: Mapped[bool] = mapped_column(Boolean, default=False)
    home_visits: Mapped[bool] = mapped_column(Boolean, default=False)
    online: Mapped[bool] = mapped_column(Boolean, default=False)
    by_phone: Mapped[bool] = mapped_column(Boolean, default=False)
    is_free: Mapped[bool] = mapped_column(Boolean, default=False)
    dp_payable: Mapped[bool] = mapped_column(Boolean, default=False)

    # New listings start as drafts; the importer and the back office move them on.
    publication: Mapped[Publication] = mapped_column(
        str_enum(Publication), default=Publication.DRAFT, index=True
    )
    # When someone last confirmed the listing is true (ORUK assured_date).
    assured_date: Mapped[date | None] = mapped_column(Date)
    assurer_email: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_modified: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    organization: Mapped[Organization] = relationship(back_populates="services")
    service_at_locations: Mapped[list["ServiceAtLocation"]] = relationship(
        back_populates="service", cascade="all, delete-orphan"
    )
    schedules: Mapped[list["Schedule"]] = relationship(
        back_populates="service", cascade="all, delete-orphan", foreign_keys="Schedule.service_id"
    )
    attributes: Mapped[list["ServiceAttribute"]] = relationship(
        back_populates="service", cascade="all, delete-orphan"
    )
    cost_options: Mapped[list["CostOption"]] = relationship(
        back_populates="service", cascade="all, delete-orphan"
    )
    languages: Mapped[list["Language"]] = relationship(back_populates="service", cascade="all, delete-orphan")
    contacts: Mapped[list["Contact"]] = relationship(back_populates="service", cascade="all, delete-orphan")
    phones: Mapped[list["Phone"]] = relationship(back_populates="service", cascade="all, delete-orphan")
    service_areas: Mapped[list["ServiceArea"]] = relationship(
        back_populates="service", cascade="all, delete-orphan"
    )

    @hybrid_property
    def is_public(self) -> bool:
        """Whether the public may see the listing: pages, search, the APIs, the shortlist, the assistant."""
        return self.publication == Publication.PUBLISHED

    @is_public.inplace.expression
    @classmethod
    def _is_public_expression(cls) -> ColumnElement[bool]:
        return cls.publication == Publication.PUBLISHED

    @property
    def is_draft(self) -> bool:
        """Still being written: not yet checked by an officer."""
        return self.publication == Publication.DRAFT

    def publish_if_draft(self) -> None:
        """Approval publishes a listing still being written; a suspended or archived one stays as it is."""
        if self.is_draft:
            self.publication = Publication.PUBLISHED

    @property
    def attending_types(self) -> list[AttendingType]:
        flags = [
            (self.at_venue, AttendingType.VENUE),
            (self.home_visits, AttendingType.HOME_VISIT),
            (self.online, AttendingType.ONLINE),
            (self.by_phone, AttendingType.PHONE),
        ]
        return [kind for on, kind in flags if on]

    def terms_in(self, taxonomy_name: str) -> list["TaxonomyTerm"]:
        return [a.taxonomy_term for a in self.attributes if a.taxonomy_term.taxonomy.name == taxonomy_name]


class Location(db.Model):
    __tablename__ = "location"

    id: Mapped[str] = uuid_pk()
    location_type: Mapped[str] = mapped_column(String(16), default="physical")  # physical, postal, virtual
    name: Mapped[str | None] = mapped_column(String(255))
    description: Mapped[str | None] = mapped_column(Text)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)

    addresses: Mapped[list["Address"]] = relationship(back_populates="location", cascade="all, delete-orphan")
    accessibility: Mapped[list["Accessibility"]] = relationship(
        back_populates="location", cascade="all, delete-orphan"
    )
    service_at_locations: Mapped[list["ServiceAtLocation"]] = relationship(back_populates="location")


class Address(db.Model):
    __tablename__ = "address"

    id: Mapped[str] = uuid_pk()
    location_id: Mapped[str] = mapped_column(ForeignKey("location.id"), index=True)
    address_1: Mapped[str] = mapped_column(String(255))
    address_2: Mapped[str | None] = mapped_column(String(255))
    city: Mapped[str] = mapped_column(String(120))
    region: Mapped[str | None] = mapped_column(String(120))
    state_province: Mapped[str] = mapped_column(String(120), default="England")
    postal_code: Mapped[str] = mapped_column(String(10))
    country: Mapped[str] = mapped_column(String(2), default="GB")
    address_type: Mapped[str] = mapped_column(String(16), default="physical")

    location: Mapped[Location] = relationship(back_populates="addresses")


class AccessibilityFeature(enum.StrEnum):
    STEP_FREE = "step_free"
    ACCESSIBLE_TOILET = "accessible_toilet"
    HEARING_LOOP = "hearing_loop"
    BSL = "bsl"
    SEATING = "seating"
    PARKING = "parking"

    @property
    def label(self) -> str:
        return {
            "step_free": "Step-free access",
            "accessible_toilet": "Accessible toilet",
            "hearing_loop": "Hearing loop",
            "bsl": "British Sign Language (BSL)",
            "seating": "Seating available",
            "parking": "Blue Badge parking",
        }[self.value]


class Accessibility(db.Model):
    __tablename__ = "accessibility"

    id: Mapped[str] = uuid_pk()
    location_id: Mapped[str] = mapped_column(ForeignKey("location.id"), index=True)
    feature: Mapped[AccessibilityFeature] = mapped_column(str_enum(AccessibilityFeature))
    description: Mapped[str | None] = mapped_column(Text)

    location: Mapped[Location] = relationship(back_populates="accessibility")


class ServiceAtLocation(db.Model):
    __tablename__ = "service_at_location"

    id: Mapped[str] = uuid_pk()
    service_id: Mapped[str] = mapped_column(ForeignKey("service.id"), index=True)
    location_id: Mapped[str] = mapped_column(ForeignKey("location.id"), index=True)

    service: Mapped[Service] = relationship(back_populates="service_at_locations")
    location: Mapped[Location] = relationship(back_populates="service_at_locations")
    schedules: Mapped[list["Schedule"]] = relationship(
        back_populates="service_at_location", foreign_keys="Schedule.service_at_location_id"
    )


class Schedule(db.Model):
    """An ORUK regular schedule: iCal-style recurrence with opening and closing times."""

    __tablename__ = "schedule"

    id: Mapped[str] = uuid_pk()
    service_id: Mapped[str | None] = mapped_column(ForeignKey("service.id"), index=True)
    service_at_location_id: Mapped[str | None] = mapped_column(
        ForeignKey("service_at_location.id"), index=True
    )
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    dtstart: Mapped[date | None] = mapped_column(Date)
    freq: Mapped[str] = mapped_column(String(8), default="WEEKLY")  # WEEKLY or MONTHLY
    interval: Mapped[int] = mapped_column(Integer, default=1)
    # "MO,WE" weekly; "2TU" or "-1FR" monthly (second Tuesday, last Friday).
    byday: Mapped[str] = mapped_column(String(40), default="")
    bymonthday: Mapped[str | None] = mapped_column(String(40))
    opens_at: Mapped[time | None] = mapped_column(Time)
    closes_at: Mapped[time | None] = mapped_column(Time)
    description: Mapped[str | None] = mapped_column(Text)
    attending_type: Mapped[AttendingType | None] = mapped_column(str_enum(AttendingType))
    notes: Mapped[str | None] = mapped_column(Text)

    service: Mapped[Service | None] = relationship(back_populates="schedules", foreign_keys=[service_id])
    service_at_location: Mapped[ServiceAtLocation | None] = relationship(
        back_populates="schedules", foreign_keys=[service_at_location_id]
    )


class Taxonomy(db.Model):
    __tablename__ = "taxonomy"

    id: Mapped[str] = uuid_pk()
    name: Mapped[str] = mapped_column(String(120), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    uri: Mapped[str | None] = mapped_column(String(500))
    version: Mapped[str | None] = mapped_column(String(20))

    terms: Mapped[list["TaxonomyTerm"]] = relationship(
        back_populates="taxonomy", order_by="TaxonomyTerm.name"
    )


class TaxonomyTerm(db.Model):
    __tablename__ = "taxonomy_term"

    id: Mapped[str] = uuid_pk()
    taxonomy_id: Mapped[str] = mapped_column(ForeignKey("taxonomy.id"), index=True)
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("taxonomy_term.id"))
    # A short stable slug used in URLs and filters, e.g. "dementia".
    code: Mapped[str] = mapped_column(String(60), index=True)
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    term_uri: Mapped[str | None] = mapped_column(String(500))

    taxonomy: Mapped[Taxonomy] = relationship(back_populates="terms")


class ServiceAttribute(db.Model):
    """ORUK attribute: links a service to a taxonomy term (a category or an audience)."""

    __tablename__ = "service_attribute"

    id: Mapped[str] = uuid_pk()
    service_id: Mapped[str] = mapped_column(ForeignKey("service.id"), index=True)
    taxonomy_term_id: Mapped[str] = mapped_column(ForeignKey("taxonomy_term.id"), index=True)

    service: Mapped[Service] = relationship(back_populates="attributes")
    taxonomy_term: Mapped[TaxonomyTerm] = relationship()


class CostOption(db.Model):
    __tablename__ = "cost_option"

    id: Mapped[str] = uuid_pk()
    service_id: Mapped[str] = mapped_column(ForeignKey("service.id"), index=True)
    option: Mapped[str] = mapped_column(String(120))  # what the price is for, e.g. "Per hour"
    amount: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    currency: Mapped[str] = mapped_column(String(3), default="GBP")
    amount_description: Mapped[str | None] = mapped_column(String(255))
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)

    service: Mapped[Service] = relationship(back_populates="cost_options")


class Language(db.Model):
    __tablename__ = "language"

    id: Mapped[str] = uuid_pk()
    service_id: Mapped[str] = mapped_column(ForeignKey("service.id"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    code: Mapped[str | None] = mapped_column(String(10))
    note: Mapped[str | None] = mapped_column(String(255))

    service: Mapped[Service] = relationship(back_populates="languages")


class Contact(db.Model):
    __tablename__ = "contact"

    id: Mapped[str] = uuid_pk()
    service_id: Mapped[str] = mapped_column(ForeignKey("service.id"), index=True)
    name: Mapped[str | None] = mapped_column(String(120))
    title: Mapped[str | None] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(255))

    service: Mapped[Service] = relationship(back_populates="contacts")


class Phone(db.Model):
    __tablename__ = "phone"

    id: Mapped[str] = uuid_pk()
    service_id: Mapped[str] = mapped_column(ForeignKey("service.id"), index=True)
    number: Mapped[str] = mapped_column(String(30))
    description: Mapped[str | None] = mapped_column(String(255))

    service: Mapped[Service] = relationship(back_populates="phones")


class ServiceArea(db.Model):
    """Where a home-visiting service goes: a base postcode and how far it travels, or named districts."""

    __tablename__ = "service_area"

    id: Mapped[str] = uuid_pk()
    service_id: Mapped[str] = mapped_column(ForeignKey("service.id"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    base_postcode: Mapped[str | None] = mapped_column(String(10))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    radius_km: Mapped[float | None] = mapped_column(Float)
    # Space-separated outward codes, e.g. "WN1 WN2 WN3"; used when set instead of the radius.
    postcode_districts: Mapped[str | None] = mapped_column(Text)

    service: Mapped[Service] = relationship(back_populates="service_areas")

    @property
    def districts(self) -> set[str]:
        return set((self.postcode_districts or "").split())
