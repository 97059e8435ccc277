"""Anonymous counts of what people asked the assistant, for the officers' insight pages.

One row per message a person sent: which intent the assistant recognised, whether it fell back, whether
the safety net matched and whether the assistant was reachable. Never the words, the sender id, an IP
address or a postcode, and the time is kept to the hour so a row cannot be matched to a web server log.

Searches the assistant ran that found nothing are counted once, by /api/search itself, as SearchEvent rows
with channel "assistant" (category and postcode district, result_count 0): they are not repeated here.
"""

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from web.extensions import db
from web.models.base import utcnow


def this_hour() -> datetime:
    return utcnow().replace(minute=0, second=0, microsecond=0)


class AssistantEvent(db.Model):
    __tablename__ = "assistant_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=this_hour, index=True)
    # The intent the assistant recognised (e.g. find_support, ask_direct_payments); None when unknown.
    intent: Mapped[str | None] = mapped_column(String(64), index=True)
    was_fallback: Mapped[bool] = mapped_column(Boolean, default=False)
    safety_net_matched: Mapped[bool] = mapped_column(Boolean, default=False)
    assistant_available: Mapped[bool] = mapped_column(Boolean, default=True)
