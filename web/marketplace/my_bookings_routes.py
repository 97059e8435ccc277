"""A person's or provider's bookings: the list, one booking with its actions and messages."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from web.access import signed_in
from web.extensions import db
from web.marketplace import booking_lifecycle as life
from web.marketplace import bp
from web.marketplace.forms import MessageForm, StepForm
from web.marketplace.notifications import notify, notify_message
from web.models.base import utcnow
from web.models.marketplace import BookingStatus


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
    return render_template("views/marketplace/bookings/list.html", upcoming=upcoming, past=past)


def _render(booking, message_form=None, status=200):
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
        statuses=BookingStatus,
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


STEPS = {
    "accept": (lambda s, b, u, n, r: life.accept(s, b, u, n), "accepted"),
    "decline": (lambda s, b, u, n, r: life.decline(s, b, u, n, r), "declined"),
    "confirm": (lambda s, b, u, n, r: life.confirm(s, b, u, n), "confirmed"),
    "dispute": (lambda s, b, u, n, r: life.dispute(s, b, u, n, r), "disputed"),
    "provider-cancel": (lambda s, b, u, n, r: life.cancel_by_provider(s, b, u, n, reason=r), "cancelled"),
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
    notify(what, booking)
    flash(f"Booking {booking.status.label.lower()}.", "success")
    return redirect(url_for("marketplace.show_booking", booking_id=booking.id))
