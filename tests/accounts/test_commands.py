import pytest
from sqlalchemy import func, select

from tests.factories import make_user
from web.extensions import db
from web.models import User
from web.models.accounts import Role
from web.services.passwords import password_matches

PASSWORD = "officer pass phrase 2024"


@pytest.fixture
def run_users(app, app_context):
    runner = app.test_cli_runner()

    def run(*args: str, input: str | None = None):
        return runner.invoke(args=["users", *args], input=input)

    return run


def user_count() -> int:
    return db.session.scalar(select(func.count()).select_from(User))


def test_create_makes_an_officer_with_a_prompted_password(run_users):
    result = run_users(
        "create",
        "--email",
        "Ana.Officer@Example.org",
        "--name",
        "Ana",
        "--role",
        "officer",
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert "Created officer account for ana.officer@example.org." in result.output
    assert PASSWORD not in result.output  # the prompt hides what is typed
    user = db.session.scalar(select(User))
    assert (user.email, user.display_name, user.role) == ("ana.officer@example.org", "Ana", Role.OFFICER)
    assert user.password_hash.startswith("$argon2id$")
    assert password_matches(user.password_hash, PASSWORD)


def test_create_reads_the_password_from_stdin(run_users):
    result = run_users(
        "create",
        "--email",
        "ops@example.org",
        "--name",
        "Ops",
        "--role",
        "admin",
        "--password-stdin",
        input=f"{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert password_matches(db.session.scalar(select(User.password_hash)), PASSWORD)


def test_create_asks_again_when_the_two_passwords_differ(run_users):
    result = run_users(
        "create",
        "--email",
        "ana@example.org",
        "--name",
        "Ana",
        "--role",
        "officer",
        input=f"{PASSWORD}\nsomething else entirely\n{PASSWORD}\n{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert "do not match" in result.output.lower() or "don't match" in result.output.lower()
    assert user_count() == 1


@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (
            ["--email", "not-an-email", "--name", "Ana"],
            PASSWORD,
            "Enter an email address in the correct format",
        ),
        (["--email", "ana@example.org", "--name", " "], PASSWORD, "Enter what you would like us to call you"),
        (["--email", "ana@example.org", "--name", "Ana"], "too short", "Your password must be at least 12"),
        (
            ["--email", "ana@example.org", "--name", "Ana"],
            "ana@example.org",
            "must not be your email address",
        ),
        (["--email", "ana@example.org", "--name", "Ana"], "", "Enter a password"),
    ],
)
def test_create_refuses_bad_details_and_writes_nothing(run_users, args, password, message):
    result = run_users("create", *args, "--role", "officer", "--password-stdin", input=f"{password}\n")
    assert result.exit_code != 0
    assert message in result.output
    assert user_count() == 0


def test_create_refuses_an_unknown_role(run_users):
    result = run_users(
        "create",
        "--email",
        "ana@example.org",
        "--name",
        "Ana",
        "--role",
        "superuser",
        "--password-stdin",
        input=f"{PASSWORD}\n",
    )
    assert result.exit_code != 0
    assert "superuser" in result.output
    assert user_count() == 0


def test_create_refuses_an_email_that_already_has_an_account(run_users):
    make_user(email="ana@example.org", role=Role.PERSON)
    result = run_users(
        "create",
        "--email",
        "ANA@example.org",
        "--name",
        "Ana",
        "--role",
        "officer",
        "--password-stdin",
        input=f"{PASSWORD}\n",
    )
    assert result.exit_code != 0
    assert "An account already uses ana@example.org" in result.output
    assert db.session.scalars(select(User.role)).all() == [Role.PERSON]


def test_set_role_changes_the_role(run_users):
    make_user(email="ana@example.org", role=Role.PERSON)
    result = run_users("set-role", "--email", "Ana@Example.org", "--role", "officer")
    assert result.exit_code == 0, result.output
    assert "ana@example.org is now officer." in result.output
    assert db.session.scalar(select(User.role)) is Role.OFFICER


def test_set_role_names_an_unknown_account(run_users):
    result = run_users("set-role", "--email", "nobody@example.org", "--role", "admin")
    assert result.exit_code != 0
    assert "No account uses nobody@example.org" in result.output
