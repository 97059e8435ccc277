"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, text

from web import create_app
from web.config import database_url
from web.extensions import db

SCHEMA = "migration_check"


@pytest.fixture
def migration_app(tmp_path):
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        # A schema of its own, so the check never touches the tables the rest of the suite uses.
        admin = create_engine(database_url(url))
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
            connection.execute(text(f"CREATE SCHEMA {SCHEMA}"))
        options = {"connect_args": {"options": f"-csearch_path={SCHEMA}"}}
        config = {"SQLALCHEMY_DATABASE_URI": database_url(url), "SQLALCHEMY_ENGINE_OPTIONS": options}
    else:
        admin = None
        config = {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'migrated.sqlite3'}"}
    app = create_app({**config, "INSTANCE_PATH": tmp_path, "SEARCH_INDEX_PATH": tmp_path / "index"})
    yield app
    with app.app_context():
        db.engine.dispose()
    if admin is not None:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        admin.dispose()


def test_migrations_match_the_models(migration_app):
    with migration_app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
        assert differences == [], f"Models and migrations differ: run `flask db migrate`. {differences}"


def test_migrations_downgrade_to_nothing(migration_app):
    with migration_app.app_context():
        upgrade()
        downgrade(revision="base")
        with db.engine.connect() as connection:
            tables = set(db.inspect(connection).get_table_names()) - {"alembic_version"}
        assert tables == set()
