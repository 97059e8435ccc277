"""Account forms. The rules themselves live in web.services.accounts so the CLI checks the same things."""

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovRadioInput, GovSubmitInput, GovTextInput
from wtforms import Field, PasswordField, RadioField, StringField, SubmitField
from wtforms.validators import ValidationError

from web.models.accounts import SELF_SERVICE_ROLES, Role
from web.services import accounts

# Choosing this asks to join as a provider: the account is a person's until an officer approves it.
JOIN_AS_PROVIDER = Role.PROVIDER.value
REGISTRATION_CHOICES = [(role.value, role.label) for role in SELF_SERVICE_ROLES] + [
    (JOIN_AS_PROVIDER, Role.PROVIDER.label)
]
CHOOSE_ROLE = "Select the option that best describes you"
ENTER_PASSWORD_AGAIN = "Enter your password again"  # noqa: S105 (a message, not a password)
PASSWORDS_DO_NOT_MATCH = "The passwords you entered do not match"
ENTER_YOUR_PASSWORD = "Enter your password"  # noqa: S105
SIGN_IN_FAILED = "The email address or password is not correct"


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


def _check(message: str | None) -> None:
    if message:
        raise ValidationError(message)


class RegistrationForm(FlaskForm):
    display_name = StringField(
        "What should we call you?",
        description="For example, your first name. We use it to greet you when you sign in.",
        filters=[_strip],
        widget=GovTextInput(),
    )
    email = StringField(
        "Email address",
        description="You will use this to sign in.",
        filters=[_strip],
        widget=GovTextInput(),
    )
    password = PasswordField(
        "Create a password",
        description='Use at least 12 characters, or 3 or more words, for example "kettle garden window".',
        widget=GovPasswordInput(),
    )
    confirm_password = PasswordField("Enter your password again", widget=GovPasswordInput())
    role = RadioField(
        "Which of these describes you best?",
        description="If more than one fits, choose the one that matters most to you now.",
        choices=REGISTRATION_CHOICES,
        # Our own check below gives a plain-English message, and refuses roles the public cannot choose.
        validate_choice=False,
        widget=GovRadioInput(),
    )
    organization_name = StringField(
        "If you run a business or group, what is it called?",
        description="A community support officer will check your business or group before you can list it.",
        filters=[_strip],
        widget=GovTextInput(),
    )
    submit = SubmitField("Create account", widget=GovSubmitInput())

    def validate_display_name(self, field: Field) -> None:
        _check(accounts.display_name_problem(field.data or ""))

    def validate_email(self, field: Field) -> None:
        _check(accounts.email_problem(field.data or ""))

    def validate_password(self, field: Field) -> None:
        _check(accounts.password_problem(field.data or "", self.email.data or ""))

    def validate_confirm_password(self, field: Field) -> None:
        if self.password.errors:
            return  # one message about the password is enough; both boxes must be typed again anyway
        if not field.data:
            raise ValidationError(ENTER_PASSWORD_AGAIN)
        if field.data != self.password.data:
            raise ValidationError(PASSWORDS_DO_NOT_MATCH)

    def validate_role(self, field: Field) -> None:
        if field.data not in {value for value, _ in REGISTRATION_CHOICES}:
            raise ValidationError(CHOOSE_ROLE)

    def validate_organization_name(self, field: Field) -> None:
        if self.joins_as_provider:
            _check(accounts.organization_name_problem(field.data or ""))

    @property
    def joins_as_provider(self) -> bool:
        return self.role.data == JOIN_AS_PROVIDER

    @property
    def chosen_role(self) -> Role:
        """What the account may do from the start: asking to join as a provider grants nothing yet."""
        return Role.PERSON if self.joins_as_provider else Role(self.role.data)


class SignInForm(FlaskForm):
    email = StringField("Email address", filters=[_strip], widget=GovTextInput())
    password = PasswordField("Password", widget=GovPasswordInput())
    submit = SubmitField("Sign in", widget=GovSubmitInput())

    def validate_email(self, field: Field) -> None:
        if not field.data:
            raise ValidationError(accounts.ENTER_EMAIL)

    def validate_password(self, field: Field) -> None:
        if not field.data:
            raise ValidationError(ENTER_YOUR_PASSWORD)


class SignOutForm(FlaskForm):
    """Only a CSRF token: signing out changes state, so it is a POST another site cannot forge."""

    submit = SubmitField("Sign out", widget=GovSubmitInput())


class DeleteAccountForm(FlaskForm):
    submit = SubmitField("Yes, delete my account", widget=GovSubmitInput())
