"""Helpers for the account tests: submit the forms as a browser would, and read the error messages shown."""

from html.parser import HTMLParser

import pytest

GOOD_PASSWORD = "teapot lighthouse meadow"


class _ErrorMessageParser(HTMLParser):
    """Collects the text of each GOV.UK field error message (the red text next to a field)."""

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[str] = []
        self._depth = 0  # >0 while inside an error message element

    def handle_starttag(self, tag, attrs):
        if self._depth:
            self._depth += 1
        elif "govuk-error-message" in (dict(attrs).get("class") or "").split():
            self._depth = 1
            self.messages.append("")

    def handle_endtag(self, tag):
        if self._depth:
            self._depth -= 1

    def handle_data(self, data):
        if self._depth:
            self.messages[-1] += data


def field_errors(html: str) -> list[str]:
    parser = _ErrorMessageParser()
    parser.feed(html)
    return [" ".join(m.replace("Error:", "", 1).split()) for m in parser.messages]


def registration(**overrides: str) -> dict[str, str]:
    form = {
        "display_name": "Priya",
        "email": "priya@example.org",
        "password": GOOD_PASSWORD,
        "confirm_password": GOOD_PASSWORD,
        "role": "carer",
    }
    form.update(overrides)
    return form


@pytest.fixture
def register(client):
    def submit(**overrides: str):
        return client.post("/account/register", data=registration(**overrides))

    return submit


@pytest.fixture
def sign_in(client):
    def submit(email: str, password: str, next_page: str | None = None):
        query = {"next": next_page} if next_page is not None else {}
        return client.post(
            "/account/sign-in", query_string=query, data={"email": email, "password": password}
        )

    return submit


def make_fresh_app(app, **config):
    """A second app on the test database, for settings that must be fixed before an app's first request."""
    from web import create_app

    settings = {
        key: app.config[key]
        for key in ("SQLALCHEMY_DATABASE_URI", "INSTANCE_PATH", "SEARCH_INDEX_PATH", "MAIL_DIR")
    }
    return create_app({**settings, "WTF_CSRF_ENABLED": False, **config})
