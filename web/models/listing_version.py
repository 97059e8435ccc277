"""A token the database changes whenever anything a public listing shows changes.

Every process keeps the listings' plain facts it has worked out under the token it read (see
web/services/listing_views.py), and works them out again once the token differs. Triggers in the
database change it, so an edit through any process, engine or plain SQL is seen: a new random token is
written in the same transaction as the edit, so no process can see the edit's token before the edit.
"""

from sqlalchemy import Connection, Integer, String, event
from sqlalchemy.orm import Mapped, mapped_column

from web.extensions import db

# What a listing page, a result card or /api/search reads, bookability included.
WATCHED_TABLES = (
    "organization",
    "service",
    "location",
    "address",
    "accessibility",
    "service_at_location",
    "schedule",
    "taxonomy",
    "taxonomy_term",
    "service_attribute",
    "cost_option",
    "language",
    "contact",
    "phone",
    "service_area",
    "provider_business",
    "provider_check",
    "offering",
    "weekly_hours",
    "availability_exception",
    "review",
)


# Columns no listing shows: writing only these changes no token. Every booking bumps booking_version
# (the row each booking locks), and bookings must neither clear every cache nor queue on the token.
UNWATCHED_COLUMNS = {"provider_business": ("booking_version",)}


def _update_of(table: str) -> str:
    """ "UPDATE" or, for a table with unwatched columns, "UPDATE OF" every other column."""
    skipped = UNWATCHED_COLUMNS.get(table)
    if not skipped:
        return "UPDATE"
    columns = [column.name for column in db.metadata.tables[table].columns if column.name not in skipped]
    return "UPDATE OF " + ", ".join(f'"{name}"' for name in columns)


class ListingVersion(db.Model):
    """One row (id 1) once anything has been written; none in an empty database."""

    __tablename__ = "listing_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token: Mapped[str] = mapped_column(String(32))


_POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION note_listing_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO listing_version (id, token) VALUES (1, md5(random()::text || clock_timestamp()::text))
    ON CONFLICT (id) DO UPDATE SET token = EXCLUDED.token;
    RETURN NULL;
END
$$
"""


_SQLITE_NOTE_CHANGE = (
    "INSERT OR REPLACE INTO listing_version (id, token) VALUES (1, lower(hex(randomblob(16))))"
)


def trigger_statements(dialect: str) -> list[str]:
    """SQL that makes (or remakes) the triggers on every watched table."""
    if dialect == "postgresql":
        statements = [_POSTGRES_FUNCTION]
        for table in WATCHED_TABLES:
            name = f"listing_version_{table}"
            statements += [
                f'DROP TRIGGER IF EXISTS {name} ON "{table}"',
                f'CREATE TRIGGER {name} AFTER INSERT OR {_update_of(table)} OR DELETE ON "{table}" '
                "FOR EACH STATEMENT EXECUTE FUNCTION note_listing_change()",
            ]
        return statements
    statements = []
    for table in WATCHED_TABLES:
        for operation in ("INSERT", "UPDATE", "DELETE"):
            name = f"listing_version_{table}_{operation.lower()}"
            when = _update_of(table) if operation == "UPDATE" else operation
            statements += [
                f"DROP TRIGGER IF EXISTS {name}",
                f'CREATE TRIGGER {name} AFTER {when} ON "{table}" BEGIN {_SQLITE_NOTE_CHANGE}; END',
            ]
    return statements


@event.listens_for(db.metadata, "after_create")
def _create_triggers(metadata, connection: Connection, **kwargs) -> None:
    """create_all (the tests, a new database) gets the triggers the migration makes."""
    for statement in trigger_statements(connection.dialect.name):
        connection.exec_driver_sql(statement)
