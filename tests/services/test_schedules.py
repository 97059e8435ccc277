"""Schedules in plain English and as real dates, including month ends and the clocks changing."""

from datetime import UTC, datetime, time

import pytest

from web.models import Schedule, Service
from web.services.schedules import (
    days_for_index,
    describe_schedule,
    is_open_at,
    next_session,
    opening_times_for_index,
    opening_times_today,
)


def schedule(freq: str, byday: str, opens: str = "10:00", closes: str = "12:00", **fields) -> Schedule:
    fields.setdefault("interval", 1)
    return Schedule(
        freq=freq, byday=byday,
        opens_at=time.fromisoformat(opens), closes_at=time.fromisoformat(closes), **fields,
    )  # fmt: skip


def service_with(*schedules: Schedule) -> Service:
    service = Service(name="Group")
    service.schedules.extend(schedules)
    return service


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (schedule("WEEKLY", "TU"), "Every Tuesday, 10am to 12pm"),
        (schedule("MONTHLY", "2TU"), "Second Tuesday of the month, 10am to 12pm"),
        (schedule("WEEKLY", "MO,TU,WE,TH,FR", "09:00", "17:00"), "Monday to Friday, 9am to 5pm"),
        (schedule("WEEKLY", "MO,WE", "13:30", "15:00"), "Every Monday and Wednesday, 1:30pm to 3pm"),
        (schedule("MONTHLY", "-1FR", "18:30", "20:30"), "Last Friday of the month, 6:30pm to 8:30pm"),
        (schedule("MONTHLY", "1TH,3TH"), "First and third Thursday of the month, 10am to 12pm"),
    ],
)
def test_describe_schedule_in_plain_english(rule, expected):
    assert describe_schedule(rule) == expected


def test_unreadable_schedule_falls_back_to_its_own_words():
    rule = schedule("WEEKLY", "9XX", description="Ring to check times")
    assert describe_schedule(rule) == "Ring to check times"


def test_second_tuesday_after_the_month_has_passed_it_is_next_month():
    group = service_with(schedule("MONTHLY", "2TU"))
    # 31 January 2025: the second Tuesday of February is the 11th.
    assert next_session(group, datetime(2025, 1, 31, 12, 0)) == datetime(2025, 2, 11, 10, 0)
    # Just after the session ends, the next is a month on.
    assert next_session(group, datetime(2025, 2, 11, 12, 0)) == datetime(2025, 3, 11, 10, 0)


def test_a_session_under_way_is_the_next_session():
    group = service_with(schedule("MONTHLY", "2TU"))
    assert next_session(group, datetime(2025, 2, 11, 11, 0)) == datetime(2025, 2, 11, 10, 0)


def test_last_friday_across_a_leap_year_february():
    group = service_with(schedule("MONTHLY", "-1FR", "13:00", "15:00"))
    assert next_session(group, datetime(2024, 2, 1, 9, 0)) == datetime(2024, 2, 23, 13, 0)
    assert next_session(group, datetime(2024, 2, 23, 16, 0)) == datetime(2024, 3, 29, 13, 0)


def test_fifth_weekday_skips_months_without_one():
    group = service_with(schedule("MONTHLY", "5MO"))
    # February 2025 has no fifth Monday; March has the 31st.
    assert next_session(group, datetime(2025, 2, 1)) == datetime(2025, 3, 31, 10, 0)


def test_next_session_respects_valid_to():
    from datetime import date

    group = service_with(schedule("WEEKLY", "TU", valid_to=date(2025, 3, 1)))
    assert next_session(group, datetime(2025, 3, 2)) is None


def test_aware_times_are_read_as_london_time():
    group = service_with(schedule("WEEKLY", "MO", "09:00", "17:00"))
    # 08:30 UTC on 7 July 2025 is 09:30 in London (summer time): open.
    assert is_open_at(group, datetime(2025, 7, 7, 8, 30, tzinfo=UTC))
    # The same UTC time in January is 08:30 in London: not yet open.
    assert not is_open_at(group, datetime(2025, 1, 6, 8, 30, tzinfo=UTC))


def test_opening_times_today_and_open_now():
    hub = service_with(
        schedule("WEEKLY", "MO,TU,WE,TH,FR", "09:00", "13:00"),
        schedule("WEEKLY", "MO,TU,WE,TH,FR", "14:00", "17:00"),
    )
    monday = datetime(2025, 6, 2, 13, 30)
    assert opening_times_today(hub, monday) == "9am to 1pm and 2pm to 5pm"
    assert not is_open_at(hub, monday)
    assert is_open_at(hub, monday.replace(hour=14))
    assert opening_times_today(hub, datetime(2025, 6, 7, 10)) is None  # Saturday


def test_index_gets_weekly_hours_but_every_day_it_runs():
    group = service_with(schedule("MONTHLY", "2TU"), schedule("WEEKLY", "FR", "09:00", "10:30"))
    assert days_for_index(group) == ("TU", "FR")
    times = opening_times_for_index(group)
    assert [(t.day, t.opens, t.closes) for t in times] == [("FR", 540, 630)]


def test_a_fortnightly_group_that_started_years_ago_keeps_its_weeks():
    from datetime import date

    # Every other Tuesday since Tuesday 1 January 2019: 386 weeks on is a session week, 387 is not.
    group = service_with(schedule("WEEKLY", "TU", dtstart=date(2019, 1, 1), interval=2))
    assert next_session(group, datetime(2026, 5, 25)) == datetime(2026, 5, 26, 10, 0)
    assert next_session(group, datetime(2026, 5, 26, 13, 0)) == datetime(2026, 6, 9, 10, 0)


def test_a_quarterly_group_that_started_years_ago_keeps_its_months():
    from datetime import date

    # The second Tuesday of January, April, July and October, since January 2020.
    group = service_with(schedule("MONTHLY", "2TU", dtstart=date(2020, 1, 14), interval=3))
    assert next_session(group, datetime(2026, 5, 1)) == datetime(2026, 7, 14, 10, 0)


def test_the_31st_of_every_month_skips_shorter_months_however_long_ago_it_began():
    from datetime import date

    group = service_with(Schedule(freq="MONTHLY", bymonthday="31", dtstart=date(2020, 1, 31),
                                  interval=1, opens_at=time(10), closes_at=time(12)))  # fmt: skip
    assert next_session(group, datetime(2026, 2, 1)) == datetime(2026, 3, 31, 10, 0)
