"""Payment forms. Stripe.js fills in the hidden ids; the card details never reach these forms."""

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput, GovTextArea, GovTextInput
from wtforms import HiddenField, RadioField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired


class SaveCardForm(FlaskForm):
    """Sent by js/card.js once Stripe.js has finished the SetupIntent."""

    setup_intent_id = HiddenField()
    next = HiddenField()
    submit = SubmitField("Save card", widget=GovSubmitInput())


class ConfirmPaymentForm(FlaskForm):
    """Sent by js/card.js once Stripe.js has finished the bank's check (3-D Secure)."""

    payment_intent_id = HiddenField()
    pay = SubmitField("Pay now", widget=GovSubmitInput())


class ResolveDisputeForm(FlaskForm):
    """An officer's decision on a disputed visit."""

    outcome = RadioField(
        "What should the person pay?",
        choices=[
            ("agreed", "The agreed charge"),
            ("smaller", "A smaller amount"),
            ("nothing", "Nothing: cancel the visit"),
        ],
        validators=[DataRequired("Choose what the person should pay")],
        widget=GovRadioInput(),
    )
    amount = StringField("Amount in pounds, like 12.50", widget=GovTextInput())
    note = TextAreaField("A note for the record (optional)", widget=GovTextArea())
    submit = SubmitField("Resolve the dispute", widget=GovSubmitInput())


class RefundForm(FlaskForm):
    """An officer gives back part or all of a paid payment."""

    amount = StringField("Amount to refund, in pounds, like 12.50", widget=GovTextInput())
    reason = TextAreaField(
        "Why is it refunded?",
        validators=[DataRequired("Enter the reason for the refund")],
        widget=GovTextArea(),
    )
    submit = SubmitField("Refund", widget=GovSubmitInput())


def pounds_to_pence(text: str | None) -> int | None:
    """ "12.50" or "£12" as pence; None if it is not an amount of money."""
    value = (text or "").strip().lstrip("£").replace(",", "")
    whole, _, pennies = value.partition(".")
    if not whole.isdigit() or len(pennies) > 2 or (pennies and not pennies.isdigit()):
        return None
    return int(whole) * 100 + int(pennies.ljust(2, "0") or 0)
