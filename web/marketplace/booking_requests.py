"""Asking a provider for a booking: the rules in one place, for the pages, the command line and tests.

No double booking, ever: every request locks its business's row before it looks at the bookings it
holds (SELECT ... FOR UPDATE on PostgreSQL; an immediate write transaction on SQLite, which takes the
database's one write lock at once), checks again that the time is free, writes, and commits. Two
requests for one provider therefore run one after the other, and the second sees the first.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from web.marketplace import availability
from web.marketplace.availability import LONDON, blocked_range, overlaps, to_utc_naive
from web.marketplace.bookable import bookable_offerings, business_of
from web.models import Booking, BookingEvent, BookingSeries, Offering, ProviderBusiness, User
from web.models.accounts import BOOKER_ROLES
from web.models.marketplace import HOLDING_STATUSES, BookingStatus, PriceUnit

TAKEN = "That time has just been taken. Choose another time."
BUSY = "A lot of people are booking at the moment. Try again in a minute."
MAX_WEEKS = 12


class BookingRefused(Exception):
    """Why a request cannot be made, per form field (field name -> message)."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


@dataclass
class Visit:
    week: int  # 1 for the first visit
    start: datetime  # aware, Europe/London
    clash: str | None = None  # why this week cannot be booked


@dataclass
class Quote:
    visits: list[Visit] = field(default_factory=list)
    unit_total_pence: int = 0

    @property
    def clashes(self) -> list[Visit]:
        return [v for v in self.visits if v.clash]

    @property
    def free(self) -> list[Visit]:
        return [v for v in self.visits if not v.clash]

    @property
    def total_pence(self) -> int:
        return self.unit_total_pence * len(self.free)


def total_for(offering: Offering, minutes: int) -> int:
    """One visit's price: by the hour, rounded to the penny (halves up); per visit or session, the price."""
    if offering.price_unit is PriceUnit.HOUR:
        return (offering.price_pence * minutes * 2 + 60) // 120
    return offering.price_pence


def weekly_starts(start: datetime, weeks: int) -> list[datetime]:
    """The same London wall-clock time each week (so 10:00 stays 10:00 across a clock change)."""
    local = start.astimezone(LONDON)
    return [
        datetime.combine(local.date() + timedelta(weeks=i), local.time(), tzinfo=LONDON) for i in range(weeks)
    ]


def may_book(booker: User, offering: Offering | None, now: datetime) -> str | None:
    """Why this person cannot book this offering at all, whatever time they choose; None if they can."""
    if booker.role not in BOOKER_ROLES:
        return "Only a person, a carer or someone acting for a person can book"
    if offering is None or not _bookable(offering, now):
        return "This cannot be booked online at the moment"
    return None


def check_request(
    booker: User,
    offering: Offering | None,
    start: datetime | None,
    minutes: int | None,
    weeks: int,
    visit_address: str | None,
    now: datetime,
) -> dict[str, str]:
    """Field-by-field refusals; empty when the request may go ahead (clashes in a series aside)."""
    if refused := may_book(booker, offering, now):
        return {"offering": refused}
    assert offering is not None  # may_book refuses a missing offering
    errors: dict[str, str] = {}
    if minutes is None:
        errors["minutes"] = "Enter how long you want the visit to be"
    elif minutes < offering.minimum_minutes:
        errors["minutes"] = f"The visit must be at least {_duration(offering.minimum_minutes)}"
    elif minutes > 12 * 60:
        errors["minutes"] = "The visit must be 12 hours or less"
    if not 1 <= weeks <= MAX_WEEKS:
        errors["weeks"] = f"Enter a number of weeks from 1 to {MAX_WEEKS}"
    if start is None:
        errors["start"] = "Choose a date and start time"
    elif to_utc_naive(start) <= to_utc_naive(now):
        errors["start"] = "The date and time must be in the future"
    elif "minutes" not in errors:
        business = business_of(offering.service)
        if not availability.is_free(business, offering, start, minutes, now):
            within_hours = availability.is_free(business, offering, start, minutes, now, ignore_bookings=True)
            errors["start"] = TAKEN if within_hours else "Choose a start time from the free times shown"
    if offering.service.home_visits and not (visit_address or "").strip():
        errors["visit_address"] = "Enter the address for the visit"
    return errors


def _bookable(offering: Offering, now: datetime) -> bool:
    business = business_of(offering.service)
    today = now.astimezone(LONDON).date() if now.tzinfo else now.date()
    return offering in bookable_offerings(offering.service, business, today)


def _duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    parts = [f"{hours} hour{'s' if hours != 1 else ''}"] if hours else []
    if rest:
        parts.append(f"{rest} minutes")
    return " ".join(parts)


def quote(offering: Offering, start: datetime, minutes: int, weeks: int, now: datetime) -> Quote:
    """Each week's visit and whether it clashes, found before anything is written."""
    business = business_of(offering.service)
    result = Quote(unit_total_pence=total_for(offering, minutes))
    for week, visit_start in enumerate(weekly_starts(start, weeks), start=1):
        visit = Visit(week=week, start=visit_start)
        if availability.local_moment(visit_start.date(), visit_start.time()) is None:
            visit.clash = "This time does not happen that day because the clocks change"
        elif not availability.is_free(business, offering, visit_start, minutes, now):
            visit.clash = "The provider is not free then"
        result.visits.append(visit)
    return result


def request_booking(
    session: Session,
    booker: User,
    offering: Offering,
    start: datetime,
    minutes: int,
    weeks: int = 1,
    visit_address: str | None = None,
    what_matters: str | None = None,
    booked_for: str | None = None,
    now: datetime | None = None,
    skip_clashes: bool = False,
) -> list[Booking]:
    """Ask for a visit, or one each week for `weeks` weeks. Raises BookingRefused with per-field
    messages, or with TAKEN under "start" when someone else got there first. A series with clashes is
    refused unless skip_clashes, which books the free weeks only."""
    now = now or datetime.now(LONDON)
    errors = check_request(booker, offering, start, minutes, weeks, visit_address, now)
    if errors:
        raise BookingRefused(errors)
    planned = quote(offering, start, minutes, weeks, now)
    if planned.clashes and len(planned.visits) == 1:
        raise BookingRefused({"start": TAKEN})
    if planned.clashes and not skip_clashes:
        weeks_text = ", ".join(str(v.week) for v in planned.clashes)
        raise BookingRefused({"start": f"The provider is not free in week {weeks_text}"})
    if not planned.free:
        raise BookingRefused({"start": TAKEN})
    business_id = business_of(offering.service).id
    offering_id = offering.id
    session.commit()  # end any earlier transaction so the lock below is the first thing done
    try:
        business = lock_business(session, business_id)
        bookings = _write(
            session,
            business,
            session.get(Offering, offering_id),
            booker,
            planned,
            minutes,
            visit_address,
            what_matters,
            booked_for,
            now,
        )
        session.commit()
    except OperationalError as error:
        session.rollback()
        if _is_locked(error):
            raise BookingRefused({"start": BUSY}) from error
        raise
    except BaseException:
        session.rollback()
        raise
    return bookings


def _write(
    session, business, offering, booker, planned, minutes, visit_address, what_matters, booked_for, now
) -> list[Booking]:
    ranges = [blocked_range(business, to_utc_naive(v.start), minutes) for v in planned.free]
    # Checked again under the lock: the overlap itself, and the day's count and notice with it.
    if any(clash_exists(session, business.id, blocked) for blocked in ranges) or not all(
        availability.is_free(business, offering, v.start, minutes, now) for v in planned.free
    ):
        raise BookingRefused({"start": TAKEN})
    session.execute(
        update(ProviderBusiness)
        .where(ProviderBusiness.id == business.id)
        .values(booking_version=ProviderBusiness.booking_version + 1)
    )
    series = BookingSeries(weeks=len(planned.visits)) if len(planned.visits) > 1 else None
    now_utc = to_utc_naive(now) if now.tzinfo else now
    bookings = []
    for visit, (blocked_from, blocked_until) in zip(planned.free, ranges, strict=True):
        booking = Booking(
            business_id=business.id,
            offering_id=offering.id,
            booker_id=booker.id,
            series=series,
            booked_for=(booked_for or "").strip() or None,
            starts_at=to_utc_naive(visit.start),
            minutes=minutes,
            blocked_from=blocked_from,
            blocked_until=blocked_until,
            status=BookingStatus.REQUESTED,
            price_pence=offering.price_pence,
            total_pence=total_for(offering, minutes),
            free_cancellation_hours=offering.free_cancellation_hours,
            late_fee_percent=offering.late_fee_percent,
            visit_address=(visit_address or "").strip() or None if offering.service.home_visits else None,
            what_matters=(what_matters or "").strip() or None,
            requested_at=now_utc,
        )
        booking.events.append(BookingEvent(status=BookingStatus.REQUESTED, actor_id=booker.id, at=now_utc))
        session.add(booking)
        bookings.append(booking)
    session.flush()
    return bookings


def lock_business(session: Session, business_id: int) -> ProviderBusiness:
    """Take the business's booking lock for the rest of this transaction."""
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        dbapi = connection.connection.dbapi_connection
        # The sqlite3 module opens a transaction only before its first write, and reads before then ran
        # outside one; so unless a write is already pending (which holds the lock), take it now.
        if not dbapi.in_transaction:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        return session.get(ProviderBusiness, business_id, populate_existing=True)
    query = (
        select(ProviderBusiness)
        .where(ProviderBusiness.id == business_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return session.scalars(query).one()


def clash_exists(session: Session, business_id: int, blocked: tuple[datetime, datetime]) -> bool:
    query = select(Booking.blocked_from, Booking.blocked_until).where(
        Booking.business_id == business_id,
        Booking.status.in_(HOLDING_STATUSES),
        Booking.blocked_from < blocked[1],
        Booking.blocked_until > blocked[0],
    )
    return any(overlaps(blocked, f, u) for f, u in session.execute(query))


def _is_locked(error: OperationalError) -> bool:
    return "locked" in str(error.orig).lower() or "busy" in str(error.orig).lower()


def parse_start(day: str | None, wall: str | None) -> datetime | None:
    """A London date (YYYY-MM-DD) and wall-clock time (HH:MM) from a form, or None."""
    try:
        local_day = date.fromisoformat(day or "")
        hours, mins = (int(part) for part in (wall or "").split(":"))
        return datetime(local_day.year, local_day.month, local_day.day, hours, mins, tzinfo=LONDON)
    except ValueError:
        return None
