"""Marketplace forms. Each area keeps its forms in its own section below."""

import re
from datetime import date

from dateutil.relativedelta import relativedelta
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovDateInput,
    GovFileInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from web.models.budgets import BudgetPeriod
from web.models.marketplace import DbsLevel, LegalForm

# Provider business and checks


class LenientInteger(IntegerField):
    """An empty or unreadable number is None; the domain says what is wrong with it."""

    def process_formdata(self, valuelist):
        self.data = None
        if valuelist and valuelist[0].strip():
            text = valuelist[0].strip().replace(",", "")
            self.data = int(text) if text.isdigit() else -1


class LenientDate(DateField):
    def process_formdata(self, valuelist):
        from datetime import date

        self.data = None
        if len(self.raw_data or []) != 3:
            self.raw_data = None
        if valuelist and len(valuelist) == 3 and all(v.strip() for v in valuelist):
            try:
                self.data = date(int(valuelist[2]), int(valuelist[1]), int(valuelist[0]))
            except ValueError:
                self.data = None


class BusinessForm(FlaskForm):
    trading_name = StringField("Business name", widget=GovTextInput())
    legal_form = RadioField(
        "How is your business set up?",
        choices=[(f.value, f.label) for f in LegalForm],
        widget=GovRadioInput(),
        validate_choice=False,
    )
    worker_count = LenientInteger(
        "How many people work in your business, including you?",
        description="1 to 8 people is a micro-provider.",
        widget=GovTextInput(),
    )
    base_postcode = StringField("Postcode your business is based at", widget=GovTextInput())
    travel_miles = LenientInteger("How many miles will you travel?", widget=GovTextInput())
    travel_districts = StringField(
        "Or the postcode districts you cover", description="For example, WN1 WN2 WN3.", widget=GovTextInput()
    )
    public_phone = StringField("Phone number people can call", widget=GovTextInput())
    public_email = StringField("Email address people can write to", widget=GovTextInput())
    agrees_to_code = BooleanField("I agree to the code of conduct", widget=GovCheckboxInput())
    submit = SubmitField("Save and continue", widget=GovSubmitInput())


class CheckForm(FlaskForm):
    dbs_level = RadioField(
        "Level of DBS check",
        choices=[(d.value, d.label) for d in DbsLevel],
        widget=GovRadioInput(),
        validate_choice=False,
    )
    on_update_service = RadioField(
        "Is the certificate on the DBS Update Service?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=GovRadioInput(),
        validate_choice=False,
    )
    reference = StringField("Number", widget=GovTextInput())
    insurer = StringField("Insurer", widget=GovTextInput())
    cover_pounds = LenientInteger("Cover amount in pounds", widget=GovTextInput())
    title = StringField("Name of the training course", widget=GovTextInput())
    reason = TextAreaField("Why your business does not need to register with CQC", widget=GovTextArea())
    issued_on = LenientDate("Date", widget=GovDateInput(), validators=[Optional()], format="%d %m %Y")
    expires_on = LenientDate(
        "End date of the policy", widget=GovDateInput(), validators=[Optional()], format="%d %m %Y"
    )
    upload = FileField(
        "Upload the certificate or policy (PDF, JPG or PNG, smaller than 10 MB)", widget=GovFileInput()
    )
    submit = SubmitField("Add", widget=GovSubmitInput())


class SubmitForChecksForm(FlaskForm):
    submit = SubmitField("Send for checks", widget=GovSubmitInput())


class ApproveForm(FlaskForm):
    submit = SubmitField("Approve", widget=GovSubmitInput())


class AskForChangesForm(FlaskForm):
    reason = TextAreaField("What needs to change", widget=GovTextArea())
    submit = SubmitField("Ask for changes", widget=GovSubmitInput())


# Offerings and availability

YES_NO = [("yes", "Yes"), ("no", "No")]


def show_errors(form: FlaskForm, errors: dict[str, str]) -> None:
    """Put the domain's messages next to their fields."""
    for name, message in errors.items():
        field = getattr(form, name, None)
        if field is not None:
            field.errors = [message]


class OfferingForm(FlaskForm):
    service_id = SelectField("Which listing is this on?", validate_choice=False, widget=GovSelect())
    name = StringField(
        "What do you call it?", description="For example, “Help at home”.", widget=GovTextInput()
    )
    description = TextAreaField("What it includes", widget=GovTextArea())
    category = SelectField("Category", validate_choice=False, widget=GovSelect())
    who_it_is_for = StringField(
        "Who it is for", description="For example, “older people living at home”.", widget=GovTextInput()
    )
    is_personal_care = RadioField(
        "Does it include personal care?",
        description="Like help with washing, dressing or taking medicines.",
        choices=YES_NO,
        validate_choice=False,
        widget=GovRadioInput(),
    )
    price = StringField("Price in pounds", description="For example, 18.50", widget=GovTextInput())
    price_unit = RadioField(
        "The price is",
        choices=[("hour", "Per hour"), ("visit", "Per visit"), ("session", "Per session")],
        validate_choice=False,
        widget=GovRadioInput(),
    )
    minimum_minutes = StringField(
        "Shortest booking, in minutes", description="For example, 60", widget=GovTextInput()
    )
    dp_payable = RadioField(
        "Can a direct payment pay for it?", choices=YES_NO, validate_choice=False, widget=GovRadioInput()
    )
    free_cancellation_hours = StringField(
        "People can cancel free until how many hours before?", widget=GovTextInput()
    )
    late_fee_percent = StringField(
        "After that, the late cancellation fee as a percentage of the price",
        description="From 0 to 100. 0 means no fee.",
        widget=GovTextInput(),
    )
    submit = SubmitField("Save", widget=GovSubmitInput())


class ConfirmActionForm(FlaskForm):
    submit = SubmitField("Confirm", widget=GovSubmitInput())


class WeeklyHoursForm(FlaskForm):
    weekday = SelectField(
        "Day",
        choices=[
            (str(i), d)
            for i, d in enumerate(
                ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
            )
        ],
        validate_choice=False,
        widget=GovSelect(),
    )
    starts = StringField("From", description="24-hour clock, like 09:00", widget=GovTextInput())
    ends = StringField("To", description="24-hour clock, like 17:00", widget=GovTextInput())
    submit = SubmitField("Add these times", widget=GovSubmitInput())


class ExceptionForm(FlaskForm):
    kind = RadioField(
        "What is it?",
        choices=[("off", "A day off"), ("extra", "Extra times on this date")],
        validate_choice=False,
        widget=GovRadioInput(),
    )
    on = StringField("Date", description="For example, 27/03/2027", widget=GovTextInput())
    starts = StringField("From (extra times only)", widget=GovTextInput())
    ends = StringField("To (extra times only)", widget=GovTextInput())
    note = StringField("Note (optional)", widget=GovTextInput())
    submit = SubmitField("Add", widget=GovSubmitInput())


class BookingRulesForm(FlaskForm):
    minimum_notice_hours = StringField("Minimum notice, in hours", widget=GovTextInput())
    max_bookings_per_day = StringField("Most bookings in one day", widget=GovTextInput())
    travel_minutes = StringField("Travel time between visits, in minutes", widget=GovTextInput())
    submit = SubmitField("Save", widget=GovSubmitInput())


# ---- Booking lifecycle and messages ---------------------------------------------------------------


class MessageForm(FlaskForm):
    body = TextAreaField(
        "Send a message",
        description="Up to 1000 characters. No attachments.",
        validators=[
            DataRequired("Enter your message"),
            Length(max=1000, message="Your message must be 1000 characters or fewer"),
        ],
        widget=GovTextArea(),
    )
    submit = SubmitField("Send message", widget=GovSubmitInput())


class StepForm(FlaskForm):
    """One button for a step (accept, decline, confirm, cancel), with an optional reason."""

    reason = TextAreaField("Reason (optional)", widget=GovTextArea())
    submit = SubmitField("Continue", widget=GovSubmitInput())


# ---- Booking a provider ---------------------------------------------------------------------------


class BookingTimeForm(FlaskForm):
    """Step 1: the start time (radios drawn a day at a time by the page), the length and the weeks."""

    start = StringField("Choose a start time")
    minutes = LenientInteger("How long do you want each visit to be?", widget=GovTextInput())
    weeks = LenientInteger(
        "How many weeks?",
        description="Enter 1 for one visit, or up to 12 for the same time every week.",
        widget=GovTextInput(),
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())


class BookingCheckForm(FlaskForm):
    """Step 2: what the person tells the provider, with the chosen time carried along unchanged."""

    start = HiddenField()
    minutes = HiddenField()
    weeks = HiddenField()
    visits = HiddenField()  # how many visits the person was shown, so a change since is noticed
    visit_address = TextAreaField(
        "Address for the visit",
        description="The provider sees this only once they accept your request.",
        validators=[Length(max=300, message="The address must be 300 characters or fewer")],
        widget=GovTextArea(),
    )
    booked_for = StringField(
        "Who is the visit for? (optional)",
        description="If you are booking for someone else, their first name is enough.",
        validators=[Length(max=120, message="The name must be 120 characters or fewer")],
        widget=GovTextInput(),
    )
    what_matters = TextAreaField(
        "What matters to you (optional)",
        description="Anything the provider should know before the visit. Up to 1000 characters.",
        validators=[Length(max=1000, message="What matters to you must be 1000 characters or fewer")],
        widget=GovTextArea(),
    )
    submit = SubmitField("Send request", widget=GovSubmitInput())


class DeliveredForm(FlaskForm):
    """The provider records the visit that took place."""

    started_on = StringField(
        "Date the visit started", description="For example, 27/03/2027", widget=GovTextInput()
    )
    started_at = StringField(
        "Time it started", description="24-hour clock, like 09:30", widget=GovTextInput()
    )
    minutes = LenientInteger("How long it lasted, in minutes", widget=GovTextInput())
    note = TextAreaField(
        "A short note (optional)",
        description="What you did. Up to 500 characters.",
        validators=[Length(max=500, message="The note must be 500 characters or fewer")],
        widget=GovTextArea(),
    )
    submit = SubmitField("Mark as delivered", widget=GovSubmitInput())


# ---- Claiming an existing listing -----------------------------------------------------------------


class FindListingForm(FlaskForm):
    """A GET search: it changes nothing, so it carries no CSRF token."""

    class Meta:
        csrf = False

    name = StringField("Name of your listing", widget=GovTextInput())
    postcode = StringField("Postcode or postcode district", widget=GovTextInput())
    submit = SubmitField("Find your listing", widget=GovSubmitInput())


class ClaimListingForm(FlaskForm):
    # Sent by the button of the listing chosen; checked against the unclaimed listings, not trusted.
    service_id = StringField("Which listing is yours?")


class RefuseClaimForm(FlaskForm):
    reason = TextAreaField("Why the listing is not theirs", widget=GovTextArea())
    submit = SubmitField("Refuse the claim", widget=GovSubmitInput())


# ---- Reviews of visits --------------------------------------------------------------------------


class ReviewForm(FlaskForm):
    # Checked by the review rules, which put their message beside the field.
    stars = RadioField(
        "How many stars would you give this visit?",
        choices=[
            ("5", "5 stars: excellent"),
            ("4", "4 stars: good"),
            ("3", "3 stars: all right"),
            ("2", "2 stars: poor"),
            ("1", "1 star: very poor"),
        ],
        widget=GovRadioInput(),
        validate_choice=False,
    )
    text = TextAreaField(
        "Your review",
        description="What went well, or what could be better. Up to 500 characters. "
        "It is shown on the listing once a community support officer has checked it.",
        widget=GovTextArea(),
    )
    submit = SubmitField("Send your review", widget=GovSubmitInput())


class RefuseReviewForm(FlaskForm):
    reason = TextAreaField("Why the review is not shown", widget=GovTextArea())
    submit = SubmitField("Do not show the review", widget=GovSubmitInput())


class ReplyToReviewForm(FlaskForm):
    reply = TextAreaField(
        "Your reply",
        description="Up to 500 characters. You can reply once, and cannot change it afterwards.",
        widget=GovTextArea(),
    )
    submit = SubmitField("Send your reply", widget=GovSubmitInput())


# ---- Budgets and statements -----------------------------------------------------------------------

MOST_POUNDS = 100_000  # per period: far above any personal budget, so only a typing slip is refused


class PoundsField(StringField):
    """Pounds and pence typed as a person writes them ("150", "£1,200.50"), read as whole pence: None
    when empty, -1 when it cannot be read."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        self.pence = None
        text = (self.data or "").strip().replace("£", "").replace(",", "")
        if not text:
            return
        match = re.fullmatch(r"(\d*)(?:\.(\d{1,2}))?", text)
        if match is None or not (match[1] or match[2]):
            self.pence = -1
            return
        self.pence = int(match[1] or 0) * 100 + int((match[2] or "0").ljust(2, "0"))


class DayMonthYearField(DateField):
    """A GOV.UK date input: remembers whether anything was typed, so "enter a date" and "that is not a
    real date" get different messages."""

    def process_formdata(self, valuelist):
        self.entered = any(v.strip() for v in valuelist)
        self.data = None
        if len(valuelist) != 3:
            self.raw_data = None
            return
        day, month, year = (v.strip() for v in valuelist)
        if not (day.isdigit() and month.isdigit() and year.isdigit() and len(year) == 4):
            return
        try:
            self.data = date(int(year), int(month), int(day))
        except ValueError:
            self.data = None

    def check(self, what: str, required: bool = True) -> None:
        """Messages for an empty or impossible date, `what` being "the start date" or similar."""
        if self.data is None and (required or getattr(self, "entered", False)):
            if getattr(self, "entered", False):
                message = f"{what.capitalize()} must be a real date, like 27 3 2027"
            else:
                message = f"Enter {what}"
            raise ValidationError(message)


def _pounds_check(field: PoundsField, what: str, required: bool) -> None:
    pence = getattr(field, "pence", None)
    if pence is None:
        if required:
            raise ValidationError(f"Enter {what}, like 150.00")
        return
    if pence < 0:
        raise ValidationError(f"Enter {what} in pounds and pence, like 150.00")
    if pence > MOST_POUNDS * 100:
        raise ValidationError(f"{what.capitalize()} must be £{MOST_POUNDS:,} or less")


class BudgetForm(FlaskForm):
    amount = PoundsField(
        "How much does the council pay into your direct payment?",
        description="In pounds, like 150.00. The council's letter or your support plan says how much.",
        widget=GovTextInput(),
    )
    period = RadioField(
        "How often?",
        choices=[(p.value, p.label.capitalize()) for p in BudgetPeriod],
        widget=GovRadioInput(),
        validate_choice=False,
    )
    starts_on = DayMonthYearField(
        "When does your budget start?",
        description="Each period counts from this date. For example, 6 4 2027",
        widget=GovDateInput(),
        format="%d %m %Y",
    )
    ends_on = DayMonthYearField(
        "When does it end? (optional)",
        description="Leave this empty if there is no end date.",
        widget=GovDateInput(),
        format="%d %m %Y",
    )
    council_reference = StringField(
        "Your council reference (optional)",
        description="It is printed on your statements, so the council can match them to you.",
        validators=[Length(max=60, message="The council reference must be 60 characters or fewer")],
        widget=GovTextInput(),
    )
    contribution = PoundsField(
        "Your own contribution each period (optional)",
        description="What you pay in yourself, if the council asked you to. In pounds, like 20.00.",
        widget=GovTextInput(),
    )
    submit = SubmitField("Save budget", widget=GovSubmitInput())

    def validate_amount(self, field):
        _pounds_check(field, "the amount", required=True)
        if field.pence == 0:
            raise ValidationError("The amount must be more than £0")

    def validate_period(self, field):
        if field.data not in {p.value for p in BudgetPeriod}:
            raise ValidationError("Select how often the council pays your budget")

    def validate_starts_on(self, field):
        field.check("the date your budget starts")

    def validate_ends_on(self, field):
        field.check("the end date", required=False)
        if field.data and self.starts_on.data and field.data < self.starts_on.data:
            raise ValidationError("The end date must be the same as or after the start date")

    def validate_contribution(self, field):
        _pounds_check(field, "your contribution", required=False)


STATEMENT_MOST_YEARS = 2


class StatementForm(FlaskForm):
    """A GET form: it changes nothing, so it carries no CSRF token."""

    class Meta:
        csrf = False

    first = DayMonthYearField(
        "From", description="For example, 1 4 2027", widget=GovDateInput(), format="%d %m %Y"
    )
    last = DayMonthYearField(
        "To", description="For example, 31 3 2028", widget=GovDateInput(), format="%d %m %Y"
    )
    submit = SubmitField("Show statement", widget=GovSubmitInput())

    def validate_first(self, field):
        field.check("the date the statement starts from")

    def validate_last(self, field):
        field.check("the date the statement goes up to")
        first = self.first.data
        if field.data and first and field.data < first:
            raise ValidationError(
                "The date the statement goes up to must be the same as or after the date it starts from"
            )
        if field.data and first and field.data >= first + relativedelta(years=STATEMENT_MOST_YEARS):
            raise ValidationError(
                f"A statement can cover up to {STATEMENT_MOST_YEARS} years: choose dates closer together"
            )
