"""Booking a provider: choose a time, check the details, send the request. Nothing is written until
the request is sent, and then only by booking_requests.request_booking."""

from datetime import date, datetime, timedelta

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_login import current_user

from web.access import signed_in
from web.extensions import db
from web.marketplace import availability, bp, time_words
from web.marketplace import booking_lifecycle as life
from web.marketplace import booking_requests as booking
from web.marketplace.bookable import business_of
from web.marketplace.budgets import effect_of_booking
from web.marketplace.forms import BookingCheckForm, BookingTimeForm, show_errors
from web.marketplace.notifications import notify_visits
from web.marketplace.offerings import cancellation_words, length_words, price_words
from web.models import Offering
from web.payments.cards import card_needed

LONDON = availability.LONDON
WEEKS_AHEAD = 12  # how far the time page lets a person look
TIME_FIELDS = ("offering", "start", "minutes", "weeks")
ANSWER_HOURS = int(life.EXPIRES_AFTER.total_seconds() // 3600)


def _now() -> datetime:
    return datetime.now(LONDON)


def _offering_to_book(offering_id: str) -> Offering:
    """The offering, if this person may book it now; otherwise the page saying why (404 or 403)."""
    offering = db.session.get(Offering, offering_id)
    if offering is None:
        abort(404)
    user = current_user._get_current_object()
    if booking.may_book(user, offering, _now()) is None:
        return offering
    business = business_of(offering.service)
    if not user.can_book:
        own = business is not None and user.organization_id == business.organization_id
        page = render_template("views/marketplace/book/not_allowed.html", offering=offering, own=own)
        abort(make_response(page, 403))
    page = render_template("views/marketplace/book/cannot_book.html", offering=offering, business=business)
    abort(make_response(page, 404))


def _start_value(start: datetime) -> str:
    return start.astimezone(LONDON).strftime("%Y-%m-%dT%H:%M")


def _parse_start(value: str | None) -> datetime | None:
    day, _, wall = (value or "").partition("T")
    return booking.parse_start(day, wall)


def _week_of(start: datetime | None, fallback: str | None) -> int:
    today = _now().date()
    if start is not None and start.date() >= today:
        return min((start.date() - today).days // 7, WEEKS_AHEAD)
    week = int(fallback) if (fallback or "").isdigit() else 0
    return min(week, WEEKS_AHEAD)


def _time_page(offering: Offering, form: BookingTimeForm, week: int, status: int = 200):
    minutes = form.minutes.data if (form.minutes.data or 0) > 0 else offering.minimum_minutes
    minutes = min(max(minutes, offering.minimum_minutes), 12 * 60)
    first_day = _now().date() + timedelta(weeks=week)
    business = business_of(offering.service)
    days = availability.free_starts(business, offering, first_day, 7, minutes, _now())
    return render_template(
        "views/marketplace/book/time.html",
        offering=offering,
        business=business,
        form=form,
        week=week,
        weeks_ahead=WEEKS_AHEAD,
        days=_day_choices(days, form.start.data),
        shown_minutes=minutes,
        minimum=length_words(offering.minimum_minutes),
        price=price_words(offering),
    ), status


def _day_choices(days: dict[date, list[datetime]], chosen: str | None) -> list[dict]:
    """Each day's radios for the GOV.UK macro."""
    result = []
    for day, starts in days.items():
        values = [_start_value(s) for s in starts]
        items = [
            {"value": value, "text": time_words.clock_words(s), "checked": value == chosen}
            for value, s in zip(values, starts, strict=True)
        ]
        result.append({"label": time_words.day_words(day), "items": items, "id": day.isoformat()})
    return result


def _time_errors(offering: Offering, start, minutes, weeks) -> dict[str, str]:
    user = current_user._get_current_object()
    errors = booking.check_request(user, offering, start, minutes, weeks, "-", _now())
    return {name: message for name, message in errors.items() if name in TIME_FIELDS}


@bp.get("/book/<offering_id>")
@signed_in
def choose_time(offering_id: str):
    offering = _offering_to_book(offering_id)
    form = BookingTimeForm(formdata=None, minutes=offering.minimum_minutes, weeks=1)
    if (request.args.get("minutes") or "").isdigit():
        form.minutes.data = int(request.args["minutes"])
    return _time_page(offering, form, _week_of(None, request.args.get("week")))


@bp.post("/book/<offering_id>")
@signed_in
def submit_time(offering_id: str):
    offering = _offering_to_book(offering_id)
    form = BookingTimeForm()
    start = _parse_start(form.start.data)
    week = _week_of(start, request.args.get("week"))
    if request.form.get("action") == "refresh":  # "Show times for this length"
        return _time_page(offering, form, week)
    if not form.validate():
        return _time_page(offering, form, week, 400)
    weeks = form.weeks.data if form.weeks.data is not None else 1
    errors = _time_errors(offering, start, form.minutes.data, weeks)
    if errors:
        show_errors(form, errors)
        return _time_page(offering, form, week, 400)
    return redirect(
        url_for(
            "marketplace.check_booking",
            offering_id=offering.id,
            start=_start_value(start),
            minutes=form.minutes.data,
            weeks=weeks,
        )
    )


def _whole(value: str | None) -> int | None:
    """As the time form reads numbers: empty is None, anything but digits is -1 (refused as too small)."""
    text = (value or "").strip()
    return None if not text else int(text) if text.isdigit() else -1


def _back_to_time(offering: Offering, values: dict, errors: dict[str, str]):
    form = BookingTimeForm(formdata=None, **values)
    show_errors(form, errors)
    return _time_page(offering, form, _week_of(_parse_start(values["start"]), None), 400)


def _check_page(offering, form, planned, start, minutes, weeks, status=200):
    return render_template(
        "views/marketplace/book/check.html",
        offering=offering,
        business=business_of(offering.service),
        form=form,
        planned=planned,
        start=start,
        minutes=minutes,
        weeks=weeks,
        length=length_words(minutes),
        cancellation=cancellation_words(offering),
        home_visit=offering.service.home_visits,
        budget_effects=effect_of_booking(
            db.session, current_user.id, [v.start for v in planned.free], planned.unit_total_pence, _now()
        ),
    ), status


def _time_values(source) -> dict:
    return {
        "start": source.get("start"),
        "minutes": _whole(source.get("minutes")),
        "weeks": _whole(source.get("weeks")),
    }


def _checked_time(offering: Offering, values: dict):
    """The quote for a chosen time, or the time page again with what is wrong."""
    start = _parse_start(values["start"])
    weeks = values["weeks"] if values["weeks"] is not None else 0
    errors = _time_errors(offering, start, values["minutes"], weeks)
    if errors:
        return None, _back_to_time(offering, values, errors)
    planned = booking.quote(offering, start, values["minutes"], weeks, _now())
    if not planned.free:
        return None, _back_to_time(offering, values, {"start": booking.TAKEN})
    return planned, None


@bp.get("/book/<offering_id>/check")
@signed_in
def check_booking(offering_id: str):
    offering = _offering_to_book(offering_id)
    values = _time_values(request.args)
    planned, page = _checked_time(offering, values)
    if page:
        return page
    form = BookingCheckForm(formdata=None, visits=str(len(planned.free)), **values)
    start = _parse_start(values["start"])
    return _check_page(offering, form, planned, start, values["minutes"], values["weeks"])


@bp.post("/book/<offering_id>/check")
@signed_in
def send_booking_request(offering_id: str):
    offering = _offering_to_book(offering_id)
    form = BookingCheckForm()
    values = _time_values(request.form)
    planned, page = _checked_time(offering, values)
    if page:
        return page
    start, minutes, weeks = _parse_start(values["start"]), values["minutes"], values["weeks"]
    if form.visits.data != str(len(planned.free)):  # a visit shown as free was taken meanwhile
        return _back_to_time(offering, values, {"start": booking.TAKEN})
    address_missing = offering.service.home_visits and not (form.visit_address.data or "").strip()
    if not form.validate() or address_missing:
        if address_missing:
            form.visit_address.errors = ["Enter the address for the visit"]
        return _check_page(offering, form, planned, start, minutes, weeks, 400)
    if needed := card_needed(db.session, current_user.id):
        flash(needed, "error")
        return _check_page(offering, form, planned, start, minutes, weeks, 400)
    try:
        made = booking.request_booking(
            db.session,
            current_user._get_current_object(),
            offering,
            start,
            minutes,
            weeks,
            visit_address=form.visit_address.data,
            what_matters=form.what_matters.data,
            booked_for=form.booked_for.data,
            now=_now(),
            skip_clashes=True,
        )
    except booking.BookingRefused as refused:
        time_errors = {k: v for k, v in refused.errors.items() if k in TIME_FIELDS}
        if time_errors:
            return _back_to_time(offering, values, time_errors)
        show_errors(form, refused.errors)
        return _check_page(offering, form, planned, start, minutes, weeks, 400)
    notify_visits("requested", made)  # after the commit: a failed send never loses the request
    return redirect(url_for("marketplace.booking_sent", booking_id=made[0].id))


@bp.get("/book/sent/<booking_id>")
@signed_in
def booking_sent(booking_id: str):
    user = current_user._get_current_object()
    try:
        first = life.booking_for(db.session, user, booking_id)
    except life.NotFound:
        abort(404)
    if not life.is_person(user, first):
        abort(404)
    visits = first.series.bookings if first.series else [first]
    return render_template(
        "views/marketplace/book/sent.html", booking=first, visits=visits, answer_hours=ANSWER_HOURS
    )
