"""Form pieces shared by more than one area: filters and fields with GOV.UK-style messages."""

import re

from govuk_frontend_wtf.wtforms_widgets import GovTextInput
from wtforms import StringField
from wtforms.validators import DataRequired, Email, Length

_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_control_characters(value: str | None) -> str | None:
    return _CONTROL_CHARACTERS.sub("", value).strip() if value is not None else None


def send_once_email_field(what: str) -> StringField:
    """An email address used once to send `what` to the person, and never kept."""
    return StringField(
        "Email address",
        description=f"We will send {what} once. We do not keep your email address.",
        validators=[
            DataRequired(message="Enter your email address"),
            Length(max=254, message="Email address must be 254 characters or fewer"),
            Email(message="Enter an email address in the correct format, like name@example.com"),
        ],
        filters=[strip_control_characters],
        widget=GovTextInput(),
    )
