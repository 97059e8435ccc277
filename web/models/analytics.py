"""Anonymous counts of what people looked for: no full postcodes, no accounts, no IP addresses."""

from datetime import datetime

from sqlalchemy import DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from web.extensions import db
from web.models.base import utcnow


class SearchEvent(db.Model):
    __tablename__ = "search_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    channel: Mapped[str] = mapped_column(String(16))  # web, api, assistant
    words: Mapped[str] = mapped_column(String(100), default="")  # postcodes removed before storing
    category: Mapped[str | None] = mapped_column(String(60))
    kind: Mapped[str | None] = mapped_column(String(32))
    postcode_district: Mapped[str | None] = mapped_column(String(8), index=True)
    result_count: Mapped[int] = mapped_column(Integer)
