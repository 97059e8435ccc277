"""Counting the SQL statements a piece of code issues, through SQLAlchemy's own events."""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from web.extensions import db


@contextmanager
def counted_statements() -> Iterator[list[str]]:
    """The statements sent to the database inside the block, on any connection of the app's engine."""
    statements: list[str] = []

    def count(connection, cursor, statement, parameters, context, executemany) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
