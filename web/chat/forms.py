"""Forms for the chat page. Every field renders itself as a GOV.UK component."""

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextArea
from wtforms import SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from web.form_fields import send_once_email_field, strip_control_characters

MAX_MESSAGE_CHARACTERS = 500


class MessageForm(FlaskForm):
    message = TextAreaField(
        "Your message",
        description="For example, is there a dementia group near WN1 1AA, or what is a direct payment",
        validators=[
            DataRequired(message="Enter your message"),
            Length(
                max=MAX_MESSAGE_CHARACTERS,
                message=f"Your message must be {MAX_MESSAGE_CHARACTERS} characters or fewer",
            ),
        ],
        filters=[strip_control_characters],
        widget=GovTextArea(),
    )
    send = SubmitField("Send", widget=GovSubmitInput())


class EmailConversationForm(FlaskForm):
    email = send_once_email_field("the conversation")
    send_email = SubmitField("Email the conversation", widget=GovSubmitInput())


class StartAgainForm(FlaskForm):
    """A button-only form: only the CSRF token is checked."""

    start_again = SubmitField("Start again", widget=GovSubmitInput())
