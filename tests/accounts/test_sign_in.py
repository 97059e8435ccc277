import pytest
from argon2 import PasswordHasher
from flask_login import current_user

from tests.accounts.conftest import field_errors
from tests.factories import make_user
from web.extensions import db

PASSWORD = "correct horse battery"
SIGN_IN_FAILED = "The email address or password is not correct"


def test_signing_in_with_the_right_details_opens_the_account_page(client, sign_in):
    make_user(email="sam@example.org", password=PASSWORD)
    with client:
        response = sign_in("Sam@Example.org ", PASSWORD)
        assert response.status_code == 302
        assert response.headers["Location"] == "/account"
        assert current_user.email == "sam@example.org"
    assert "sam@example.org" in client.get("/account").text


def test_signing_in_records_when(client, sign_in):
    user = make_user(password=PASSWORD)
    assert user.last_signed_in_at is None
    sign_in(user.email, PASSWORD)
    db.session.refresh(user)
    assert user.last_signed_in_at is not None


@pytest.mark.parametrize(
    ("email", "password"),
    [("sam@example.org", "correct horse battery staple"), ("nobody@example.org", PASSWORD)],
    ids=["wrong password", "unknown email"],
)
def test_a_wrong_password_and_an_unknown_email_get_the_same_message(client, sign_in, email, password):
    make_user(email="sam@example.org", password=PASSWORD)
    with client:
        response = sign_in(email, password)
        assert not current_user.is_authenticated
    assert response.status_code == 400
    assert field_errors(response.text) == [SIGN_IN_FAILED]


def test_a_deactivated_account_cannot_sign_in(client, sign_in):
    user = make_user(password=PASSWORD)
    user.is_active_account = False
    db.session.commit()
    response = sign_in(user.email, PASSWORD)
    assert response.status_code == 400
    assert field_errors(response.text) == [SIGN_IN_FAILED]


@pytest.mark.parametrize(
    ("email", "password", "messages"),
    [
        ("", PASSWORD, ["Enter your email address"]),
        ("sam@example.org", "", ["Enter your password"]),
        ("", "", ["Enter your email address", "Enter your password"]),
    ],
)
def test_empty_fields_are_named(client, sign_in, email, password, messages):
    make_user(password=PASSWORD)
    response = sign_in(email, password)
    assert response.status_code == 400
    assert field_errors(response.text) == messages


def test_a_hash_made_with_older_argon2_settings_is_upgraded_at_sign_in(client, sign_in):
    user = make_user(password=PASSWORD)
    user.password_hash = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    db.session.commit()
    old_hash = user.password_hash
    assert sign_in(user.email, PASSWORD).status_code == 302
    db.session.refresh(user)
    assert user.password_hash != old_hash
    assert user.password_hash.startswith("$argon2id$")
    assert "m=8192,t=1,p=1" not in user.password_hash
    client.post("/account/sign-out")
    assert sign_in(user.email, PASSWORD).status_code == 302


def test_sign_in_returns_to_the_page_that_asked_for_it(client, sign_in):
    user = make_user(password=PASSWORD)
    response = sign_in(user.email, PASSWORD, next_page="/account/delete?from=settings")
    assert response.headers["Location"] == "/account/delete?from=settings"


@pytest.mark.parametrize(
    "next_page",
    [
        "https://evil.example/steal",
        "//evil.example/steal",
        "/\\evil.example",
        "\\\\evil.example",
        "/\t/evil.example",
        "javascript:alert(1)",
        "evil.example",
    ],
)
def test_a_next_page_on_another_site_is_ignored(client, sign_in, next_page):
    user = make_user(password=PASSWORD)
    response = sign_in(user.email, PASSWORD, next_page=next_page)
    assert response.status_code == 302
    assert response.headers["Location"] == "/account"


def test_a_page_that_needs_an_account_sends_people_to_sign_in_and_back(client, sign_in):
    response = client.get("/account")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/account/sign-in?next=")
    user = make_user(password=PASSWORD)
    response = client.post(response.headers["Location"], data={"email": user.email, "password": PASSWORD})
    assert response.headers["Location"] == "/account"


def test_signing_out_ends_the_session(client, sign_in):
    user = make_user(password=PASSWORD)
    sign_in(user.email, PASSWORD)
    with client:
        response = client.post("/account/sign-out")
        assert response.status_code == 302
        assert not current_user.is_authenticated
    assert client.get("/account").status_code == 302


def test_signing_out_needs_a_post(client, sign_in):
    user = make_user(password=PASSWORD)
    sign_in(user.email, PASSWORD)
    assert client.get("/account/sign-out").status_code == 405
    assert client.get("/account").status_code == 200


def test_sign_in_and_sign_out_refuse_a_missing_csrf_token(csrf_client):
    user = make_user(password=PASSWORD)
    client = csrf_client
    with client:
        response = client.post("/account/sign-in", data={"email": user.email, "password": PASSWORD})
        assert response.status_code == 400
        assert not current_user.is_authenticated
    with client.session_transaction() as session:
        session["_user_id"] = str(user.id)
    assert client.post("/account/sign-out").status_code == 400
    assert client.get("/account").status_code == 200


def csrf_token_in(page: str) -> str:
    return page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]


def test_sign_in_and_sign_out_work_with_the_tokens_from_the_pages(csrf_client):
    user = make_user(password=PASSWORD)
    token = csrf_token_in(csrf_client.get("/account/sign-in").text)
    form = {"email": user.email, "password": PASSWORD, "csrf_token": token}
    assert csrf_client.post("/account/sign-in", data=form).status_code == 302
    token = csrf_token_in(csrf_client.get("/account").text)
    assert csrf_client.post("/account/sign-out", data={"csrf_token": token}).status_code == 302
    assert csrf_client.get("/account").status_code == 302
