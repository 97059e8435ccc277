"""Fixtures shared by the whole suite.

The database is SQLite in a temporary folder unless TEST_DATABASE_URL points at PostgreSQL (CI sets
it). Tables are created once a session and emptied after each test, so tests never see each other's rows.
"""

import os
from pathlib import Path

import pytest
from flask import g
from flask.testing import FlaskClient
from sqlalchemy import text

from web import create_app
from web.config import database_url
from web.extensions import db
from web.services.index_store import get_index


def _test_database_uri(tmp_dir: Path) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    return database_url(url) if url else f"sqlite:///{tmp_dir / 'test.sqlite3'}"


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    tmp_dir = tmp_path_factory.mktemp("app")
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": _test_database_uri(tmp_dir),
            "INSTANCE_PATH": tmp_dir,
            "SEARCH_INDEX_PATH": tmp_dir / "search_index",
            "MAIL_DIR": tmp_dir / "mail",
            "WTF_CSRF_ENABLED": False,
        }
    )
    with app.app_context():
        db.drop_all()
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


@pytest.fixture
def app_context(app):
    """An app context with empty tables and an empty search index, emptied again afterwards."""
    with app.app_context():
        # Emptying tables bypasses the ORM events that keep the index in step, so empty it to match.
        get_index().rebuild([])
        yield
        db.session.rollback()
        _empty_tables()
        db.session.remove()
        get_index().rebuild([])


def _empty_tables() -> None:
    with db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())


class BrowserClient(FlaskClient):
    """A test client that knows who is signed in only from the session cookie, as in production.

    The app_context fixture keeps one app context open and Flask reuses it for each request, so
    Flask-Login's cached user on `g` would otherwise carry over and hide a broken sign-in or sign-out.
    """

    def open(self, *args, **kwargs):
        g.pop("_login_user", None)
        return super().open(*args, **kwargs)


@pytest.fixture
def client(app, app_context):
    return BrowserClient(app, app.response_class, use_cookies=True)


@pytest.fixture
def csrf_app(app):
    """The same app with CSRF checks on, for tests that prove forms reject a missing token."""
    app.config["WTF_CSRF_ENABLED"] = True
    yield app
    app.config["WTF_CSRF_ENABLED"] = False


@pytest.fixture
def csrf_client(csrf_app, app_context):
    return BrowserClient(csrf_app, csrf_app.response_class, use_cookies=True)


@pytest.fixture(scope="session")
def localstripe_url():
    """localstripe on a free loopback port for the whole session."""
    from web.payments import localstripe_server

    port = localstripe_server.free_port()
    process = localstripe_server.start(port)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def localstripe(app, localstripe_url):
    """The app talks to localstripe for this test, then back to nothing (the discard port)."""
    before = app.config["STRIPE_API_BASE"]
    app.config["STRIPE_API_BASE"] = localstripe_url
    app.extensions["stripe_client"] = None
    yield localstripe_url
    app.config["STRIPE_API_BASE"] = before
    app.extensions["stripe_client"] = None
