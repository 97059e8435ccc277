"""A person's direct-payment budget as the council set it: how much for each week, four weeks, month or
year, from when, and the council's reference. One is current per account; a change keeps the old one
(replaced_at set), so a statement can say what the budget was when the money was spent."""

import enum
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from web.extensions import db
from web.models.base import str_enum, utcnow


class BudgetPeriod(enum.StrEnum):
    WEEK = "week"
    FOUR_WEEKS = "four_weeks"
    MONTH = "month"
    YEAR = "year"

    @property
    def label(self) -> str:
        return {"week": "a week", "four_weeks": "every 4 weeks", "month": "a month", "year": "a year"}[
            self.value
        ]


class Budget(db.Model):
    __tablename__ = "budget"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    # Erased with the account (UK GDPR).
    # What the council pays in each period, and what the person adds themselves (their assessed
    # contribution): together they are what can be spent.
    amount_pence: Mapped[int] = mapped_column(Integer)
    contribution_pence: Mapped[int] = mapped_column(Integer, default=0)
    period: Mapped[BudgetPeriod] = mapped_column(str_enum(BudgetPeriod))
    starts_on: Mapped[date] = mapped_column(Date)  # periods count on from this day
    ends_on: Mapped[date | None] = mapped_column(Date)  # the last day it covers
    council_reference: Mapped[str] = mapped_column(String(60), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    replaced_at: Mapped[datetime | None] = mapped_column(DateTime)

    __table_args__ = (
        CheckConstraint("amount_pence > 0", name="budget_amount_positive"),
        CheckConstraint("contribution_pence >= 0", name="budget_contribution_not_negative"),
        CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="budget_dates_in_order"),
        Index(
            "one_current_budget_per_account",
            "user_id",
            unique=True,
            sqlite_where=text("replaced_at IS NULL"),
            postgresql_where=text("replaced_at IS NULL"),
        ),
    )

    @property
    def spendable_pence(self) -> int:
        return self.amount_pence + self.contribution_pence
