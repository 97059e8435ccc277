"""Budget periods counted from the start date: weeks, 4 weeks, months (month ends, leap years) and years."""

from datetime import date, datetime, timedelta

import pytest

from web.marketplace.budgets import Period, period_containing, utc_bounds
from web.models.budgets import BudgetPeriod

WEEK, FOUR_WEEKS, MONTH, YEAR = BudgetPeriod


@pytest.mark.parametrize(
    ("period", "starts_on", "day", "expected"),
    [
        (WEEK, date(2027, 1, 6), date(2027, 1, 6), (date(2027, 1, 6), date(2027, 1, 12))),
        (WEEK, date(2027, 1, 6), date(2027, 1, 12), (date(2027, 1, 6), date(2027, 1, 12))),
        (WEEK, date(2027, 1, 6), date(2027, 1, 13), (date(2027, 1, 13), date(2027, 1, 19))),
        (FOUR_WEEKS, date(2027, 1, 1), date(2027, 1, 28), (date(2027, 1, 1), date(2027, 1, 28))),
        (FOUR_WEEKS, date(2027, 1, 1), date(2027, 1, 29), (date(2027, 1, 29), date(2027, 2, 25))),
        # Thirteen 4-week periods make 364 days: the next year's periods start a day earlier.
        (FOUR_WEEKS, date(2027, 1, 1), date(2027, 12, 31), (date(2027, 12, 31), date(2028, 1, 27))),
        (MONTH, date(2027, 3, 15), date(2027, 4, 14), (date(2027, 3, 15), date(2027, 4, 14))),
        (MONTH, date(2027, 3, 15), date(2027, 4, 15), (date(2027, 4, 15), date(2027, 5, 14))),
        # From the 31st: a short month's period runs to its last day, and the 31st comes back after it.
        (MONTH, date(2027, 1, 31), date(2027, 2, 15), (date(2027, 1, 31), date(2027, 2, 27))),
        (MONTH, date(2027, 1, 31), date(2027, 2, 28), (date(2027, 2, 28), date(2027, 3, 30))),
        (MONTH, date(2027, 1, 31), date(2027, 3, 31), (date(2027, 3, 31), date(2027, 4, 29))),
        (MONTH, date(2027, 1, 31), date(2027, 12, 31), (date(2027, 12, 31), date(2028, 1, 30))),
        # Leap year: February 2028 has 29 days.
        (MONTH, date(2028, 1, 31), date(2028, 2, 28), (date(2028, 1, 31), date(2028, 2, 28))),
        (MONTH, date(2028, 1, 31), date(2028, 2, 29), (date(2028, 2, 29), date(2028, 3, 30))),
        (MONTH, date(2027, 12, 31), date(2028, 1, 1), (date(2027, 12, 31), date(2028, 1, 30))),
        (YEAR, date(2027, 4, 6), date(2028, 4, 5), (date(2027, 4, 6), date(2028, 4, 5))),
        (YEAR, date(2027, 4, 6), date(2028, 4, 6), (date(2028, 4, 6), date(2029, 4, 5))),
        # A year from 29 February: the non-leap years' periods start on 28 February.
        (YEAR, date(2028, 2, 29), date(2029, 2, 27), (date(2028, 2, 29), date(2029, 2, 27))),
        (YEAR, date(2028, 2, 29), date(2029, 2, 28), (date(2029, 2, 28), date(2030, 2, 27))),
        (YEAR, date(2028, 2, 29), date(2032, 2, 29), (date(2032, 2, 29), date(2033, 2, 27))),
    ],
)
def test_the_period_containing_a_day(period, starts_on, day, expected):
    assert period_containing(period, starts_on, day) == Period(*expected)


@pytest.mark.parametrize("period", list(BudgetPeriod))
@pytest.mark.parametrize(
    "starts_on", [date(2027, 1, 31), date(2028, 2, 29), date(2027, 8, 30), date(2027, 6, 1)]
)
def test_periods_follow_one_another_with_no_gap_or_overlap_for_three_years(period, starts_on):
    previous = None
    day = starts_on
    while day < starts_on + timedelta(days=3 * 366):
        current = period_containing(period, starts_on, day)
        assert day in current
        if previous is not None and current != previous:
            assert current.starts_on == previous.ends_on + timedelta(days=1) == day
        previous = current
        day += timedelta(days=1)


def test_a_week_is_seven_days_and_four_weeks_twenty_eight():
    assert period_containing(WEEK, date(2027, 1, 6), date(2027, 5, 5)).ends_on - date(
        2027, 5, 5
    ) == timedelta(6)
    four = period_containing(FOUR_WEEKS, date(2027, 1, 6), date(2027, 5, 5))
    assert (four.ends_on - four.starts_on).days == 27


def test_no_period_before_the_start_or_after_the_end_and_the_end_cuts_the_last_one_short():
    assert period_containing(MONTH, date(2027, 4, 1), date(2027, 3, 31)) is None
    assert period_containing(MONTH, date(2027, 4, 1), date(2027, 7, 11), ends_on=date(2027, 7, 10)) is None
    assert period_containing(MONTH, date(2027, 4, 1), date(2027, 7, 5), ends_on=date(2027, 7, 10)) == Period(
        date(2027, 7, 1), date(2027, 7, 10)
    )


def test_a_period_is_london_days_whatever_the_clocks_do():
    # 1 April 2027 is in summer time: its London midnight is 23:00 UTC the day before.
    start, until = utc_bounds(date(2027, 4, 1), date(2027, 4, 30))
    assert start == datetime(2027, 3, 31, 23, 0)
    assert until == datetime(2027, 4, 30, 23, 0)
    # 1 January is winter time: midnight is midnight UTC.
    assert utc_bounds(date(2027, 1, 1), date(2027, 1, 1)) == (datetime(2027, 1, 1), datetime(2027, 1, 2))
