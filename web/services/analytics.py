"""Anonymous counts (searches, assistant messages), each written in a short transaction of its own.

A count must never commit, roll back or expire the caller's work: a search made halfway through a
booking must not commit half of the booking, nor make every object the page has loaded be read again.
So a count is inserted on a connection of its own. While the caller's session holds writes it has not
committed, the count waits until that transaction ends, committed or rolled back: SQLite lets one
connection write at a time, so inserting at once would wait for the caller, who is waiting for us.
A count that cannot be written is logged and dropped; it never costs a person their answer.
"""

import logging
from functools import cache
from typing import Any

from sqlalchemy import Engine, Insert, event, insert, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import ORMExecuteState, Session, SessionTransaction

from web.extensions import Base, db

logger = logging.getLogger(__name__)

_HOLDS_WRITES = "analytics_caller_holds_writes"
_WAITING = "analytics_counts_waiting"


def record_count(model: type[Base], **values: Any) -> None:
    """Insert one row of `model` outside the caller's transaction (now, or when it ends)."""
    session = db.session()
    row = (_insert_of(model), values)
    if session.info.get(_HOLDS_WRITES):
        session.info.setdefault(_WAITING, []).append((db.engine, row))
    else:
        _write(db.engine, [row])


@cache
def _insert_of(model: type[Base]) -> Insert:
    # One statement a table, its values given at execution: SQLAlchemy keys a statement object once.
    return insert(model)


def holds_writes(session: Session) -> bool:
    """Whether the session has written, or is about to write, what it has not committed."""
    return bool(session.info.get(_HOLDS_WRITES) or session.new or session.dirty or session.deleted)


def listen_for_unfinished_writes() -> None:
    """Attach the events to Flask-SQLAlchemy's sessions (once per process, for every app)."""
    for name, handler in (
        ("after_flush", _after_flush),
        ("do_orm_execute", _before_execute),
        ("after_transaction_end", _after_transaction_end),
    ):
        if not event.contains(db.session, name, handler):
            event.listen(db.session, name, handler)


def _write(engine: Engine, rows: list[tuple[Insert, dict[str, Any]]]) -> None:
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                # Do not wait for the disk: a crash may lose the last few counts, never other data.
                connection.execute(text("SET LOCAL synchronous_commit TO OFF"))
            for statement, values in rows:
                connection.execute(statement, values)
    except SQLAlchemyError:
        logger.exception("Could not write an anonymous count")


def _after_flush(session: Session, flush_context: Any) -> None:
    session.info[_HOLDS_WRITES] = True


def _before_execute(state: ORMExecuteState) -> None:
    # An UPDATE or DELETE (or raw SQL) through the session writes without a flush.
    if not state.is_select:
        state.session.info[_HOLDS_WRITES] = True


def _after_transaction_end(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is not None:  # a savepoint: the caller's transaction goes on
        return
    session.info.pop(_HOLDS_WRITES, None)
    waiting = session.info.pop(_WAITING, [])
    by_engine: dict[Engine, list] = {}
    for engine, row in waiting:
        by_engine.setdefault(engine, []).append(row)
    for engine, rows in by_engine.items():
        _write(engine, rows)
