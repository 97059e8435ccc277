"""What the public tells officers about listings."""

import enum
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from web.extensions import db
from web.models.base import str_enum, utcnow
from web.models.directory import Service


class ProblemReason(enum.StrEnum):
    CLOSED = "closed"
    WRONG_CONTACT = "wrong_contact"
    WRONG_TIMES = "wrong_times"
    WRONG_PRICE = "wrong_price"
    CONCERN = "concern"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "closed": "It has closed or stopped running",
            "wrong_contact": "The phone number, email or address is wrong",
            "wrong_times": "The days or times are wrong",
            "wrong_price": "The cost is wrong",
            "concern": "I have a concern about this service",
            "other": "Something else",
        }[self.value]


class ProblemReport(db.Model):
    __tablename__ = "problem_report"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    service_id: Mapped[str] = mapped_column(ForeignKey("service.id"), index=True)
    reason: Mapped[ProblemReason] = mapped_column(str_enum(ProblemReason))
    details: Mapped[str] = mapped_column(Text, default="")
    # Optional, only so an officer can reply; never shown publicly.
    reply_email: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)

    service: Mapped[Service] = relationship()
