"""The shortlist: kept in the session, printable, emailed once without keeping the address."""

import email
import re

from sqlalchemy import String, Text, or_, select

from tests.directory.conftest import error_for, parse, text_of
from tests.factories import make_service, weekly
from web.extensions import db
from web.models import Publication
from web.services.shortlist import MAX_ITEMS


def listed_names(client) -> list[str]:
    return [text_of(h2) for h2 in parse(client.get("/shortlist")).select(".app-shortlist h2")]


def test_an_empty_list_explains_what_it_is_for(client):
    soup = parse(client.get("/shortlist"))
    assert "Your list is empty" in text_of(soup.main)
    assert soup.select_one("form[action='/shortlist/email']") is None


def test_add_and_remove_listings(client):
    cafe = make_service("Memory Cafe", schedules=(weekly("TU"),), phone="01942 222 333")
    lunch = make_service("Lunch Club")

    response = client.post(f"/shortlist/add/{cafe.id}", follow_redirects=True)
    assert "Memory Cafe is on your list." in text_of(parse(response).select_one(".govuk-notification-banner"))
    assert "This is on your list" in text_of(parse(response).main)
    client.post(f"/shortlist/add/{lunch.id}")
    client.post(f"/shortlist/add/{cafe.id}")  # twice: still once on the list
    assert listed_names(client) == ["Memory Cafe", "Lunch Club"]
    assert "Your list (2)" in text_of(parse(client.get("/")).select_one(".govuk-service-navigation"))

    page = text_of(parse(client.get("/shortlist")).main)
    assert "01942 222 333" in page and "Every Tuesday, 10am to 12pm" in page

    client.post(f"/shortlist/remove/{cafe.id}")
    assert listed_names(client) == ["Lunch Club"]


def test_unknown_or_unpublished_listings_cannot_be_added(client):
    draft = make_service("Draft", publication=Publication.DRAFT)
    assert client.post(f"/shortlist/add/{draft.id}").status_code == 404
    assert client.post("/shortlist/add/nope").status_code == 404
    assert listed_names(client) == []


def test_a_listing_unpublished_after_adding_drops_off_the_list(client):
    service = make_service("Soon withdrawn")
    client.post(f"/shortlist/add/{service.id}")
    service.publication = Publication.DRAFT
    db.session.commit()
    assert listed_names(client) == []


def test_the_list_has_a_limit_that_fits_in_a_cookie(client):
    services = [make_service(f"Group {n}") for n in range(MAX_ITEMS + 1)]
    for service in services:
        client.post(f"/shortlist/add/{service.id}")
    assert len(listed_names(client)) == MAX_ITEMS
    response = client.post(f"/shortlist/add/{services[-1].id}", follow_redirects=True)
    assert "Your list is full" in text_of(parse(response).main)


def test_email_the_list_writes_one_message_and_keeps_no_address(app, client):
    service = make_service("Memory Cafe", phone="01942 222 333")
    client.post(f"/shortlist/add/{service.id}")
    mail_dir = app.config["MAIL_DIR"]
    before = set(mail_dir.glob("*.eml")) if mail_dir.exists() else set()

    response = client.post("/shortlist/email", data={"email": "helper@example.org"}, follow_redirects=True)

    banners = " ".join(text_of(banner) for banner in parse(response).select(".govuk-notification-banner"))
    assert "We have sent your list" in banners
    written = set(mail_dir.glob("*.eml")) - before
    assert len(written) == 1
    message = email.message_from_bytes(written.pop().read_bytes())
    assert message["To"] == "helper@example.org"
    assert message["Subject"] == f"Your list from {app.config['COUNCIL_NAME']}"
    body = message.get_payload(decode=True).decode()
    assert "Memory Cafe" in body and "Phone: 01942 222 333" in body
    assert f"/services/{service.id}" in body
    assert app.config["COUNCIL_PHONE"] in body

    assert "helper@example.org" not in _session_cookie(client)
    assert _rows_containing("helper@example.org") == []


def test_a_bad_email_address_sends_nothing(app, client):
    service = make_service()
    client.post(f"/shortlist/add/{service.id}")
    mail_dir = app.config["MAIL_DIR"]
    before = set(mail_dir.glob("*.eml")) if mail_dir.exists() else set()
    for bad in ["", "not-an-email", "a@b\r\nBcc: victim@example.org"]:
        response = client.post("/shortlist/email", data={"email": bad})
        assert response.status_code == 400
        assert error_for(parse(response), "email")
    after = set(mail_dir.glob("*.eml")) if mail_dir.exists() else set()
    assert after == before


def test_list_changes_need_the_csrf_token(csrf_app, app_context):
    service = make_service()
    client = csrf_app.test_client()
    assert client.post(f"/shortlist/add/{service.id}").status_code == 400
    assert client.post("/shortlist/email", data={"email": "a@example.org"}).status_code == 400
    assert listed_names(client) == []

    token = re.search(
        r'name="csrf_token" type="hidden" value="([^"]+)"',
        client.get(f"/services/{service.id}").get_data(as_text=True),
    )
    assert token is not None
    assert client.post(f"/shortlist/add/{service.id}", data={"csrf_token": token[1]}).status_code == 302
    assert len(listed_names(client)) == 1


def _session_cookie(client) -> str:
    from flask import current_app

    cookie = client.get_cookie(current_app.config["SESSION_COOKIE_NAME"])
    if cookie is None:
        return ""
    serializer = current_app.session_interface.get_signing_serializer(current_app)
    return str(serializer.loads(cookie.value))


def _rows_containing(needle: str) -> list[str]:
    found = []
    for table in db.metadata.sorted_tables:
        text_columns = [column for column in table.columns if isinstance(column.type, String | Text)]
        if text_columns:
            statement = select(table).where(or_(*(column.contains(needle) for column in text_columns)))
            found += [f"{table.name}: {row}" for row in db.session.execute(statement)]
    return found
