import pytest
from flask_login import current_user
from sqlalchemy import func, select

from tests.accounts.conftest import GOOD_PASSWORD, field_errors, registration
from tests.factories import make_user
from web.extensions import db
from web.models import User
from web.models.accounts import Role


def user_count() -> int:
    return db.session.scalar(select(func.count()).select_from(User))


def test_the_registration_page_offers_the_roles_the_public_can_choose(client):
    page = client.get("/account/register").text
    assert "I look after someone (unpaid carer)" in page
    assert "I draw on care and support, or I arrange it for someone" in page
    assert "I run a local care or support business or group" in page
    assert 'value="officer"' not in page and 'value="admin"' not in page


def test_registering_creates_the_account_and_signs_the_person_in(client, register):
    with client:
        response = register(email="  Priya.Shah@Example.ORG ")
        assert response.status_code == 302
        assert response.headers["Location"] == "/account"
        assert current_user.is_authenticated
    user = db.session.scalar(select(User))
    assert user.email == "priya.shah@example.org"
    assert user.display_name == "Priya"
    assert user.role is Role.CARER
    assert client.get("/account").status_code == 200


def test_the_password_is_stored_only_as_an_argon2id_hash(client, register):
    register()
    user = db.session.scalar(select(User))
    assert user.password_hash.startswith("$argon2id$")
    assert GOOD_PASSWORD not in user.password_hash


def test_a_three_word_passphrase_shorter_than_12_characters_is_accepted(client, register):
    assert register(password="cat dog sun", confirm_password="cat dog sun").status_code == 302
    assert user_count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("display_name", "", "Enter what you would like us to call you"),
        ("display_name", "   ", "Enter what you would like us to call you"),
        ("display_name", "x" * 121, "Your name must be 120 characters or fewer"),
        (
            "display_name",
            "Sam\x1b[31m",
            "Your name must only include letters, numbers, spaces and punctuation",
        ),
        (
            "display_name",
            "Sam\u202egnp.exe",
            "Your name must only include letters, numbers, spaces and punctuation",
        ),
        ("email", "", "Enter your email address"),
        ("email", "priya.example.org", "Enter an email address in the correct format, like name@example.com"),
        ("email", "priya@", "Enter an email address in the correct format, like name@example.com"),
        (
            "email",
            "<script>@example.org",
            "Enter an email address in the correct format, like name@example.com",
        ),
        ("email", "' OR 1=1 --", "Enter an email address in the correct format, like name@example.com"),
        ("email", "a" * 250 + "@example.org", "Your email address must be 254 characters or fewer"),
        ("password", "", "Enter a password"),
        ("password", "short pass", "Your password must be at least 12 characters"),
        ("password", "elevenchars", "Your password must be at least 12 characters"),
        ("password", "a b c d e f", "Your password must be at least 12 characters"),
        ("password", "x" * 257, "Your password must be 256 characters or fewer"),
        ("password", "Priya@Example.org", "Your password must not be your email address"),
        ("confirm_password", "", "Enter your password again"),
        ("confirm_password", "kettle garden windows", "The passwords you entered do not match"),
        ("role", "", "Select the option that best describes you"),
        ("role", "officer", "Select the option that best describes you"),
        ("role", "admin", "Select the option that best describes you"),
    ],
)
def test_each_bad_value_shows_its_message_and_creates_nothing(client, register, field, value, message):
    overrides = {field: value}
    if field == "password":
        overrides["confirm_password"] = value
    response = register(**overrides)
    assert response.status_code == 400
    assert field_errors(response.text) == [message]
    assert user_count() == 0


def test_a_password_that_is_the_first_part_of_the_email_is_refused(client, register):
    response = register(
        email="priya.shah.1984@example.org", password="Priya.Shah.1984", confirm_password="Priya.Shah.1984"
    )
    assert response.status_code == 400
    assert field_errors(response.text) == ["Your password must not be your email address"]
    assert user_count() == 0


def test_a_form_with_errors_keeps_what_was_typed_except_passwords(client, register):
    response = register(email="not-an-email", display_name="Priya <b>Shah</b>")
    assert 'value="not-an-email"' in response.text
    assert "Priya &lt;b&gt;Shah&lt;/b&gt;" in response.text
    assert GOOD_PASSWORD not in response.text


def test_an_email_that_already_has_an_account_says_so_and_offers_sign_in(client, register):
    make_user(email="priya@example.org")
    response = register(email="PRIYA@example.org")
    assert response.status_code == 400
    assert field_errors(response.text) == [
        "There is already an account with this email address. "
        "Sign in instead, or use a different email address"
    ]
    assert 'href="/account/sign-in"' in response.text
    assert "<title>Error: Create an account" in response.text
    assert 'class="govuk-error-summary"' in response.text
    assert user_count() == 1


def test_registration_without_a_csrf_token_is_refused(csrf_client):
    client = csrf_client
    response = client.post("/account/register", data=registration())
    assert response.status_code == 400
    assert user_count() == 0
