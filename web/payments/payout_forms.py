"""Forms for the officers' payout pages."""

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovDateInput, GovSubmitInput
from wtforms import SubmitField
from wtforms.validators import Optional

from web.marketplace.forms import LenientDate


class MakePayoutFileForm(FlaskForm):
    submit = SubmitField("Make this week's payout file", widget=GovSubmitInput())


class MarkPaidForm(FlaskForm):
    # An unreadable date is None; the payout rules say what is wrong with it.
    paid_on = LenientDate(
        "Date finance paid the file",
        description="For example, 27 3 2027",
        widget=GovDateInput(),
        validators=[Optional()],
        format="%d %m %Y",
    )
    submit = SubmitField("Mark as paid", widget=GovSubmitInput())
