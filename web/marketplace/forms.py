"""Marketplace forms. Each area keeps its own clearly marked section."""

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextArea
from wtforms import SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

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
