"""People who sign in, and what their role lets them do."""

import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from web.extensions import db
from web.models.base import str_enum, utcnow
from web.models.directory import Organization


class Role(enum.StrEnum):
    PERSON = "person"  # draws on care and support, or acts for someone who does
    CARER = "carer"
    PROVIDER = "provider"
    OFFICER = "officer"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return {
            "person": "I draw on care and support, or I arrange it for someone",
            "carer": "I look after someone (unpaid carer)",
            "provider": "I run a local care or support business or group",
            "officer": "Community support officer",
            "admin": "Administrator",
        }[self.value]

    @property
    def noun(self) -> str:
        """For "You are signed in as an officer"."""
        return {
            "person": "a person who draws on care and support",
            "carer": "a carer",
            "provider": "a provider",
            "officer": "an officer",
            "admin": "an administrator",
        }[self.value]


# Who may book and pay for support: the person, or someone arranging it for them.
BOOKER_ROLES = (Role.PERSON, Role.CARER)
# Roles a member of the public can choose for themselves. Someone who runs a business or group asks to
# join as a provider (ProviderRequest); an officer makes them one, linked to their organisation.
# Officers and administrators are made with `flask users`.
SELF_SERVICE_ROLES = (Role.PERSON, Role.CARER)


class ProviderRequestStatus(enum.StrEnum):
    AWAITING_CHECKS = "awaiting_checks"
    APPROVED = "approved"
    REFUSED = "refused"


class User(UserMixin, db.Model):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(255), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(str_enum(Role))
    # A provider account manages its organisation's listings (the marketplace builds on this).
    organization_id: Mapped[str | None] = mapped_column(ForeignKey("organization.id"))
    is_active_account: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_signed_in_at: Mapped[datetime | None] = mapped_column(DateTime)

    organization: Mapped[Organization | None] = relationship()
    provider_requests: Mapped[list["ProviderRequest"]] = relationship(
        back_populates="user", cascade="all, delete-orphan", order_by="ProviderRequest.created_at"
    )

    @property
    def is_active(self) -> bool:
        return self.is_active_account

    @property
    def can_book(self) -> bool:
        return self.role in BOOKER_ROLES

    @property
    def is_provider(self) -> bool:
        return self.role is Role.PROVIDER

    @property
    def is_staff(self) -> bool:
        return self.role in (Role.OFFICER, Role.ADMIN)

    @property
    def pending_provider_request(self) -> "ProviderRequest | None":
        return next(
            (r for r in self.provider_requests if r.status is ProviderRequestStatus.AWAITING_CHECKS), None
        )


class ProviderRequest(db.Model):
    """Someone asking to list their business or group, kept until an officer has checked them (who they
    are, their DBS check and insurance) and linked their account to the organisation, or refused."""

    __tablename__ = "provider_request"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    organization_name: Mapped[str] = mapped_column(String(255))
    status: Mapped[ProviderRequestStatus] = mapped_column(
        str_enum(ProviderRequestStatus), default=ProviderRequestStatus.AWAITING_CHECKS, index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)

    user: Mapped[User] = relationship(back_populates="provider_requests")
