"""Fixtures shared by the whole suite.

The database is SQLite in a temporary folder unless TEST_DATABASE_URL points at PostgreSQL (CI sets
it). Tables are created once a session and emptied after each test, so tests never see each other's rows.
"""

import os
from pathlib import Path

import pytest
from sqlalchemy import text

from web import create_app
from web.config import database_url
from web.extensions import db


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
    with app.app_context():
        yield
        db.session.rollback()
        _empty_tables()
        db.session.remove()


def _empty_tables() -> None:
    with db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())


@pytest.fixture
def client(app, app_context):
    return app.test_client()


@pytest.fixture
def csrf_app(app):
    """The same app with CSRF checks on, for tests that prove forms reject a missing token."""
    app.config["WTF_CSRF_ENABLED"] = True
    yield app
    app.config["WTF_CSRF_ENABLED"] = False
