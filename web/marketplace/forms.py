"""Marketplace forms. Each area keeps its own section; the rules live in the domain modules."""

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import RadioField, SelectField, StringField, SubmitField, TextAreaField

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
