"""When a listing runs: ORUK regular schedules read as plain English and as real dates.

Times are Europe/London wall-clock times, as the schedules are written. Functions take `now` either
naive (already local) or timezone-aware (converted to London first); what they return follows suit.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from dateutil.rrule import FR, MO, MONTHLY, SA, SU, TH, TU, WE, WEEKLY, rrule, weekday

from search_index import OpeningTime
from web.models import Schedule, Service

LONDON = ZoneInfo("Europe/London")
DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY_NAMES = dict(
    zip(
        DAY_CODES, ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"), strict=True
    )
)
_WEEKDAYS = dict(zip(DAY_CODES, (MO, TU, WE, TH, FR, SA, SU), strict=True))
_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last"}
_BYDAY_ENTRY = re.compile(r"([+-]?\d)?(MO|TU|WE|TH|FR|SA|SU)")
# Far enough back to find the phase of an every-other-week schedule that gives no start date.
_DEFAULT_ANCHOR = date(2024, 1, 1)


class ScheduleError(ValueError):
    """A schedule whose recurrence cannot be read."""


def parse_byday(byday: str) -> list[tuple[int | None, str]]:
    """ "MO,WE" -> [(None, "MO"), (None, "WE")]; "2TU,-1FR" -> [(2, "TU"), (-1, "FR")]."""
    entries = []
    for part in (byday or "").replace(" ", "").upper().split(","):
        if not part:
            continue
        match = _BYDAY_ENTRY.fullmatch(part)
        if match is None:
            raise ScheduleError(f"'{part}' is not a day like MO, TU or 2TU")
        nth = int(match[1]) if match[1] else None
        if nth is not None and nth not in _ORDINALS:
            raise ScheduleError(f"'{part}' asks for a week of the month that does not exist")
        entries.append((nth, match[2]))
    return entries


def parse_bymonthday(bymonthday: str | None) -> list[int]:
    days = []
    for part in (bymonthday or "").replace(" ", "").split(","):
        if not part:
            continue
        if not part.lstrip("-").isdigit() or not 1 <= abs(int(part)) <= 31:
            raise ScheduleError(f"'{part}' is not a day of the month")
        days.append(int(part))
    return days


def clock_text(moment: time) -> str:
    """10am, 10:30am, 12pm."""
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    return f"{hour}{suffix}" if moment.minute == 0 else f"{hour}:{moment.minute:02d}{suffix}"


def hours_text(schedule: Schedule) -> str | None:
    if schedule.opens_at is None or schedule.closes_at is None:
        return None
    return f"{clock_text(schedule.opens_at)} to {clock_text(schedule.closes_at)}"


def describe_schedule(schedule: Schedule) -> str:
    """ "Every Tuesday, 10am to 12pm", "Second Tuesday of the month, 10am to 12pm"."""
    try:
        days = _describe_days(schedule)
    except ScheduleError:
        days = None
    if days is None:
        return schedule.description or "Ask for times"
    hours = hours_text(schedule)
    return f"{days}, {hours}" if hours else days


def _describe_days(schedule: Schedule) -> str | None:
    entries = parse_byday(schedule.byday)
    freq = (schedule.freq or "WEEKLY").upper()
    if freq == "WEEKLY" and entries:
        codes = [code for _, code in entries]
        if schedule.interval and schedule.interval > 1:
            prefix = "Every other" if schedule.interval == 2 else f"Every {schedule.interval} weeks on"
            return f"{prefix} {_and_list([DAY_NAMES[c] for c in codes])}"
        return _weekly_days_text(codes)
    if freq == "MONTHLY" and entries and all(nth is not None for nth, _ in entries):
        by_day: dict[str, list[int]] = {}
        for nth, code in entries:
            by_day.setdefault(code, []).append(nth)  # type: ignore[arg-type]
        # "first and third Tuesday": weeks in calendar order, with "last" at the end.
        parts = [
            f"{_and_list([_ORDINALS[n] for n in sorted(ns, key=_calendar_order)])} {DAY_NAMES[day]}"
            for day, ns in by_day.items()
        ]
        text = _and_list(parts)
        return f"{text[0].upper()}{text[1:]} of the month"
    if freq == "MONTHLY" and (month_days := parse_bymonthday(schedule.bymonthday)):
        return f"On the {_and_list([_day_of_month(d) for d in month_days])} of every month"
    return None


def _calendar_order(nth: int) -> int:
    return nth if nth > 0 else 9


def _weekly_days_text(codes: list[str]) -> str:
    ordered = sorted(set(codes), key=DAY_CODES.index)
    positions = [DAY_CODES.index(c) for c in ordered]
    if len(ordered) == 7:
        return "Every day"
    if len(ordered) >= 3 and positions == list(range(positions[0], positions[-1] + 1)):
        return f"{DAY_NAMES[ordered[0]]} to {DAY_NAMES[ordered[-1]]}"
    return f"Every {_and_list([DAY_NAMES[c] for c in ordered])}"


def _day_of_month(day: int) -> str:
    if day < 0:
        return "last day" if day == -1 else f"{_ORDINALS.get(-day, str(-day))} from last day"
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _and_list(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def service_schedules(service: Service) -> list[Schedule]:
    """Schedules of the service itself and of each place it runs."""
    found = list(service.schedules)
    for service_at_location in service.service_at_locations:
        found.extend(s for s in service_at_location.schedules if s not in found)
    return found


@dataclass(frozen=True)
class Recurrence:
    """What a schedule's sessions follow from; it keys the caches of worked-out sessions, so a schedule
    edited in any process is worked out afresh."""

    freq: str | None
    interval: int | None
    byday: str | None
    bymonthday: str | None
    dtstart: date | None
    valid_from: date | None
    valid_to: date | None
    opens_at: time | None
    closes_at: time | None

    @classmethod
    def of(cls, schedule: Schedule) -> "Recurrence":
        return cls(
            schedule.freq,
            schedule.interval,
            schedule.byday,
            schedule.bymonthday,
            schedule.dtstart,
            schedule.valid_from,
            schedule.valid_to,
            schedule.opens_at,
            schedule.closes_at,
        )


def occurrences(schedule: Schedule, start: datetime, end: datetime) -> Iterator[tuple[datetime, datetime]]:
    """(opens, closes) of each session that overlaps [start, end), as naive local times."""
    return _occurrences(Recurrence.of(schedule), start, end)


def _occurrences(
    recurrence: Recurrence, start: datetime, end: datetime
) -> Iterator[tuple[datetime, datetime]]:
    if recurrence.opens_at is None or recurrence.closes_at is None:
        return
    rule = _rule(recurrence, start - timedelta(days=1))
    if rule is None:
        return
    length = datetime.combine(date.min, recurrence.closes_at) - datetime.combine(
        date.min, recurrence.opens_at
    )
    if length <= timedelta(0):
        length += timedelta(days=1)  # closes after midnight
    # Lazily, from the first session that could still be open: a year of sessions is never listed.
    for opens in rule.xafter(start - length, inc=True):
        if opens > end:
            return
        closes = opens + length
        if closes > start:
            yield opens, closes


# Result cards word every schedule on every search; the sessions of a day, and the next session from a
# given minute, are the same for every request in that day or minute.
@lru_cache(maxsize=4096)
def _sessions_starting_on(recurrence: Recurrence, day: date) -> tuple[tuple[datetime, datetime], ...]:
    start = datetime.combine(day, time.min)
    return tuple(
        session
        for session in _occurrences(recurrence, start, start + timedelta(days=1))
        if session[0].date() == day
    )


@lru_cache(maxsize=4096)
def _first_session(recurrence: Recurrence, minute: datetime, within_days: int) -> datetime | None:
    """Sessions open and close on whole minutes, so from the start of `minute` the answer is the same."""
    first = next(_occurrences(recurrence, minute, minute + timedelta(days=within_days)), None)
    return first[0] if first else None


def _rule(recurrence: Recurrence, not_before: datetime) -> rrule | None:
    try:
        entries = parse_byday(recurrence.byday)
        month_days = parse_bymonthday(recurrence.bymonthday)
    except ScheduleError:
        return None
    freq = (recurrence.freq or "WEEKLY").upper()
    weekdays: list[weekday] = [_WEEKDAYS[code](nth) if nth else _WEEKDAYS[code] for nth, code in entries]
    if freq == "WEEKLY" and not weekdays:
        return None
    if freq == "MONTHLY" and not (weekdays or month_days):
        return None
    if freq not in ("WEEKLY", "MONTHLY"):
        return None
    anchor = recurrence.dtstart or recurrence.valid_from
    interval = max(recurrence.interval or 1, 1)
    if anchor is None:
        # With no start date only the week or month phase of an interval above one is unknown.
        anchor = _DEFAULT_ANCHOR if interval > 1 else not_before.date()
    if recurrence.valid_from and anchor < recurrence.valid_from:
        anchor = recurrence.valid_from
    anchor = _recent_anchor(anchor, freq, interval, not_before.date())
    until = datetime.combine(recurrence.valid_to, time.max) if recurrence.valid_to else None
    return rrule(
        WEEKLY if freq == "WEEKLY" else MONTHLY,
        dtstart=datetime.combine(anchor, recurrence.opens_at),  # type: ignore[arg-type]
        interval=interval,
        byweekday=weekdays or None,
        bymonthday=month_days or None,
        until=until,
        cache=False,
    )


def _recent_anchor(anchor: date, freq: str, interval: int, not_before: date) -> date:
    """The anchor moved on by whole intervals to at least one interval before `not_before`: the same
    sessions from then on (the week or month phase is kept), without stepping through years of them."""
    if freq == "WEEKLY":
        steps = (not_before - anchor).days // (7 * interval) - 1
        return anchor + timedelta(weeks=steps * interval) if steps > 0 else anchor
    months = (not_before.year - anchor.year) * 12 + not_before.month - anchor.month
    steps = months // interval - 1
    return anchor + relativedelta(months=steps * interval) if steps > 0 else anchor


def _local(now: datetime) -> datetime:
    return now.astimezone(LONDON).replace(tzinfo=None) if now.tzinfo else now


def _like_input(moment: datetime, now: datetime) -> datetime:
    return moment.replace(tzinfo=LONDON) if now.tzinfo else moment


def recurrences(service: Service) -> tuple[Recurrence, ...]:
    """What the listing's sessions follow from, as plain values a process may keep between requests."""
    return tuple(Recurrence.of(schedule) for schedule in service_schedules(service))


def next_session(service: Service, now: datetime, within_days: int = 400) -> datetime | None:
    """When the next session starts; a session already under way counts, so this may be before now."""
    return next_session_of(recurrences(service), now, within_days)


def next_session_of(rules: tuple[Recurrence, ...], now: datetime, within_days: int = 400) -> datetime | None:
    minute = _local(now).replace(second=0, microsecond=0)
    starts = [_first_session(rule, minute, within_days) for rule in rules]
    found = [start for start in starts if start is not None]
    return _like_input(min(found), now) if found else None


def _sessions_on(rules: tuple[Recurrence, ...], day: date) -> list[tuple[datetime, datetime]]:
    sessions = {session for rule in rules for session in _sessions_starting_on(rule, day)}
    return sorted(sessions)


def opening_times_today(service: Service, now: datetime) -> str | None:
    """ "9am to 1pm and 2pm to 5pm" for the day of `now`; None if it does not open or run that day."""
    return _opening_times_on(recurrences(service), now)


def _opening_times_on(rules: tuple[Recurrence, ...], now: datetime) -> str | None:
    sessions = _sessions_on(rules, _local(now).date())
    if not sessions:
        return None
    return _and_list(
        [f"{clock_text(opens.time())} to {clock_text(closes.time())}" for opens, closes in sessions]
    )


def is_open_at(service: Service, now: datetime) -> bool:
    local_now = _local(now)
    return any(any(occurrences(schedule, local_now, local_now)) for schedule in service_schedules(service))


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def opening_times_for_index(service: Service) -> tuple[OpeningTime, ...]:
    """Every-week opening hours only: a monthly group is not open on every Tuesday, so "open now"
    searches must not match it on the wrong week."""
    times: set[OpeningTime] = set()
    for schedule in service_schedules(service):
        if (schedule.freq or "WEEKLY").upper() != "WEEKLY" or (schedule.interval or 1) != 1:
            continue
        if schedule.opens_at is None or schedule.closes_at is None:
            continue
        try:
            entries = parse_byday(schedule.byday)
        except ScheduleError:
            continue
        for _, code in entries:
            times.add(OpeningTime(code, _minutes(schedule.opens_at), _minutes(schedule.closes_at)))
    return tuple(sorted(times, key=lambda t: (DAY_CODES.index(t.day), t.opens, t.closes)))


def days_for_index(service: Service) -> tuple[str, ...]:
    """Every day of the week it runs on at all, monthly and fortnightly sessions included."""
    days: set[str] = set()
    for schedule in service_schedules(service):
        try:
            entries = parse_byday(schedule.byday)
        except ScheduleError:
            continue
        days.update(code for _, code in entries)
    return tuple(sorted(days, key=DAY_CODES.index))


def when_text(service: Service, now: datetime) -> str | None:
    """Today's times if it runs today, otherwise when it next runs; None when it has no timetable."""
    return when_text_of(recurrences(service), now)


def when_text_of(rules: tuple[Recurrence, ...], now: datetime) -> str | None:
    today = _opening_times_on(rules, now)
    if today:
        return f"Today, {today}"
    upcoming = next_session_of(rules, now)
    if upcoming is None:
        return None
    return f"Next on {upcoming:%A} {upcoming.day} {upcoming:%B} at {_clock(upcoming)}"


def _clock(moment: datetime) -> str:
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    return f"{hour}{suffix}" if moment.minute == 0 else f"{hour}:{moment.minute:02d}{suffix}"
