"""A person's or provider's bookings: the list, one booking with its actions and messages."""

from datetime import datetime

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from web.access import signed_in
from web.extensions import db
from web.marketplace import booking_lifecycle as life
from web.marketplace import bp
from web.marketplace.availability import LONDON, to_london, to_utc_naive
from web.marketplace.forms import DeliveredForm, MessageForm, StepForm
from web.marketplace.notifications import notify, notify_message
from web.models.base import utcnow
from web.models.marketplace import BookingStatus
from web.payments import charges, refunds


def _booking(booking_id: str):
    try:
        return life.booking_for(db.session, current_user._get_current_object(), booking_id)
    except life.NotFound:
        abort(404)


@bp.get("/bookings")
@signed_in
def list_bookings():
    bookings = life.bookings_for(db.session, current_user._get_current_object())
    now = utcnow()
    upcoming = [b for b in bookings if b.starts_at >= now]
    past = [b for b in bookings if b.starts_at < now]
    return render_template(
        "views/marketplace/bookings/list.html",
        upcoming=upcoming,
        past=past,
        status_text=lambda booking: life.status_for(current_user, booking),
    )


def _delivered_form(booking) -> DeliveredForm:
    """Filled in with the booked time, which is usually what happened."""
    starts = to_london(booking.starts_at)
    return DeliveredForm(
        formdata=None, started_on=f"{starts:%d/%m/%Y}", started_at=f"{starts:%H:%M}", minutes=booking.minutes
    )


def _render(booking, message_form=None, status=200, delivered_form=None):
    user = current_user._get_current_object()
    return render_template(
        "views/marketplace/bookings/show.html",
        booking=booking,
        is_person=life.is_person(user, booking),
        is_provider=life.is_provider(user, booking),
        show_address=life.address_visible_to(user, booking),
        terms=life.cancellation_terms(booking, utcnow()),
        message_form=message_form or MessageForm(formdata=None),
        step_form=StepForm(formdata=None),
        delivered_form=delivered_form or _delivered_form(booking),
        form=delivered_form or message_form,  # whose errors the page summarises
        visit_started=utcnow() >= booking.starts_at,
        statuses=BookingStatus,
        status_text=life.status_for(user, booking),
    ), status


@bp.get("/bookings/<booking_id>")
@signed_in
def show_booking(booking_id: str):
    return _render(_booking(booking_id))


@bp.post("/bookings/<booking_id>/messages")
@signed_in
def send_booking_message(booking_id: str):
    booking = _booking(booking_id)
    form = MessageForm()
    if not form.validate_on_submit():
        return _render(booking, form, 400)
    try:
        life.send_message(db.session, booking, current_user._get_current_object(), utcnow(), form.body.data)
    except life.StepRefused as refused:
        form.body.errors = [str(refused)]
        return _render(booking, form, 400)
    notify_message(booking, current_user.id)
    flash("Message sent.", "success")
    return redirect(url_for("marketplace.show_booking", booking_id=booking.id))


# The domain's refusals that belong next to a field of the form.
DELIVERED_FIELDS = {
    "The start time must be in the past": "started_on",
    "Enter how long the visit was, in minutes": "minutes",
}


def _delivered_start(form: DeliveredForm) -> datetime | None:
    """The London date and time the provider entered, as stored (UTC); None, with the field's error
    set, if either cannot be read."""
    try:
        day = datetime.strptime((form.started_on.data or "").strip(), "%d/%m/%Y").date()
    except ValueError:
        form.started_on.errors = ["Enter the date the visit started, like 27/03/2027"]
    try:
        wall = datetime.strptime((form.started_at.data or "").strip(), "%H:%M").time()
    except ValueError:
        form.started_at.errors = ["Enter the time the visit started, like 09:30"]
    if form.started_on.errors or form.started_at.errors:
        return None
    return to_utc_naive(datetime.combine(day, wall, tzinfo=LONDON))


@bp.post("/bookings/<booking_id>/delivered")
@signed_in
def mark_delivered(booking_id: str):
    booking = _booking(booking_id)
    form = DeliveredForm()
    valid = form.validate()  # first, as it clears the fields' errors
    started = _delivered_start(form)
    if not valid or started is None:
        return _render(booking, status=400, delivered_form=form)
    try:
        life.deliver(
            db.session,
            booking,
            current_user._get_current_object(),
            utcnow(),
            started_at=started,
            minutes=form.minutes.data,
            note=form.note.data,
        )
    except life.StepRefused as refused:
        field = DELIVERED_FIELDS.get(str(refused))
        if field is None:
            flash(str(refused), "error")
        else:
            getattr(form, field).errors = [str(refused)]
        return _render(booking, status=400, delivered_form=form)
    notify("delivered", booking)
    flash("Visit recorded. The person has been asked to confirm it.", "success")
    return redirect(url_for("marketplace.show_booking", booking_id=booking.id))


STEPS = {
    "accept": (lambda s, b, u, n, r: life.accept(s, b, u, n), "accepted"),
    "decline": (lambda s, b, u, n, r: life.decline(s, b, u, n, r), "declined"),
    "confirm": (lambda s, b, u, n, r: life.confirm(s, b, u, n), "confirmed"),
    "dispute": (lambda s, b, u, n, r: life.dispute(s, b, u, n, r), "disputed"),
    "provider-cancel": (lambda s, b, u, n, r: life.cancel_by_provider(s, b, u, n, reason=r), "cancelled"),
    "provider-refund": (
        lambda s, b, u, n, r: life.cancel_confirmed_by_provider(s, b, u, n, reason=r),
        "cancelled",
    ),
}


@bp.post("/bookings/<booking_id>/<step>")
@signed_in
def booking_step(booking_id: str, step: str):
    booking = _booking(booking_id)
    form = StepForm()
    user, now = current_user._get_current_object(), utcnow()
    try:
        if step == "cancel":
            fee = request.form.get("expected_fee_pence", "")
            if not fee.isdigit():
                raise life.StepRefused("Check the cancellation fee and confirm again.")
            life.cancel_by_person(
                db.session, booking, user, now, expected_fee_pence=int(fee), reason=form.reason.data
            )
            what = "cancelled"
        elif step in STEPS:
            apply, what = STEPS[step]
            apply(db.session, booking, user, now, form.reason.data)
        else:
            abort(404)
    except life.StepRefused as refused:
        flash(str(refused), "error")
        return _render(booking, status=400)
    # After the step's commit: charge what it opened, refund what a provider's cancellation gives back.
    unpaid = charges.take_booking_payments(db.session, booking, now)
    refunded = refunds.refund_cancelled_visit(db.session, booking, user, now)
    notify(what, booking)
    flash(" ".join([f"Booking {life.status_for(user, booking).lower()}.", *refunded]), "success")
    for message in unpaid:
        flash(message, "error")
    return redirect(url_for("marketplace.show_booking", booking_id=booking.id))
