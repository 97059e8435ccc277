"""Free times across the clock changes, and the refusals a person sees for a bad request."""

from datetime import date, datetime, time

import pytest

from tests.factories import make_bookable_provider, make_user
from web.extensions import db
from web.marketplace.availability import LONDON, free_starts_on, to_utc_naive
from web.marketplace.booking_requests import BookingRefused, quote, request_booking
from web.models import Booking, BookingEvent
from web.models.accounts import Role

ADDRESS = "1 Church Lane, Wigan WN1 2AB"
EXPIRY = date(2030, 1, 1)


def _utc_times(starts):
    return [to_utc_naive(s).time() for s in starts]


def test_nine_to_twelve_is_the_right_utc_time_either_side_of_the_march_change(app_context):
    business, offering, _ = make_bookable_provider(weekly_hours=((6, "09:00", "12:00"),), check_expiry=EXPIRY)
    now = datetime(2027, 3, 1, tzinfo=LONDON)
    before = free_starts_on(business, offering, date(2027, 3, 21), 60, now)
    after = free_starts_on(business, offering, date(2027, 3, 28), 60, now)
    assert _utc_times(before)[0] == time(9, 0) and _utc_times(before)[-1] == time(11, 0)
    assert _utc_times(after)[0] == time(8, 0) and _utc_times(after)[-1] == time(10, 0)


def test_half_past_one_is_not_offered_when_it_does_not_exist_or_happens_twice(app_context):
    business, offering, _ = make_bookable_provider(weekly_hours=((6, "00:00", "04:00"),), check_expiry=EXPIRY)
    now = datetime(2027, 3, 1, tzinfo=LONDON)
    march = [s.time() for s in free_starts_on(business, offering, date(2027, 3, 28), 30, now)]
    october = [s.time() for s in free_starts_on(business, offering, date(2027, 10, 31), 30, now)]
    assert time(1, 30) not in march and time(2, 0) in march
    assert time(1, 30) not in october and time(1, 0) not in october and time(2, 0) in october
    autumn = free_starts_on(business, offering, date(2027, 10, 31), 60, now)
    assert _utc_times(autumn)[-1] == time(3, 0)  # 03:00 GMT, one hour to 04:00


def test_a_weekly_series_keeps_its_wall_clock_time_across_the_change(app_context):
    _business, offering, _ = make_bookable_provider(check_expiry=EXPIRY)
    now = datetime(2027, 3, 1, tzinfo=LONDON)
    planned = quote(offering, datetime(2027, 3, 21, 10, 0, tzinfo=LONDON), 60, 2, now)
    assert [to_utc_naive(v.start).hour for v in planned.visits] == [10, 9]
    assert not planned.clashes


def test_a_request_is_recorded_with_price_terms_and_travel_time(app_context):
    _business, offering, _ = make_bookable_provider(price_pence=2050, check_expiry=EXPIRY)
    person = make_user()
    now = datetime(2027, 5, 1, tzinfo=LONDON)
    [booking] = request_booking(
        db.session,
        person,
        offering,
        datetime(2027, 5, 10, 10, 0, tzinfo=LONDON),
        90,
        visit_address=ADDRESS,
        now=now,
    )
    assert booking.total_pence == 3075
    assert booking.blocked_from == datetime(2027, 5, 10, 8, 45)
    assert booking.blocked_until == datetime(2027, 5, 10, 10, 45)
    assert db.session.scalar(db.select(BookingEvent.status)) == "requested"


@pytest.mark.parametrize(
    ("start", "minutes", "address", "field"),
    [
        (datetime(2027, 4, 1, 10, 0, tzinfo=LONDON), 60, ADDRESS, "start"),  # in the past
        (datetime(2027, 5, 10, 10, 0, tzinfo=LONDON), 30, ADDRESS, "minutes"),  # below the minimum
        (datetime(2027, 5, 10, 7, 0, tzinfo=LONDON), 60, ADDRESS, "start"),  # outside the hours
        (datetime(2027, 5, 10, 10, 0, tzinfo=LONDON), 60, "  ", "visit_address"),
    ],
)
def test_bad_requests_are_refused_by_field_and_nothing_is_written(
    app_context, start, minutes, address, field
):
    _business, offering, _ = make_bookable_provider(check_expiry=EXPIRY)
    person = make_user()
    with pytest.raises(BookingRefused) as refused:
        request_booking(
            db.session,
            person,
            offering,
            start,
            minutes,
            visit_address=address,
            now=datetime(2027, 5, 1, tzinfo=LONDON),
        )
    assert field in refused.value.errors
    assert db.session.scalar(db.select(db.func.count(Booking.id))) == 0


def test_providers_cannot_book(app_context):
    _business, offering, owner = make_bookable_provider(check_expiry=EXPIRY)
    officer = make_user("officer@example.org", role=Role.OFFICER)
    for who in (owner, officer):
        with pytest.raises(BookingRefused):
            request_booking(
                db.session,
                who,
                offering,
                datetime(2027, 5, 10, 10, 0, tzinfo=LONDON),
                60,
                visit_address=ADDRESS,
                now=datetime(2027, 5, 1, tzinfo=LONDON),
            )
