import json

from flask_login import current_user
from sqlalchemy import select

from tests.factories import make_bookable_provider, make_user
from web.extensions import db
from web.models import User
from web.models.accounts import Role

PASSWORD = "correct horse battery"


def signed_in_as(client, sign_in, **user_fields) -> User:
    user = make_user(password=PASSWORD, **user_fields)
    assert sign_in(user.email, PASSWORD).status_code == 302
    return user


def test_the_account_page_shows_name_email_and_role(client, sign_in):
    signed_in_as(client, sign_in, email="sam@example.org")
    page = client.get("/account").text
    assert "Sam" in page
    assert "sam@example.org" in page
    assert "I draw on care and support, or I arrange it for someone" in page
    assert 'action="/account/sign-out"' in page


def test_download_my_data_gives_a_json_file_without_the_password_hash(client, sign_in):
    user = signed_in_as(client, sign_in, email="sam@example.org")
    response = client.get("/account/your-data.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["Cache-Control"] == "no-store"
    data = json.loads(response.data)
    assert data["email"] == "sam@example.org"
    assert data["name"] == "Sam"
    assert data["role"] == "person"
    assert data["last_signed_in_at"] is not None
    assert "argon2" not in response.text and user.password_hash not in response.text


def test_delete_asks_for_confirmation_before_deleting(client, sign_in):
    signed_in_as(client, sign_in)
    page = client.get("/account/delete")
    assert page.status_code == 200
    assert "Are you sure you want to delete your account?" in page.text
    assert db.session.scalar(select(User)) is not None


def test_deleting_my_account_removes_the_row_and_signs_me_out(client, sign_in):
    signed_in_as(client, sign_in, email="sam@example.org")
    make_user(email="someone.else@example.org")
    with client:
        response = client.post("/account/delete")
        assert response.status_code == 302
        assert not current_user.is_authenticated
    assert db.session.scalars(select(User.email)).all() == ["someone.else@example.org"]
    assert client.get("/account").status_code == 302
    response = client.post("/account/sign-in", data={"email": "sam@example.org", "password": PASSWORD})
    assert response.status_code == 400


def test_deleting_needs_a_csrf_token(csrf_client):
    user = make_user()
    client = csrf_client
    with client.session_transaction() as session:
        session["_user_id"] = str(user.id)
    assert client.post("/account/delete").status_code == 400
    assert db.session.scalar(select(User)) is not None


def test_account_pages_need_a_signed_in_person(client):
    for url in ("/account", "/account/delete", "/account/your-data.json"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.headers["Location"].startswith("/account/sign-in?next="), url
    assert client.post("/account/delete").status_code == 302


def account_links(client) -> set[str]:
    page = client.get("/account").text
    return {
        href
        for href in (
            "/bookings",
            "/provider",
            "/provider/offerings",
            "/provider/availability",
            "/officers/providers",
            "/officers/disputes",
        )
        if f'href="{href}"' in page
    }


def test_the_account_page_links_to_each_kind_of_users_own_pages(client, sign_in):
    signed_in_as(client, sign_in, email="sam@example.org")
    assert account_links(client) == {"/bookings"}
    client.post("/account/sign-out")

    make_bookable_provider(owner_email="provider@example.org", password=PASSWORD)
    assert sign_in("provider@example.org", PASSWORD).status_code == 302
    assert account_links(client) == {
        "/bookings",
        "/provider",
        "/provider/offerings",
        "/provider/availability",
    }
    client.post("/account/sign-out")

    signed_in_as(client, sign_in, email="olu@example.org", role=Role.OFFICER)
    assert account_links(client) == {"/bookings", "/officers/providers", "/officers/disputes"}
