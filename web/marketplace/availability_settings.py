"""When a provider is free: the weekly pattern, exceptions, and the business's booking rules.

Times are Europe/London wall-clock times, as a provider means them ("Tuesdays 9 to 12").
"""

from datetime import date, datetime, time

from web.extensions import db
from web.models import ProviderBusiness, User
from web.models.marketplace import AvailabilityException, WeeklyHours

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class NotYours(Exception):
    """No such row, or one belonging to another business."""


def business_for(user: User) -> ProviderBusiness | None:
    if user.organization_id is None or user.is_staff:
        return None
    return db.session.scalar(db.select(ProviderBusiness).filter_by(organization_id=user.organization_id))


def parse_time(text: str) -> time | None:
    """'9:00', '09:30' or '14:15' (24-hour clock)."""
    cleaned = text.strip().replace(".", ":")
    try:
        return datetime.strptime(cleaned, "%H:%M").time()
    except ValueError:
        return None


def parse_date(text: str) -> date | None:
    """'27/03/2027', '27 3 2027' or '2027-03-27'."""
    cleaned = text.strip().replace("-", "/").replace(" ", "/").replace(".", "/")
    parts = [p for p in cleaned.split("/") if p]
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    if len(parts[0]) == 4:
        parts.reverse()
    try:
        return date(int(parts[2]), int(parts[1]), int(parts[0]))
    except ValueError:
        return None


def _check_times(starts_text: str, ends_text: str, errors: dict[str, str]) -> tuple[time | None, time | None]:
    starts = parse_time(starts_text)
    ends = parse_time(ends_text)
    if starts is None:
        errors["starts"] = "Enter a start time, like 09:00"
    if ends is None:
        errors["ends"] = "Enter a finish time, like 17:00"
    if starts is not None and ends is not None and starts >= ends:
        errors["ends"] = "Finish time must be after the start time"
    return starts, ends


def _overlaps(starts: time, ends: time, rows) -> bool:
    return any(row.starts < ends and starts < row.ends for row in rows if row.starts and row.ends)


def add_weekly_hours(business: ProviderBusiness, weekday: str, starts_text: str, ends_text: str) -> dict:
    errors: dict[str, str] = {}
    day = int(weekday) if weekday.strip().isdigit() and int(weekday) < 7 else None
    if day is None:
        errors["weekday"] = "Select a day"
    starts, ends = _check_times(starts_text, ends_text, errors)
    if not errors:
        same_day = [row for row in business.weekly_hours if row.weekday == day]
        if _overlaps(starts, ends, same_day):
            errors["starts"] = f"These times overlap times you already have on {DAYS[day]}"
    if errors:
        return errors
    business.weekly_hours.append(WeeklyHours(weekday=day, starts=starts, ends=ends))
    db.session.commit()
    return {}


def _remove_own(model: type[WeeklyHours | AvailabilityException], business: ProviderBusiness, row_id: int):
    row = db.session.get(model, row_id)
    if row is None or row.business_id != business.id:
        raise NotYours(row_id)
    db.session.delete(row)
    db.session.commit()


def remove_weekly_hours(business: ProviderBusiness, row_id: int) -> None:
    _remove_own(WeeklyHours, business, row_id)


def add_exception(
    business: ProviderBusiness,
    kind: str,
    on: date | None,
    starts_text: str,
    ends_text: str,
    note: str,
    today: date,
) -> dict:
    errors: dict[str, str] = {}
    if kind not in ("off", "extra"):
        errors["kind"] = "Select a day off or extra times"
    if on is None:
        errors["on"] = "Enter a real date, like 27 3 2027"
    elif on < today:
        errors["on"] = "Date must be today or in the future"
    starts = ends = None
    if kind == "extra":
        starts, ends = _check_times(starts_text, ends_text, errors)
        if not errors:
            same_day = [e for e in business.exceptions if e.on == on and e.is_extra]
            if _overlaps(starts, ends, same_day):
                errors["starts"] = "These times overlap extra times you already have on that date"
    note = note.strip()
    if len(note) > 200:
        errors["note"] = "Note must be 200 characters or fewer"
    if errors:
        return errors
    business.exceptions.append(
        AvailabilityException(on=on, is_extra=kind == "extra", starts=starts, ends=ends, note=note or None)
    )
    db.session.commit()
    return {}


def remove_exception(business: ProviderBusiness, row_id: int) -> None:
    _remove_own(AvailabilityException, business, row_id)


def change_rules(business: ProviderBusiness, notice: str, per_day: str, travel: str) -> dict:
    errors: dict[str, str] = {}
    limits = {
        "minimum_notice_hours": (
            notice,
            0,
            24 * 28,
            "Minimum notice must be a whole number of hours from 0 to 672",
        ),
        "max_bookings_per_day": (per_day, 1, 24, "Most bookings a day must be a whole number from 1 to 24"),
        "travel_minutes": (travel, 0, 240, "Travel time must be a whole number of minutes from 0 to 240"),
    }
    values = {}
    for name, (text, low, high, message) in limits.items():
        cleaned = text.strip()
        if not cleaned.isdigit() or not low <= int(cleaned) <= high:
            errors[name] = message
        else:
            values[name] = int(cleaned)
    if errors:
        return errors
    for name, value in values.items():
        setattr(business, name, value)
    db.session.commit()
    return {}


def weekly_rows(business: ProviderBusiness) -> list[WeeklyHours]:
    return sorted(business.weekly_hours, key=lambda row: (row.weekday, row.starts))


def upcoming_exceptions(business: ProviderBusiness, today: date) -> list[AvailabilityException]:
    return sorted((e for e in business.exceptions if e.on >= today), key=lambda e: (e.on, e.starts or time()))
