"""The pay page, /payments/<id>/pay, for a payment that could not be taken off-session: its payer
confirms it with their bank or pays with a different card. Anyone else is told nothing (404)."""

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from web.access import signed_in
from web.extensions import db
from web.models.base import utcnow
from web.models.payments import Payment, PaymentStatus
from web.payments import bp, cards, charges, gateway, paying, refunds
from web.payments.card_routes import stripe_page_values
from web.payments.forms import ConfirmPaymentForm, SaveCardForm
from web.services.listings import pence_text


def _payment(payment_id: str) -> Payment:
    payment = paying.payment_for(db.session, current_user._get_current_object(), payment_id)
    if payment is None:
        abort(404)
    return payment


def _pay_page(payment: Payment, status: int = 200, error: str | None = None):
    client_secret = setup = None
    try:
        client_secret = paying.bank_check(payment)
        if payment.status is PaymentStatus.PAYMENT_NEEDED:
            setup = cards.start_setup(db.session, current_user._get_current_object())
    except gateway.GatewayError as failed:  # Stripe not answering: say so, keep any earlier message
        error = error or str(failed)
        status = 503 if status == 200 else status
    return render_template(
        "views/payments/pay.html",
        payment=payment,
        booking=payment.booking,
        card=cards.card_of(db.session, payment.payer_id),
        client_secret=client_secret,
        setup=setup,
        confirm_form=ConfirmPaymentForm(formdata=None),
        card_form=SaveCardForm(formdata=None),
        error=error,
        **stripe_page_values(),
    ), status


def _paid_or_page(payment: Payment):
    db.session.refresh(payment)
    if payment.status is PaymentStatus.SUCCEEDED:
        flash(f"Paid {pence_text(payment.amount_pence)}. Thank you.", "success")
        return redirect(url_for("marketplace.show_booking", booking_id=payment.booking_id))
    return redirect(url_for("payments.show_pay_page", payment_id=payment.id))


@bp.get("/payments/<payment_id>/pay")
@signed_in
def show_pay_page(payment_id: str):
    return _pay_page(_payment(payment_id))


@bp.post("/payments/<payment_id>/pay")
@signed_in
def confirm_with_bank(payment_id: str):
    payment = _payment(payment_id)
    form = ConfirmPaymentForm()
    if not form.validate():
        return _pay_page(payment, 400, paying.NOT_CONFIRMED)
    try:
        paying.record_bank_check(db.session, payment, form.payment_intent_id.data or "", utcnow())
    except paying.PaymentRefused as refused:
        return _pay_page(payment, 400, str(refused))
    except gateway.GatewayError as failed:
        return _pay_page(payment, 503, str(failed))
    return _paid_or_page(payment)


@bp.post("/payments/<payment_id>/pay/card")
@signed_in
def pay_with_card(payment_id: str):
    payment = _payment(payment_id)
    form = SaveCardForm()
    if not form.validate():
        return _pay_page(payment, 400, cards.NOT_SAVED)
    user = current_user._get_current_object()
    try:
        paying.pay_with_new_card(db.session, payment, user, form.setup_intent_id.data or "", utcnow())
    except (paying.PaymentRefused, cards.CardNotSaved) as refused:
        return _pay_page(payment, 400, str(refused))
    except gateway.StripeUnavailable as unavailable:
        return _pay_page(payment, 503, str(unavailable))
    return _paid_or_page(payment)


@bp.app_template_global()
def payments_of_booking(booking) -> list[Payment]:
    """For the booking page's payment section, seen by both sides."""
    return charges.payments_of(db.session, booking)


@bp.app_template_global()
def refund_by_cancelling_open(booking) -> bool:
    """Whether the booking page offers its provider "Cancel and refund"."""
    return refunds.can_refund_by_cancelling(booking, utcnow())
