"""`flask users create`, `set-role` and `approve-provider`: how officers and administrators get their
accounts, and how a checked person becomes the provider of their organisation's listings."""

import sys

import click
from flask.cli import AppGroup

from web.extensions import db
from web.marketplace import providers
from web.models import Organization
from web.models.accounts import Role
from web.services import accounts

users_cli = AppGroup("users", help="Create accounts and change their roles.")

# A provider account is made only by approve-provider, which links it to its organisation.
ROLE_CHOICE = click.Choice([role.value for role in Role if role is not Role.PROVIDER])


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        # One line, so a script can pipe it in without it appearing in the process list or shell history.
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt="Repeat the password")


@users_cli.command("create")
@click.option("--email", required=True, help="The email address they will sign in with.")
@click.option("--name", "display_name", required=True, help="What to call them.")
@click.option("--role", required=True, type=ROLE_CHOICE, help="What the account may do.")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
def create_user(email: str, display_name: str, role: str, password_stdin: bool) -> None:
    """Create an account, for example `flask users create --email a@b.org --name Ana --role officer`."""
    # Check the name and email before asking for a password, so nobody types one for nothing.
    problems = [p for p in (accounts.display_name_problem(display_name), accounts.email_problem(email)) if p]
    if problems:
        raise click.UsageError("; ".join(problems))
    if accounts.find_user_by_email(db.session, email) is not None:
        raise click.ClickException(f"An account already uses {accounts.normalise_email(email)}.")
    password = _read_password(password_stdin)
    try:
        user = accounts.register_user(
            db.session, email=email, display_name=display_name, password=password, role=Role(role)
        )
    except accounts.InvalidAccountDetails as error:
        raise click.UsageError("; ".join(error.problems.values())) from error
    except accounts.EmailAlreadyRegistered as error:
        raise click.ClickException(f"An account already uses {error}.") from error
    click.echo(f"Created {user.role.value} account for {user.email}.")


@users_cli.command("set-role")
@click.option("--email", required=True, help="The account's email address.")
@click.option("--role", required=True, type=ROLE_CHOICE, help="The new role.")
def change_role(email: str, role: str) -> None:
    """Change what an account may do, for example `flask users set-role --email a@b.org --role admin`."""
    try:
        user = accounts.set_role(db.session, email, Role(role))
    except accounts.UnknownAccount as error:
        raise click.ClickException(f"No account uses {error}.") from error
    click.echo(f"{user.email} is now {user.role.value}.")


@users_cli.command("approve-provider")
@click.option("--email", required=True, help="The account's email address.")
@click.option("--organisation-id", "organization_id", required=True, help="The organisation's id.")
def approve_provider(email: str, organization_id: str) -> None:
    """Make a checked person the provider of one organisation's listings (and of no other's), and approve
    the organisation's business if it has one, as the officers' page does."""
    organization = db.session.get(Organization, organization_id)
    if organization is None:
        raise click.ClickException(f"No organisation has the id {organization_id}.")
    try:
        user = providers.approve_provider(db.session, email, organization)
    except accounts.UnknownAccount as error:
        raise click.ClickException(f"No account uses {error}.") from error
    click.echo(f"{user.email} now manages the listings of {organization.name}.")
    business = providers.business_of_organization(db.session, organization)
    if business is not None:
        click.echo(f"{business.trading_name} is approved and its listings are published.")
