"""Marketplace forms. Each area keeps its forms in its own section below."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovDateInput,
    GovFileInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import BooleanField, DateField, IntegerField, RadioField, StringField, SubmitField, TextAreaField
from wtforms.validators import Optional

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
