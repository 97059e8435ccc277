"""Payment forms. Stripe.js fills in the hidden ids; the card details never reach these forms."""

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import HiddenField, SubmitField


class SaveCardForm(FlaskForm):
    """Sent by js/card.js once Stripe.js has finished the SetupIntent."""

    setup_intent_id = HiddenField()
    next = HiddenField()
    submit = SubmitField("Save card", widget=GovSubmitInput())


class ConfirmPaymentForm(FlaskForm):
    """Sent by js/card.js once Stripe.js has finished the bank's check (3-D Secure)."""

    payment_intent_id = HiddenField()
    pay = SubmitField("Pay now", widget=GovSubmitInput())
