"""The rules for accounts: what a valid name, email and password are, registering, signing in,
changing a role, asking to join as a provider and an officer's approval, and the UK GDPR rights to a
copy of your data and to deletion.

The web forms, the `flask users` commands and the tests all call these functions, so a rule
written here holds everywhere.
"""

import unicodedata
from datetime import datetime
from functools import cache
from typing import Any

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from web.models import Organization
from web.models.accounts import ProviderRequest, ProviderRequestStatus, Role, User
from web.models.base import utcnow
from web.services.passwords import hash_password, needs_rehash, password_matches

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 256
# A passphrase of three or more real words is strong and easier to remember than 12 random characters.
MIN_PASSPHRASE_WORDS = 3
MIN_PASSPHRASE_WORD_LENGTH = 3
MAX_DISPLAY_NAME_LENGTH = 120
MAX_EMAIL_LENGTH = 254
MAX_ORGANIZATION_NAME_LENGTH = 255

ENTER_EMAIL = "Enter your email address"
EMAIL_FORMAT = "Enter an email address in the correct format, like name@example.com"
EMAIL_TOO_LONG = f"Your email address must be {MAX_EMAIL_LENGTH} characters or fewer"
ENTER_PASSWORD = "Enter a password"  # noqa: S105 (messages, not passwords)
PASSWORD_TOO_SHORT = f"Your password must be at least {MIN_PASSWORD_LENGTH} characters"
PASSWORD_TOO_LONG = f"Your password must be {MAX_PASSWORD_LENGTH} characters or fewer"
PASSWORD_IS_EMAIL = "Your password must not be your email address"  # noqa: S105
ENTER_NAME = "Enter what you would like us to call you"
NAME_TOO_LONG = f"Your name must be {MAX_DISPLAY_NAME_LENGTH} characters or fewer"
NAME_HAS_CONTROL_CHARACTERS = "Your name must only include letters, numbers, spaces and punctuation"
ENTER_ORGANIZATION_NAME = "Enter the name of your business or group"
ORGANIZATION_NAME_TOO_LONG = f"The name must be {MAX_ORGANIZATION_NAME_LENGTH} characters or fewer"
ORGANIZATION_NAME_CHARACTERS = "The name must only include letters, numbers, spaces and punctuation"
EMAIL_ALREADY_REGISTERED = (
    "There is already an account with this email address. Sign in instead, or use a different email address"
)


class InvalidAccountDetails(ValueError):
    """The details break a rule; `problems` maps each field name to a message a person can act on."""

    def __init__(self, problems: dict[str, str]):
        super().__init__("; ".join(f"{field}: {message}" for field, message in problems.items()))
        self.problems = problems


class EmailAlreadyRegistered(ValueError):
    pass


class UnknownAccount(LookupError):
    pass


class ProviderNeedsOrganisation(ValueError):
    """A provider account always belongs to one organisation: approve_provider links them together."""


def normalise_email(email: str) -> str:
    """Emails are stored and compared in lower case so Sam@Example.org and sam@example.org are one account."""
    return email.strip().lower()


def email_problem(email: str) -> str | None:
    email = normalise_email(email)
    if not email:
        return ENTER_EMAIL
    if len(email) > MAX_EMAIL_LENGTH:
        return EMAIL_TOO_LONG
    try:
        # Deliverability needs a DNS lookup: the site makes no network calls while serving a page.
        validate_email(email, check_deliverability=False)
    except EmailNotValidError:
        return EMAIL_FORMAT
    return None


def password_problem(password: str, email: str = "") -> str | None:
    if not password:
        return ENTER_PASSWORD
    if len(password) > MAX_PASSWORD_LENGTH:
        return PASSWORD_TOO_LONG
    if len(password) < MIN_PASSWORD_LENGTH and not _is_passphrase(password):
        return PASSWORD_TOO_SHORT
    email = normalise_email(email)
    if email and password.strip().lower() in (email, email.partition("@")[0]):
        return PASSWORD_IS_EMAIL
    return None


def _is_passphrase(password: str) -> bool:
    words = password.split()
    return len(words) >= MIN_PASSPHRASE_WORDS and all(len(w) >= MIN_PASSPHRASE_WORD_LENGTH for w in words)


def display_name_problem(display_name: str) -> str | None:
    display_name = display_name.strip()
    if not display_name:
        return ENTER_NAME
    if len(display_name) > MAX_DISPLAY_NAME_LENGTH:
        return NAME_TOO_LONG
    # Control and formatting characters (newlines, bidi overrides) could disguise a name on officers' screens.
    if any(unicodedata.category(character) in ("Cc", "Cf") for character in display_name):
        return NAME_HAS_CONTROL_CHARACTERS
    return None


def organization_name_problem(name: str) -> str | None:
    name = name.strip()
    if not name:
        return ENTER_ORGANIZATION_NAME
    if len(name) > MAX_ORGANIZATION_NAME_LENGTH:
        return ORGANIZATION_NAME_TOO_LONG
    if any(unicodedata.category(character) in ("Cc", "Cf") for character in name):
        return ORGANIZATION_NAME_CHARACTERS
    return None


def account_details_problems(email: str, display_name: str, password: str) -> dict[str, str]:
    checks = {
        "display_name": display_name_problem(display_name),
        "email": email_problem(email),
        "password": password_problem(password, email),
    }
    return {field: message for field, message in checks.items() if message}


def find_user_by_email(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == normalise_email(email)))


def register_user(
    session: Session,
    *,
    email: str,
    display_name: str,
    password: str,
    role: Role,
    provider_organization_name: str | None = None,
) -> User:
    """Create an account and commit it. Raises InvalidAccountDetails or EmailAlreadyRegistered.

    With provider_organization_name, the account also asks to list that business or group: it stays
    a person's account, able to change no listing, until an officer approves it (approve_provider).
    """
    if role is Role.PROVIDER:
        raise ProviderNeedsOrganisation("register the person, then approve them as a provider")
    problems = account_details_problems(email, display_name, password)
    if provider_organization_name is not None and (
        problem := organization_name_problem(provider_organization_name)
    ):
        problems["organization_name"] = problem
    if problems:
        raise InvalidAccountDetails(problems)
    email = normalise_email(email)
    if find_user_by_email(session, email) is not None:
        raise EmailAlreadyRegistered(email)
    user = User(
        email=email, display_name=display_name.strip(), password_hash=hash_password(password), role=role
    )
    if provider_organization_name is not None:
        user.provider_requests.append(ProviderRequest(organization_name=provider_organization_name.strip()))
    session.add(user)
    try:
        session.commit()
    except IntegrityError as error:
        # Two registrations for the same address at once: the unique index lets only one through.
        session.rollback()
        raise EmailAlreadyRegistered(email) from error
    return user


@cache
def _hash_for_unknown_accounts() -> str:
    return hash_password("no account has this password")


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The account these credentials open, or None, taking the same time whether or not the email is known.

    A successful sign-in is recorded, and a hash made with older argon2 settings is upgraded while the
    password is at hand.
    """
    user = find_user_by_email(session, email) if email.strip() else None
    if user is None:
        password_matches(_hash_for_unknown_accounts(), password)
        return None
    if not password_matches(user.password_hash, password) or not user.is_active:
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_signed_in_at = utcnow()
    session.commit()
    return user


def set_role(session: Session, email: str, role: Role) -> User:
    if role is Role.PROVIDER:
        raise ProviderNeedsOrganisation("approve them as a provider of their organisation instead")
    user = find_user_by_email(session, email)
    if user is None:
        raise UnknownAccount(normalise_email(email))
    user.role = role
    user.organization = None  # only a provider account belongs to an organisation
    session.commit()
    return user


def approve_provider(session: Session, email: str, organization: Organization) -> User:
    """An officer has checked the person: their account becomes the provider of this organisation's
    listings (and of no other's), and their request to join is marked approved."""
    user = make_provider_of(session, email, organization)
    session.commit()
    return user


def make_provider_of(session: Session, email: str, organization: Organization) -> User:
    """approve_provider's change, left for the caller to commit with whatever else goes with it."""
    user = find_user_by_email(session, email)
    if user is None:
        raise UnknownAccount(normalise_email(email))
    user.role = Role.PROVIDER
    user.organization = organization
    pending = user.pending_provider_request
    if pending is not None:
        pending.status = ProviderRequestStatus.APPROVED
        pending.decided_at = utcnow()
    return user


def export_user_data(user: User) -> dict[str, Any]:
    """Everything the service holds about the person, for the UK GDPR right of access.

    The password hash is left out: it is a security control, not information about the person.
    """
    return {
        "name": user.display_name,
        "email": user.email,
        "role": user.role.value,
        "role_description": user.role.label,
        "organisation": user.organization.name if user.organization else None,
        "requests_to_list_a_business_or_group": [
            {
                "name": request.organization_name,
                "status": request.status.value,
                "requested_at": iso_utc(request.created_at),
                "decided_at": iso_utc(request.decided_at),
            }
            for request in user.provider_requests
        ],
        "account_created_at": iso_utc(user.created_at),
        "last_signed_in_at": iso_utc(user.last_signed_in_at),
    }


def iso_utc(moment: datetime | None) -> str | None:
    """A UTC time as people and programs read it back: 2026-12-03T13:05:00Z."""
    return moment.isoformat(timespec="seconds") + "Z" if moment else None
