"""Forms for the public pages. Every field renders itself as a GOV.UK component."""

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovRadioInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    BooleanField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import Email, InputRequired, Length, Optional, ValidationError

from web.form_fields import send_once_email_field, strip_control_characters
from web.form_widgets import (
    RememberedCheckboxesInput,
    RememberedCheckboxInput,
    RememberedRadioInput,
    RememberedSelect,
    RememberedTextInput,
)
from web.models import (
    AUDIENCE_TAXONOMY,
    CATEGORY_TAXONOMY,
    AccessibilityFeature,
    ListingKind,
    ProblemReason,
)
from web.services.listings import miles_to_km
from web.services.search import DEFAULT_RADIUS_MILES, RADIUS_MILES
from web.services.taxonomy_terms import taxonomy_terms

DAY_CHOICES = [
    ("", "Any day"),
    ("MO", "Monday"),
    ("TU", "Tuesday"),
    ("WE", "Wednesday"),
    ("TH", "Thursday"),
    ("FR", "Friday"),
    ("SA", "Saturday"),
    ("SU", "Sunday"),
]


def taxonomy_choices(taxonomy_name: str) -> list[tuple[str, str]]:
    return taxonomy_terms(taxonomy_name)


class SearchForm(FlaskForm):
    """The GET search form on the home and results pages. Choices a person cannot pick from the page
    (an unknown category, day or sort order typed into the address) are left to the search function,
    which names the field; this form checks only what it must turn into numbers."""

    class Meta:
        csrf = False  # a search changes nothing

    q = StringField(
        "What are you looking for?",
        description="For example, dementia, carers' group, help with shopping",
        widget=RememberedTextInput(),
        filters=[strip_control_characters],
    )
    location = StringField(
        "Where?",
        description="Enter a postcode, like WN1 1AA, or a town, like Wigan",
        widget=RememberedTextInput(),
        filters=[strip_control_characters],
    )
    radius = SelectField(
        "Distance",
        choices=[(miles, f"Within {miles} {'mile' if miles == '1' else 'miles'}") for miles in RADIUS_MILES],
        default=DEFAULT_RADIUS_MILES,
        validate_choice=False,
        widget=RememberedSelect(),
    )
    sort = RadioField(
        "Sort by",
        choices=[("relevance", "Best match"), ("distance", "Nearest first")],
        default="relevance",
        validate_choice=False,
        widget=RememberedRadioInput(),
    )
    category = SelectMultipleField(
        "Type of support", validate_choice=False, widget=RememberedCheckboxesInput()
    )
    kind = SelectMultipleField(
        "Kind of listing",
        choices=[(kind.value, kind.label) for kind in ListingKind],
        validate_choice=False,
        widget=RememberedCheckboxesInput(),
    )
    audience = SelectMultipleField("Who it is for", validate_choice=False, widget=RememberedCheckboxesInput())
    access = SelectMultipleField(
        "Accessibility",
        choices=[(feature.value, feature.label) for feature in AccessibilityFeature],
        validate_choice=False,
        widget=RememberedCheckboxesInput(),
    )
    free = BooleanField("Free only", widget=RememberedCheckboxInput())
    dp = BooleanField("Can be paid for with a direct payment", widget=RememberedCheckboxInput())
    day = SelectField("Day", choices=DAY_CHOICES, validate_choice=False, widget=RememberedSelect())
    open_now = BooleanField("Open now", widget=RememberedCheckboxInput())
    page = StringField("Page number", widget=RememberedTextInput())

    def load_choices(self) -> None:
        self.category.choices = taxonomy_choices(CATEGORY_TAXONOMY)
        self.audience.choices = taxonomy_choices(AUDIENCE_TAXONOMY)

    def validate_radius(self, field: SelectField) -> None:
        if field.data not in RADIUS_MILES:
            raise ValidationError("Choose a distance from the list")

    def validate_page(self, field: StringField) -> None:
        if field.data and not field.data.strip().isdigit():
            raise ValidationError("Page must be a whole number, like 2")

    @property
    def radius_km(self) -> float:
        return miles_to_km(float(self.radius.data or DEFAULT_RADIUS_MILES))

    @property
    def page_number(self) -> int:
        return int(self.page.data) if self.page.data and self.page.data.strip().isdigit() else 1

    @property
    def is_empty(self) -> bool:
        """Nothing to search for: no words, no place and no type of support, kind or audience."""
        return not (
            self.q.data or self.location.data or self.category.data or self.kind.data or self.audience.data
        )

    def add_error(self, field_name: str, message: str) -> None:
        getattr(self, field_name).errors.append(message)


class ReportProblemForm(FlaskForm):
    reason = RadioField(
        "What is wrong with this listing?",
        choices=[(reason.value, reason.label) for reason in ProblemReason],
        validators=[InputRequired(message="Select what is wrong with this listing")],
        widget=GovRadioInput(),
    )
    details = TextAreaField(
        "Tell us more",
        description="For example, the new phone number or the right opening times. "
        "Do not include personal details about yourself or anyone else.",
        validators=[Length(max=2000, message="Details must be 2,000 characters or fewer")],
        filters=[strip_control_characters],
        widget=GovTextArea(),
    )
    reply_email = StringField(
        "Your email address (optional)",
        description="Only if you would like a reply. We will not show it on the site or share it.",
        validators=[
            Optional(),
            Length(max=254, message="Email address must be 254 characters or fewer"),
            Email(message="Enter an email address in the correct format, like name@example.com"),
        ],
        filters=[strip_control_characters],
        widget=GovTextInput(),
    )
    submit = SubmitField("Send report", widget=GovSubmitInput())

    def validate_details(self, field: TextAreaField) -> None:
        if self.reason.data == ProblemReason.OTHER.value and not field.data:
            raise ValidationError("Tell us what is wrong with this listing")


class ShortlistEmailForm(FlaskForm):
    email = send_once_email_field("the list")
    submit = SubmitField("Send the list", widget=GovSubmitInput())


class ConfirmForm(FlaskForm):
    """A button-only form (add to or remove from the list): only the CSRF token is checked."""
