"""A person's budget: which period today falls in, what has gone out of it, what is promised, what is
left, and what a booking would do to it.

Periods count on from the budget's start date: every 7 or 28 days, or on the same day of each month or
year. A period starting on the 31st runs to the end of a shorter month (dateutil's relativedelta counts
every period from the start date, so 31 January, 28 February, 31 March: the day is never lost).

Money is integer pence. "Spent" is what was charged in the period (by the day it was charged) less what
was refunded in it (by the day it was refunded). "Committed" is what accepted visits in the period will
cost once charged: visits still to come, and visits that happened but have not been charged yet.
Requests the provider has not answered are shown apart: they may be declined, so they do not lower
what is left, but a booking is warned about if it would go over once they are all accepted.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from web.marketplace.availability import LONDON
from web.models.base import utcnow
from web.models.budgets import Budget, BudgetPeriod
from web.models.marketplace import Booking, BookingStatus
from web.models.payments import Payment, PaymentPurpose, PaymentStatus, Refund, RefundStatus

# Bookings whose cost is promised once accepted: charged after the visit, unless cancelled.
PROMISED_STATUSES = (BookingStatus.ACCEPTED, BookingStatus.DELIVERED, BookingStatus.CONFIRMED)
# A visit payment in one of these is settled: already counted as spent, or never to be charged.
SETTLED_STATUSES = (PaymentStatus.SUCCEEDED, PaymentStatus.CANCELLED)


@dataclass(frozen=True)
class Period:
    starts_on: date
    ends_on: date  # the last day, inclusive

    def __contains__(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on


@dataclass(frozen=True)
class Position:
    """The budget in one period."""

    period: Period
    budget_pence: int
    spent_pence: int
    committed_pence: int
    requested_pence: int

    @property
    def remaining_pence(self) -> int:
        return self.budget_pence - self.spent_pence - self.committed_pence

    @property
    def remaining_if_accepted_pence(self) -> int:
        return self.remaining_pence - self.requested_pence


@dataclass(frozen=True)
class PeriodEffect:
    """What a proposed booking does to one period it falls in."""

    position: Position
    booking_pence: int

    @property
    def after_pence(self) -> int:
        return self.position.remaining_if_accepted_pence - self.booking_pence

    @property
    def goes_over(self) -> bool:
        return self.after_pence < 0


def _step(period: BudgetPeriod, count: int) -> relativedelta:
    return {
        BudgetPeriod.WEEK: relativedelta(weeks=count),
        BudgetPeriod.FOUR_WEEKS: relativedelta(weeks=4 * count),
        BudgetPeriod.MONTH: relativedelta(months=count),
        BudgetPeriod.YEAR: relativedelta(years=count),
    }[period]


def period_containing(
    period: BudgetPeriod, starts_on: date, day: date, ends_on: date | None = None
) -> Period | None:
    """The period that `day` falls in, counted from `starts_on`; None before the start or after the end."""
    if day < starts_on or (ends_on is not None and day > ends_on):
        return None
    if period is BudgetPeriod.WEEK or period is BudgetPeriod.FOUR_WEEKS:
        length = 7 if period is BudgetPeriod.WEEK else 28
        count = (day - starts_on).days // length
    elif period is BudgetPeriod.MONTH:
        count = (day.year - starts_on.year) * 12 + day.month - starts_on.month
    else:
        count = day.year - starts_on.year
    # A rough count can be one too many (the 31st of a month counted from the 31st is still the last
    # period until that day comes round): step back until the period starts on or before the day.
    while starts_on + _step(period, count) > day:
        count -= 1
    first = starts_on + _step(period, count)
    last = starts_on + _step(period, count + 1) - timedelta(days=1)
    if ends_on is not None:
        last = min(last, ends_on)
    return Period(first, last)


def current_budget(session: Session, user_id: int) -> Budget | None:
    return session.scalar(select(Budget).where(Budget.user_id == user_id, Budget.replaced_at.is_(None)))


def budget_history(session: Session, user_id: int) -> list[Budget]:
    """Budgets replaced by a change, newest first."""
    return list(
        session.scalars(
            select(Budget)
            .where(Budget.user_id == user_id, Budget.replaced_at.is_not(None))
            .order_by(Budget.replaced_at.desc(), Budget.id.desc())
        )
    )


@dataclass
class BudgetDetails:
    amount_pence: int
    period: BudgetPeriod
    starts_on: date
    ends_on: date | None
    council_reference: str
    contribution_pence: int


def record_budget(
    session: Session, user_id: int, details: BudgetDetails, now: datetime | None = None
) -> Budget:
    """Make this the person's current budget, keeping the one it replaces. Commits."""
    now = now or utcnow()
    previous = current_budget(session, user_id)
    if previous is not None:
        previous.replaced_at = now
        session.flush()  # the old row stops being current before the new one is
    budget = Budget(
        user_id=user_id,
        amount_pence=details.amount_pence,
        period=details.period,
        starts_on=details.starts_on,
        ends_on=details.ends_on,
        council_reference=details.council_reference.strip(),
        contribution_pence=details.contribution_pence,
        created_at=now,
    )
    session.add(budget)
    session.commit()
    return budget


def utc_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """London days `first` to `last` as naive UTC moments [from, until), as times are stored."""
    return _london_midnight(first), _london_midnight(last + timedelta(days=1))


def _london_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), LONDON).astimezone(UTC).replace(tzinfo=None)


def _naive_utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def _london_day(moment: datetime) -> date:
    """Aware moments are converted; naive ones are UTC, as stored."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(LONDON).date()


def position_in(session: Session, user_id: int, budget: Budget, period: Period, now: datetime) -> Position:
    """Spent, committed and asked for in one period (a few sums, whatever the number of bookings)."""
    start, until = utc_bounds(period.starts_on, period.ends_on)
    charged = session.scalar(
        select(func.coalesce(func.sum(Payment.amount_pence), 0)).where(
            Payment.payer_id == user_id,
            Payment.status == PaymentStatus.SUCCEEDED,
            Payment.succeeded_at >= start,
            Payment.succeeded_at < until,
        )
    )
    refunded = session.scalar(
        select(func.coalesce(func.sum(Refund.amount_pence), 0))
        .join(Payment, Refund.payment_id == Payment.id)
        .where(
            Payment.payer_id == user_id,
            Refund.status == RefundStatus.SUCCEEDED,
            Refund.succeeded_at >= start,
            Refund.succeeded_at < until,
        )
    )
    settled = (
        select(Payment.id)
        .where(
            Payment.booking_id == Booking.id,
            Payment.purpose == PaymentPurpose.VISIT,
            Payment.status.in_(SETTLED_STATUSES),
        )
        .exists()
    )
    in_period = and_(Booking.booker_id == user_id, Booking.starts_at >= start, Booking.starts_at < until)
    committed = session.scalar(
        select(func.coalesce(func.sum(Booking.total_pence), 0)).where(
            in_period,
            ~settled,
            Booking.status.in_(PROMISED_STATUSES),
        )
    )
    requested = session.scalar(
        select(func.coalesce(func.sum(Booking.total_pence), 0)).where(
            in_period, Booking.status == BookingStatus.REQUESTED, Booking.starts_at >= _naive_utc(now)
        )
    )
    return Position(
        period, budget.spendable_pence, int(charged) - int(refunded), int(committed), int(requested)
    )


def current_position(session: Session, user_id: int, now: datetime) -> tuple[Budget | None, Position | None]:
    """The person's budget and where it stands in the period containing today (None if none applies)."""
    budget = current_budget(session, user_id)
    if budget is None:
        return None, None
    period = period_containing(budget.period, budget.starts_on, _london_day(now), budget.ends_on)
    if period is None:
        return budget, None
    return budget, position_in(session, user_id, budget, period, now)


def effect_of_booking(
    session: Session, user_id: int, visit_starts: list[datetime], visit_pence: int, now: datetime
) -> list[PeriodEffect]:
    """What booking these visits (each costing `visit_pence`) does to each budget period they fall in,
    in order; empty for someone without a budget (a self-funder). Visits outside the budget's dates
    are not counted against it."""
    budget = current_budget(session, user_id)
    if budget is None:
        return []
    by_period: dict[Period, int] = {}
    for start in visit_starts:
        period = period_containing(budget.period, budget.starts_on, _london_day(start), budget.ends_on)
        if period is not None:
            by_period[period] = by_period.get(period, 0) + visit_pence
    return [
        PeriodEffect(position_in(session, user_id, budget, period, now), pence)
        for period, pence in sorted(by_period.items(), key=lambda item: item[0].starts_on)
    ]
