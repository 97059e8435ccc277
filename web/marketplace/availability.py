"""When a provider is free: start times a person may choose, from the business's weekly pattern and its
exceptions, less the minimum notice, the bookings it already holds (with travel time either side) and its
longest run of bookings a day.

The pattern is Europe/London wall-clock time. Across the clock changes a start time is offered only when
it names exactly one moment: 01:30 on the last Sunday of March does not exist, and 01:30 on the last
Sunday of October happens twice, so neither is offered. Every other time is turned into UTC with the
offset that applies on that day, so "9 to 12" is 09:00-12:00 UTC in winter and 08:00-11:00 UTC in summer.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from web.extensions import db
from web.models import Booking, Offering, ProviderBusiness
from web.models.marketplace import HOLDING_STATUSES

LONDON = ZoneInfo("Europe/London")
STEP_MINUTES = 30


@dataclass(frozen=True)
class Held:
    """Time a provider has already given away: UTC, travel time included."""

    blocked_from: datetime
    blocked_until: datetime
    local_day: date


def to_utc_naive(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


def to_london(moment_utc_naive: datetime) -> datetime:
    return moment_utc_naive.replace(tzinfo=UTC).astimezone(LONDON)


def local_moment(day: date, wall: time) -> datetime | None:
    """The one moment a wall-clock time names in London that day; None when it names none (the gap in
    March) or two (the repeated hour in October)."""
    naive = datetime.combine(day, wall)
    first = naive.replace(tzinfo=LONDON, fold=0)
    second = naive.replace(tzinfo=LONDON, fold=1)
    if first.utcoffset() != second.utcoffset():
        return None  # ambiguous (October) or missing (March): zoneinfo gives the two readings
    # A wall time that round-trips through UTC unchanged exists.
    if first.astimezone(UTC).astimezone(LONDON).replace(tzinfo=None) != naive:
        return None
    return first


def windows_on(business: ProviderBusiness, day: date) -> list[tuple[time, time]]:
    """The wall-clock windows the business is open on this date, exceptions applied."""
    exceptions = [e for e in business.exceptions if e.on == day]
    if any(not e.is_extra and e.starts is None for e in exceptions):
        return []
    windows = [(h.starts, h.ends) for h in business.weekly_hours if h.weekday == day.weekday()]
    windows += [(e.starts, e.ends) for e in exceptions if e.is_extra and e.starts and e.ends]
    for off in (e for e in exceptions if not e.is_extra and e.starts and e.ends):
        windows = [piece for window in windows for piece in _cut(window, (off.starts, off.ends))]
    return sorted(windows)


def _cut(window: tuple[time, time], off: tuple[time, time]) -> list[tuple[time, time]]:
    starts, ends = window
    if off[1] <= starts or off[0] >= ends:
        return [window]
    return [piece for piece in ((starts, off[0]), (off[1], ends)) if piece[0] < piece[1]]


def held_by(business: ProviderBusiness, start_utc: datetime, end_utc: datetime) -> list[Held]:
    """Bookings that hold the business's time and reach into this UTC stretch (a day's margin either
    side, so the per-day count sees the whole of each London day)."""
    query = db.select(Booking.blocked_from, Booking.blocked_until, Booking.starts_at).where(
        Booking.business_id == business.id,
        Booking.status.in_(HOLDING_STATUSES),
        Booking.blocked_until > start_utc - timedelta(days=1),
        Booking.blocked_from < end_utc + timedelta(days=1),
    )
    return [Held(f, u, to_london(s).date()) for f, u, s in db.session.execute(query)]


def blocked_range(business: ProviderBusiness, start_utc: datetime, minutes: int) -> tuple[datetime, datetime]:
    travel = timedelta(minutes=business.travel_minutes or 0)
    return start_utc - travel, start_utc + timedelta(minutes=minutes) + travel


def overlaps(a: tuple[datetime, datetime], b_from: datetime, b_until: datetime) -> bool:
    return a[0] < b_until and b_from < a[1]


def free_starts_on(
    business: ProviderBusiness,
    offering: Offering,
    day: date,
    minutes: int,
    now: datetime,
    held: list[Held] | None = None,
    step: int = STEP_MINUTES,
) -> list[datetime]:
    """Free start times on one London date for a visit of this length, as aware London datetimes.

    `now` is aware or naive UTC."""
    minutes = max(minutes, offering.minimum_minutes)
    now_utc = to_utc_naive(now) if now.tzinfo else now
    earliest = now_utc + timedelta(hours=business.minimum_notice_hours or 0)
    if held is None:
        day_start = datetime.combine(day, time()) - timedelta(hours=2)
        held = held_by(business, day_start, day_start + timedelta(hours=28))
    if sum(1 for h in held if h.local_day == day) >= business.max_bookings_per_day:
        return []
    starts: list[datetime] = []
    for opens, closes in windows_on(business, day):
        close_moment = _closing_moment(day, closes)
        wall = datetime.combine(day, opens)
        while wall.date() == day:
            moment = local_moment(day, wall.time())
            wall += timedelta(minutes=step)
            if moment is None:
                continue
            start_utc = to_utc_naive(moment)
            end_utc = start_utc + timedelta(minutes=minutes)
            if end_utc > close_moment:
                break
            if start_utc < earliest:
                continue
            blocked = blocked_range(business, start_utc, minutes)
            if any(overlaps(blocked, h.blocked_from, h.blocked_until) for h in held):
                continue
            starts.append(moment)
    return sorted(set(starts))


def _closing_moment(day: date, closes: time) -> datetime:
    """The UTC moment a window closes; a closing time in the gap or the repeat is read the later way."""
    naive = datetime.combine(day, closes)
    return to_utc_naive(naive.replace(tzinfo=LONDON, fold=1))


def free_starts(
    business: ProviderBusiness,
    offering: Offering,
    first_day: date,
    days: int,
    minutes: int,
    now: datetime,
    step: int = STEP_MINUTES,
) -> dict[date, list[datetime]]:
    """Free start times for each London date from first_day for `days` days (days with none included,
    so a page can say so)."""
    start = datetime.combine(first_day, time()) - timedelta(hours=2)
    held = held_by(business, start, start + timedelta(days=days, hours=4))
    result = {}
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        result[day] = free_starts_on(business, offering, day, minutes, now, held, step)
    return result


def is_free(
    business: ProviderBusiness,
    offering: Offering,
    start: datetime,
    minutes: int,
    now: datetime,
    ignore_bookings: bool = False,
) -> bool:
    """Whether this aware London start time is one of the free ones (the step grid included);
    ignore_bookings asks whether it is within the provider's hours at all."""
    local = start.astimezone(LONDON)
    held = [] if ignore_bookings else None
    return local in free_starts_on(business, offering, local.date(), minutes, now, held, step=15) and (
        local.minute % 15 == 0
    )
