"""Payment forms: who holds the person's money, and the card steps. Stripe.js fills in the hidden ids;
the card details never reach these forms."""

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput, GovTextArea, GovTextInput
from wtforms import Field, HiddenField, RadioField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Email, ValidationError

from web.form_fields import strip_control_characters
from web.models.payments import HolderKind

# Who holds the person's money

OWN_CARD = "card"
HOW_PAID_CHOICES = [(OWN_CARD, "I pay with my own card")] + [(kind.value, kind.label) for kind in HolderKind]
HOLDER_VALUES = {kind.value for kind in HolderKind}
HOLDER_WORDS = {HolderKind.MANAGED_ACCOUNT: "the managed account", HolderKind.ISF: "the ISF provider"}
NAME_MAX, EMAIL_MAX, REFERENCE_MAX = 200, 254, 60
_EMAIL_FORMAT = Email(message="Enter an email address in the correct format, like name@example.com")


def _holder_fields(kind: HolderKind) -> tuple[StringField, StringField, StringField]:
    """The name, email and reference shown under one choice. Each choice has its own, so that without
    JavaScript (when both show) what is typed under one cannot be mixed up with the other."""
    words = HOLDER_WORDS[kind]
    return (
        StringField(
            "Name of the managed account"
            if kind is HolderKind.MANAGED_ACCOUNT
            else "Name of the ISF provider",
            filters=[strip_control_characters],
            widget=GovTextInput(),
        ),
        StringField(
            "Email address for invoices",
            description=f"We send {words} an invoice by email each month.",
            filters=[strip_control_characters],
            widget=GovTextInput(),
        ),
        StringField(
            "Your reference with them",
            description="The number or code they know you by, for example DP-0042.",
            filters=[strip_control_characters],
            widget=GovTextInput(),
        ),
    )


class MoneyHolderForm(FlaskForm):
    how_paid = RadioField(
        "How is your support paid for?",
        description="Choose who pays the providers you book.",
        choices=HOW_PAID_CHOICES,
        validate_choice=False,  # our own message below
        widget=GovRadioInput(),
    )
    managed_account_name, managed_account_email, managed_account_reference = _holder_fields(
        HolderKind.MANAGED_ACCOUNT
    )
    isf_name, isf_email, isf_reference = _holder_fields(HolderKind.ISF)
    submit = SubmitField("Save", widget=GovSubmitInput())

    def validate_how_paid(self, field: Field) -> None:
        if field.data not in {value for value, _ in HOW_PAID_CHOICES}:
            raise ValidationError("Select how your support is paid for")

    @property
    def chosen_kind(self) -> HolderKind | None:
        """The holder chosen, or None for the person's own card."""
        return HolderKind(self.how_paid.data) if self.how_paid.data in HOLDER_VALUES else None

    def holder_field(self, kind: HolderKind | str, what: str) -> Field:
        return self[f"{HolderKind(kind).value}_{what}"]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        kind = self.chosen_kind
        if kind is None:
            return valid  # only the chosen holder's fields are checked
        words = HOLDER_WORDS[kind]
        checks = (
            ("name", NAME_MAX, f"Enter the name of {words}", "Name"),
            ("email", EMAIL_MAX, f"Enter the email address of {words}", "Email address"),
            ("reference", REFERENCE_MAX, "Enter your reference with them", "Reference"),
        )
        for what, longest, missing, called in checks:
            field = self.holder_field(kind, what)
            if not field.data:
                field.errors = [missing]
            elif len(field.data) > longest:
                field.errors = [f"{called} must be {longest} characters or fewer"]
            elif what == "email":
                try:
                    _EMAIL_FORMAT(self, field)
                except ValidationError as error:
                    field.errors = [str(error)]
            valid = valid and not field.errors
        return valid


# Invoices


class MarkPaidForm(FlaskForm):
    submit = SubmitField("Mark as paid", widget=GovSubmitInput())


# The card steps
class SaveCardForm(FlaskForm):
    """Sent by js/card.js once Stripe.js has finished the SetupIntent."""

    setup_intent_id = HiddenField()
    next = HiddenField()
    submit = SubmitField("Save card", widget=GovSubmitInput())


class RemoveCardForm(FlaskForm):
    submit = SubmitField("Remove this card", widget=GovSubmitInput())


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
