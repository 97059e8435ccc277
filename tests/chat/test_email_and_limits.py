"""Emailing the conversation, CSRF on every post, and the friendly rate limit."""

from email import message_from_bytes, policy

import pytest

from tests.accounts.conftest import make_fresh_app
from tests.chat.conftest import closed_port, listing, listing_reply, parse, send, text_of, text_reply
from web.extensions import db, limiter


def sent_emails(app) -> list:
    return [
        message_from_bytes(path.read_bytes(), policy=policy.default)
        for path in sorted(app.config["MAIL_DIR"].glob("*.eml"))
    ]


@pytest.fixture
def empty_mail_dir(app):
    for path in app.config["MAIL_DIR"].glob("*.eml"):
        path.unlink()
    yield


def test_the_conversation_is_emailed_with_full_links(app, client, rasa_stand_in, empty_mail_dir):
    rasa_stand_in.replies = [listing_reply(listing(), total=3, search_url="/search?q=dementia")]
    send(client, "dementia group near WN1 1AA")
    response = client.post("/chat/email", data={"email": "sam@example.org"}, follow_redirects=True)
    assert "We have sent the conversation." in response.text

    [email] = sent_emails(app)
    assert email["To"] == "sam@example.org"
    body = email.get_content()
    assert "You: dementia group near WN1 1AA" in body
    assert "Wigan Memory Cafe: http://localhost/services/6a1f6a2e-4c1e-4d8b-9a55-0d5b7e1c2f10" in body
    assert "01942 111 222" in body
    assert "All results: http://localhost/search?q=dementia" in body
    assert "0161 555 0100" in body


def test_a_bad_email_address_is_explained_and_nothing_is_sent(app, client, rasa_stand_in, empty_mail_dir):
    rasa_stand_in.replies = [text_reply("Hello.")]
    send(client, "hello")
    response = client.post("/chat/email", data={"email": "not an address"})
    assert response.status_code == 400
    soup = parse(response)
    assert "Enter an email address in the correct format" in text_of(soup.select_one("#email-error"))
    assert soup.select_one(".govuk-error-summary a[href='#email']") is not None
    # The conversation is still there to send once the address is right.
    assert len(soup.select(".app-chat-entry")) == 2
    assert sent_emails(app) == []


def test_urgent_help_is_in_the_email_too(app, client, rasa_down, empty_mail_dir):
    send(client, "I want to end my life")
    client.post("/chat/email", data={"email": "sam@example.org"})
    body = sent_emails(app)[0].get_content()
    assert body.index("999") < body.index("116 123") < body.index("0161 555 0199")


def test_nothing_is_emailed_for_an_empty_conversation(app, client, empty_mail_dir):
    response = client.post("/chat/email", data={"email": "sam@example.org"})
    assert response.status_code == 303
    assert sent_emails(app) == []


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/chat", {"message": "hello"}),
        ("/chat/email", {"email": "sam@example.org"}),
        ("/chat/start-again", {}),
    ],
)
def test_forms_refuse_a_post_without_the_csrf_token(csrf_client, url, data):
    response = csrf_client.post(url, data=data)
    assert response.status_code == 400


def test_the_json_endpoint_needs_the_token_in_a_header(csrf_app, csrf_client):
    csrf_app.config["RASA_URL"] = f"http://127.0.0.1:{closed_port()}"
    try:
        assert csrf_client.post("/chat/messages", json={"message": "hello"}).status_code == 400
        token = csrf_client.get("/chat/messages").json["csrf_token"]
        response = csrf_client.post(
            "/chat/messages", json={"message": "hello"}, headers={"X-CSRFToken": token}
        )
    finally:
        csrf_app.config["RASA_URL"] = "http://127.0.0.1:9"
    assert response.status_code == 200
    assert "Sorry, the assistant cannot answer right now." in response.json["html"]


@pytest.fixture
def rate_limited_app(app, app_context):
    # Flask-Limiter keeps its switch on the shared Limiter: put it back for the rest of the suite.
    was_enabled, was_initialized = limiter.enabled, limiter.initialized
    limited = make_fresh_app(app, RATELIMIT_ENABLED=True, RASA_URL=f"http://127.0.0.1:{closed_port()}")
    yield limited
    limiter.enabled, limiter.initialized = was_enabled, was_initialized
    with limited.app_context():
        db.engine.dispose()


def test_too_many_messages_get_a_friendly_429_with_urgent_help(rate_limited_app):
    client = rate_limited_app.test_client()
    for _ in range(20):
        assert client.post("/chat", data={"message": "hello"}).status_code == 303
    response = client.post("/chat", data={"message": "hello"})
    assert response.status_code == 429
    soup = parse(response)
    assert "Wait a minute, then try again." in text_of(soup.select_one("main"))
    assert soup.select_one(".govuk-warning-text a[href='tel:999']") is not None
    assert soup.select_one("main a[href='tel:01615550100']") is not None
    # The page and the panel share the limit; reading the conversation is never limited.
    panel = client.post("/chat/messages", json={"message": "hello"})
    assert panel.status_code == 429
    assert "Wait a minute, then try again." in panel.json["html"]
    assert client.get("/chat").status_code == 200
