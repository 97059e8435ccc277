"""Officers and money: resolving a disputed visit (the agreed charge, a smaller one, or nothing), and
refunding part or all of a paid payment."""

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from web.access import role_required
from web.extensions import db
from web.marketplace import booking_lifecycle as life
from web.models.accounts import Role
from web.models.base import utcnow
from web.models.marketplace import Booking
from web.models.payments import Payment
from web.payments import bp, charges, gateway, refunds
from web.payments.forms import RefundForm, ResolveDisputeForm, pounds_to_pence
from web.services.listings import pence_text

OFFICERS = (Role.OFFICER, Role.ADMIN)


def _dispute_page(booking: Booking, form: ResolveDisputeForm, status: int):
    officer = current_user._get_current_object()
    messages = life.thread_for_officer(db.session, booking, officer, utcnow(), "Resolving a disputed booking")
    return render_template(
        "views/marketplace/bookings/dispute.html",
        booking=booking,
        messages=messages,
        dispute_form=form,
        form=form,
    ), status


def _charge_chosen(form: ResolveDisputeForm, booking: Booking) -> int | None:
    if form.outcome.data == "agreed":
        return charges.visit_pence(booking)
    if form.outcome.data == "nothing":
        return 0
    pence = pounds_to_pence(form.amount.data)
    if pence is None or pence <= 0:
        form.amount.errors = ["Enter the amount in pounds, like 12.50"]
    return pence


@bp.post("/payments/disputes/<booking_id>/resolve")
@role_required(*OFFICERS)
def resolve_dispute(booking_id: str):
    booking = db.session.get(Booking, booking_id)
    if booking is None or booking.status is not life.BookingStatus.DISPUTED:
        abort(404)
    form = ResolveDisputeForm()
    if not form.validate():
        return _dispute_page(booking, form, 400)
    pence = _charge_chosen(form, booking)
    if form.amount.errors:
        return _dispute_page(booking, form, 400)
    now = utcnow()
    try:
        life.resolve_dispute(
            db.session,
            booking,
            current_user._get_current_object(),
            now,
            charge_pence=pence,
            note=form.note.data,
        )
    except life.StepRefused as refused:
        form.amount.errors = [str(refused)]
        return _dispute_page(booking, form, 400)
    unpaid = charges.take_booking_payments(db.session, booking, now)
    flash(f"Dispute resolved: {pence_text(pence) if pence else 'nothing'} charged.", "success")
    for message in unpaid:
        flash(f"The person has been asked to pay on the site: {message}", "error")
    return redirect(url_for("curation.list_disputes"))


def _paid_payment(payment_id: str) -> Payment:
    payment = db.session.get(Payment, payment_id)
    if payment is None:
        abort(404)
    return payment


def _refund_page(payment: Payment, form: RefundForm, status: int = 200):
    return render_template(
        "views/payments/refund.html",
        payment=payment,
        form=form,
        left=refunds.refundable_pence(db.session, payment),
    ), status


@bp.get("/payments/<payment_id>/refund")
@role_required(*OFFICERS)
def show_refund(payment_id: str):
    return _refund_page(_paid_payment(payment_id), RefundForm(formdata=None))


@bp.post("/payments/<payment_id>/refund")
@role_required(*OFFICERS)
def make_refund(payment_id: str):
    payment = _paid_payment(payment_id)
    form = RefundForm()
    valid = form.validate()
    pence = pounds_to_pence(form.amount.data)
    if pence is None:
        form.amount.errors = ["Enter the amount in pounds, like 12.50"]
    if not valid or pence is None:
        return _refund_page(payment, form, 400)
    try:
        refunds.refund(
            db.session, payment, pence, form.reason.data, current_user._get_current_object(), utcnow()
        )
    except refunds.RefundRefused as refused:
        form.amount.errors = [str(refused)]
        return _refund_page(payment, form, 400)
    except gateway.StripeUnavailable as unavailable:
        flash(f"{unavailable} The refund is saved and will be made when it answers.", "error")
        return redirect(url_for("payments.show_refund", payment_id=payment.id))
    flash(f"Refunded {pence_text(pence)}.", "success")
    return redirect(url_for("payments.show_refund", payment_id=payment.id))


@bp.app_template_global()
def new_dispute_form() -> ResolveDisputeForm:
    return ResolveDisputeForm(formdata=None, outcome="agreed")


@bp.app_template_global()
def agreed_charge_of(booking: Booking) -> int:
    return charges.visit_pence(booking)
