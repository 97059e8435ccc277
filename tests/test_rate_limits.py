"""Every form post is rate limited per address; the forms that send email or write have their own,
stricter limits. Whoever hits one gets a plain-English page with the council's phone number, and the
refused post has saved and sent nothing."""

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import func, select

from tests.accounts.conftest import make_fresh_app
from tests.factories import make_service
from tests.url_map import URLS, allowed_methods
from web.extensions import db, limiter
from web.models import ProblemReport

POST_URLS = [url for url in URLS if "POST" in allowed_methods(url)]


@pytest.fixture
def rate_limited_app(app, app_context):
    # Flask-Limiter keeps its switch on the shared Limiter: put it back for the rest of the suite.
    was_enabled, was_initialized = limiter.enabled, limiter.initialized
    limited = make_fresh_app(app, RATELIMIT_ENABLED=True)
    yield limited
    limiter.enabled, limiter.initialized = was_enabled, was_initialized
    with limited.app_context():
        db.engine.dispose()


def main_text(response) -> str:
    return " ".join(BeautifulSoup(response.text, "html.parser").select_one("main").get_text(" ").split())


def assert_friendly_429(response, app, wait: str) -> None:
    assert response.status_code == 429
    assert response.mimetype == "text/html"
    text = main_text(response)
    assert "Too many requests" in text
    assert "Nothing was saved or sent." in text
    assert f"Wait {wait}, then try again." in text
    assert app.config["COUNCIL_PHONE"] in text and app.config["COUNCIL_OPENING_HOURS"] in text
    assert int(response.headers["Retry-After"]) > 0


@pytest.mark.parametrize("url", POST_URLS)
def test_every_form_post_is_rate_limited(rate_limited_app, url):
    """A new form gets the default limit without anyone remembering to add one; this proves it did."""
    response = rate_limited_app.test_client().post(url)
    assert response.status_code < 500
    assert int(response.headers["X-RateLimit-Limit"]) > 0


def test_reading_is_never_limited(rate_limited_app):
    response = rate_limited_app.test_client().get("/")
    assert "X-RateLimit-Limit" not in response.headers


def report_count() -> int:
    count = db.session.scalar(select(func.count()).select_from(ProblemReport))
    db.session.rollback()
    return count


def test_too_many_problem_reports_get_a_friendly_429_and_save_nothing(rate_limited_app):
    service = make_service()
    client = rate_limited_app.test_client()
    report = {"reason": "wrong_times", "details": "It meets on Wednesdays now."}
    for _ in range(10):
        assert client.post(f"/services/{service.id}/report", data=report).status_code == 302
    response = client.post(f"/services/{service.id}/report", data=report)
    assert_friendly_429(response, rate_limited_app, "an hour")
    assert report_count() == 10
    assert client.get(f"/services/{service.id}/report").status_code == 200


def sent_mail(app) -> set[Path]:
    return set(app.config["MAIL_DIR"].glob("*.eml")) if app.config["MAIL_DIR"].exists() else set()


def test_too_many_emails_get_a_friendly_429_and_send_nothing(rate_limited_app):
    service = make_service()
    client = rate_limited_app.test_client()
    client.post(f"/shortlist/add/{service.id}")
    before = sent_mail(rate_limited_app)
    for _ in range(5):
        assert client.post("/shortlist/email", data={"email": "sam@example.org"}).status_code == 302
    response = client.post("/shortlist/email", data={"email": "sam@example.org"})
    assert_friendly_429(response, rate_limited_app, "an hour")
    # The conversation by email shares the count: switching forms sends no more mail.
    assert_friendly_429(
        client.post("/chat/email", data={"email": "sam@example.org"}), rate_limited_app, "an hour"
    )
    assert len(sent_mail(rate_limited_app) - before) == 5
    assert client.get("/shortlist").status_code == 200


def test_other_form_posts_have_the_default_limit(rate_limited_app):
    client = rate_limited_app.test_client()
    for _ in range(30):
        assert client.post("/chat/start-again").status_code == 303
    assert_friendly_429(client.post("/chat/start-again"), rate_limited_app, "a minute")
