"""A provider's pages for what they sell and when they are free."""

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from web.access import role_required
from web.extensions import db
from web.marketplace import availability_settings as availability
from web.marketplace import bp, offerings, providers
from web.marketplace.bookable import personal_care_waiting_for_cqc
from web.marketplace.forms import (
    BookingRulesForm,
    ConfirmActionForm,
    ExceptionForm,
    OfferingForm,
    WeeklyHoursForm,
    show_errors,
)
from web.models.accounts import Role

TEMPLATES = "views/marketplace/offerings"


def _offering_form(formdata=None, data: offerings.OfferingInput | None = None) -> OfferingForm:
    form = OfferingForm(formdata=formdata, data=vars(data) if data else None)
    form.service_id.choices = [(s.id, s.name) for s in offerings.own_services(current_user)]
    form.category.choices = [("", "Choose a category"), *offerings.category_choices()]
    return form


def _input(form: OfferingForm) -> offerings.OfferingInput:
    return offerings.OfferingInput(
        **{name: (getattr(form, name).data or "") for name in vars(offerings.OfferingInput())}
    )


def _own_offering_or_404(offering_id: str):
    try:
        return offerings.own_offering(current_user, offering_id)
    except offerings.OfferingNotFound:
        abort(404)


@bp.get("/provider/offerings")
@role_required(Role.PROVIDER)
def list_offerings():
    own = offerings.own_offerings(current_user)
    business = providers.business_for(db.session, current_user)
    waiting = personal_care_waiting_for_cqc(business.checks, own, date.today()) if business else []
    return render_template(
        f"{TEMPLATES}/list.html",
        offerings=own,
        waiting_for_cqc=waiting,
        price_words=offerings.price_words,
        withdraw_form=ConfirmActionForm(),
    )


@bp.route("/provider/offerings/new", methods=["GET", "POST"])
@role_required(Role.PROVIDER)
def add_offering():
    if request.method == "GET":
        return render_template(f"{TEMPLATES}/edit.html", form=_offering_form(), title="Add an offering")
    form = _offering_form(request.form)
    offering, errors = offerings.add_offering(current_user, _input(form))
    if errors:
        show_errors(form, errors)
        return render_template(f"{TEMPLATES}/edit.html", form=form, title="Add an offering"), 400
    flash(f"{offering.name} added")
    return redirect(url_for("marketplace.list_offerings"))


@bp.route("/provider/offerings/<offering_id>/edit", methods=["GET", "POST"])
@role_required(Role.PROVIDER)
def edit_offering(offering_id: str):
    offering = _own_offering_or_404(offering_id)
    if request.method == "GET":
        form = _offering_form(data=offerings.input_from(offering))
        return render_template(f"{TEMPLATES}/edit.html", form=form, title=f"Change {offering.name}")
    form = _offering_form(request.form)
    errors = offerings.change_offering(current_user, offering_id, _input(form))
    if errors:
        show_errors(form, errors)
        return render_template(f"{TEMPLATES}/edit.html", form=form, title=f"Change {offering.name}"), 400
    flash(f"{offering.name} saved")
    return redirect(url_for("marketplace.list_offerings"))


@bp.post("/provider/offerings/<offering_id>/withdraw")
@role_required(Role.PROVIDER)
def withdraw_offering(offering_id: str):
    _own_offering_or_404(offering_id)
    if not ConfirmActionForm().validate_on_submit():
        abort(400)
    offering = offerings.withdraw_offering(current_user, offering_id)
    flash(f"{offering.name} is no longer offered")
    return redirect(url_for("marketplace.list_offerings"))


def _business_or_404():
    business = availability.business_for(current_user)
    if business is None:
        abort(404)
    return business


def _render_availability(business, status=200, hours_form=None, exception_form=None, rules_form=None):
    rules = rules_form or BookingRulesForm(
        formdata=None,
        data={
            "minimum_notice_hours": str(business.minimum_notice_hours),
            "max_bookings_per_day": str(business.max_bookings_per_day),
            "travel_minutes": str(business.travel_minutes),
        },
    )
    return render_template(
        f"{TEMPLATES}/availability.html",
        business=business,
        days=availability.DAYS,
        weekly_rows=availability.weekly_rows(business),
        exceptions=availability.upcoming_exceptions(business, date.today()),
        hours_form=hours_form or WeeklyHoursForm(formdata=None),
        exception_form=exception_form or ExceptionForm(formdata=None),
        rules_form=rules,
        remove_form=ConfirmActionForm(),
        form=hours_form or exception_form or rules_form,  # the one sent, for the error summary
    ), status


@bp.get("/provider/availability")
@role_required(Role.PROVIDER)
def show_availability():
    return _render_availability(_business_or_404())


def _saved_or_400(business, form, errors: dict, form_name: str, message: str):
    """After an add or a change: the page again with the errors next to their fields (nothing written),
    or back to it with a confirmation."""
    if errors:
        db.session.rollback()
        show_errors(form, errors)
        return _render_availability(business, 400, **{form_name: form})
    flash(message)
    return redirect(url_for("marketplace.show_availability"))


def _removed_or_404(remove, row_id: int, message: str):
    """Remove one of this provider's own rows; another provider's id is as unknown as a made-up one."""
    try:
        remove(_business_or_404(), row_id)
    except availability.NotYours:
        abort(404)
    flash(message)
    return redirect(url_for("marketplace.show_availability"))


@bp.post("/provider/availability/rules")
@role_required(Role.PROVIDER)
def change_booking_rules():
    business = _business_or_404()
    form = BookingRulesForm()
    errors = availability.change_rules(
        business,
        form.minimum_notice_hours.data or "",
        form.max_bookings_per_day.data or "",
        form.travel_minutes.data or "",
    )
    return _saved_or_400(business, form, errors, "rules_form", "Booking rules saved")


@bp.post("/provider/availability/hours")
@role_required(Role.PROVIDER)
def add_weekly_hours():
    business = _business_or_404()
    form = WeeklyHoursForm()
    errors = availability.add_weekly_hours(
        business, form.weekday.data or "", form.starts.data or "", form.ends.data or ""
    )
    return _saved_or_400(business, form, errors, "hours_form", "Times added")


@bp.post("/provider/availability/hours/<int:row_id>/remove")
@role_required(Role.PROVIDER)
def remove_weekly_hours(row_id: int):
    return _removed_or_404(availability.remove_weekly_hours, row_id, "Times removed")


@bp.post("/provider/availability/exceptions")
@role_required(Role.PROVIDER)
def add_availability_exception():
    business = _business_or_404()
    form = ExceptionForm()
    errors = availability.add_exception(
        business,
        form.kind.data or "",
        availability.parse_date(form.on.data or ""),
        form.starts.data or "",
        form.ends.data or "",
        form.note.data or "",
        date.today(),
    )
    return _saved_or_400(business, form, errors, "exception_form", "Date added")


@bp.post("/provider/availability/exceptions/<int:row_id>/remove")
@role_required(Role.PROVIDER)
def remove_availability_exception(row_id: int):
    return _removed_or_404(availability.remove_exception, row_id, "Date removed")
