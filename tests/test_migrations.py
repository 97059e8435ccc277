"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, text

from tests.factories import make_bookable_provider, make_booking, make_user
from web import create_app
from web.config import database_url
from web.extensions import db
from web.models import BookingEvent, BookingStatus
from web.models.accounts import Role

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


def _insert_listing(connection, service_id: str, is_published: bool) -> None:
    connection.execute(
        text(
            "INSERT INTO service (id, organization_id, name, summary, description, status, kind, at_venue,"
            " home_visits, online, by_phone, is_free, dp_payable, is_published, created_at, last_modified)"
            " VALUES (:id, 'org-1', :id, '', '', 'active', 'peer_support', false, false, false, false,"
            " false, false, :published, '2026-01-01', '2026-01-01')"
        ),
        {"id": service_id, "published": is_published},
    )


def test_published_listings_stay_published_and_unpublished_ones_become_drafts(migration_app):
    with migration_app.app_context():
        upgrade(revision="675bb35a5406")
        with db.engine.begin() as connection:
            connection.execute(
                text("INSERT INTO organization (id, name, description) VALUES ('org-1', '', '')")
            )
            _insert_listing(connection, "shown", True)
            _insert_listing(connection, "hidden", False)
        upgrade()
        with db.engine.connect() as connection:
            rows = dict(connection.execute(text("SELECT id, publication FROM service")).all())
        assert rows == {"shown": "published", "hidden": "draft"}
        downgrade(revision="675bb35a5406")
        with db.engine.connect() as connection:
            rows = dict(connection.execute(text("SELECT id, is_published FROM service")).all())
        assert {key: bool(value) for key, value in rows.items()} == {"shown": True, "hidden": False}


def test_providers_who_chose_the_role_themselves_become_requests_awaiting_checks(migration_app):
    with migration_app.app_context():
        upgrade(revision="88f64a64c7db")
        with db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO user_account (id, email, display_name, password_hash, role,"
                    " is_active_account, created_at) VALUES"
                    " (1, 'p@example.org', 'P', 'x', 'provider', true, '2026-01-01'),"
                    " (2, 'c@example.org', 'C', 'x', 'carer', true, '2026-01-01')"
                )
            )
        upgrade()
        with db.engine.connect() as connection:
            roles = dict(connection.execute(text("SELECT id, role FROM user_account")).all())
            requests = connection.execute(text("SELECT user_id, status FROM provider_request")).all()
        assert roles == {1: "person", 2: "carer"}
        assert [tuple(row) for row in requests] == [(1, "awaiting_checks")]
        downgrade(revision="88f64a64c7db")
        with db.engine.connect() as connection:
            roles = dict(connection.execute(text("SELECT id, role FROM user_account")).all())
        assert roles == {1: "provider", 2: "carer"}


def test_disputes_settled_with_nothing_charged_stop_counting_as_the_providers_cancellations(migration_app):
    with migration_app.app_context():
        upgrade(revision="e4291b9f1e6d")  # the same tables as today's models: the factories can write
        business, offering, _owner = make_bookable_provider()
        person = make_user("person@example.org")
        officer = make_user("officer@example.org", role=Role.OFFICER)
        settled = make_booking(business, offering, person, status=BookingStatus.CANCELLED_BY_PROVIDER)
        cancelled = make_booking(business, offering, person, status=BookingStatus.CANCELLED_BY_PROVIDER)
        db.session.add(
            BookingEvent(
                booking=settled,
                status=BookingStatus.CANCELLED_BY_PROVIDER,
                actor_id=officer.id,
                note="Dispute resolved by an officer: nothing charged. Not delivered",
            )
        )
        db.session.commit()
        ids = {settled.id: "settled", cancelled.id: "cancelled"}
        db.session.remove()

        def statuses() -> dict[str, str]:
            with db.engine.connect() as connection:
                return {
                    ids[key]: value
                    for key, value in connection.execute(text("SELECT id, status FROM booking"))
                }

        upgrade()
        assert statuses() == {"settled": "not_charged", "cancelled": "cancelled_by_provider"}
        downgrade(revision="e4291b9f1e6d")
        assert statuses() == {"settled": "cancelled_by_provider", "cancelled": "cancelled_by_provider"}
