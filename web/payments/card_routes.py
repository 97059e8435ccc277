"""The "Your card" page: the Stripe.js card field saves a card through a SetupIntent, and nothing is
charged until a visit is confirmed."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from web.access import role_required
from web.accounts.next_page import safe_next_path
from web.extensions import db
from web.models.accounts import BOOKER_ROLES
from web.models.base import utcnow
from web.payments import bp, cards, gateway
from web.payments.forms import RemoveCardForm, SaveCardForm


def stripe_page_values() -> dict:
    """What every page with the card field needs: the configured Stripe.js, the publishable key and
    the council's phone for anyone whose browser cannot run it."""
    config = current_app.config
    return {
        "stripe_js_url": cards.stripe_js_url(config),
        "stripe_key": config["STRIPE_PUBLISHABLE_KEY"],
        "council_phone": config["COUNCIL_PHONE"],
    }


CARD_NOT_REMOVED = (
    "The card payment service is not answering, so your card has not been removed. Try again later."
)


def _card_page(form: SaveCardForm, status: int = 200, error: str | None = None, *, removing: bool = False):
    """The page; `removing` when the error is about the Remove button rather than the card field."""
    user = current_user._get_current_object()
    paying = cards.how_you_pay(db.session, user.id)
    setup = None
    if paying.holder is None and error not in (gateway.UNAVAILABLE, CARD_NOT_REMOVED):
        try:
            setup = cards.start_setup(db.session, user)
        except gateway.GatewayError as failed:
            error, status = str(failed), 503
    return render_template(
        "views/payments/card.html",
        form=form,
        paying=paying,
        setup=setup,
        error=error,
        error_href="#remove-card" if removing else "#card-field",
        remove_form=RemoveCardForm(formdata=None),
        **stripe_page_values(),
    ), status


@bp.get("/payments/card")
@role_required(*BOOKER_ROLES)
def show_card():
    form = SaveCardForm(formdata=None, next=safe_next_path(request.args.get("next")) or "")
    return _card_page(form)


@bp.post("/payments/card")
@role_required(*BOOKER_ROLES)
def save_card():
    form = SaveCardForm()
    if not form.validate():
        return _card_page(form, 400, cards.NOT_SAVED)
    try:
        saved = cards.record_setup(
            db.session, current_user._get_current_object(), form.setup_intent_id.data or "", utcnow()
        )
    except cards.CardNotSaved as refused:
        return _card_page(form, 400, str(refused))
    except gateway.StripeUnavailable as unavailable:
        return _card_page(form, 503, str(unavailable))
    flash(f"Card saved: {saved.brand.title()} ending {saved.last4}. Nothing has been charged.", "success")
    return redirect(safe_next_path(form.next.data) or url_for("payments.show_card"))


@bp.post("/payments/card/remove")
@role_required(*BOOKER_ROLES)
def remove_card():
    form = SaveCardForm(formdata=None)
    if not RemoveCardForm().validate():
        return _card_page(form, 400, "Your card was not removed. Try again.", removing=True)
    try:
        cards.remove_card(db.session, current_user._get_current_object())
    except cards.CardInUse as in_use:
        return _card_page(form, 409, str(in_use), removing=True)
    except gateway.GatewayError:
        db.session.rollback()
        return _card_page(form, 503, CARD_NOT_REMOVED, removing=True)
    flash("Card removed. It can no longer be charged.", "success")
    return redirect(url_for("payments.show_card"))


@bp.app_template_global()
def how_you_pay_for(user_id: int) -> cards.HowYouPay:
    """For the booking check page's "How you will pay" section."""
    return cards.how_you_pay(db.session, user_id)
