"""Anonymous counts (searches, assistant messages), each written in a short transaction of its own.

A count must never commit, roll back or expire the caller's work: a search made halfway through a
booking must not commit half of the booking, nor make every object the page has loaded be read again.
So a count is inserted on a connection of its own. While the caller's session holds writes it has not
committed, the count waits until that transaction ends, committed or rolled back: SQLite lets one
connection write at a time, so inserting at once would wait for the caller, who is waiting for us.
A count that cannot be written is logged and dropped; it never costs a person their answer.

In production the counts are not written during the request at all: a thread of each process writes
what has gathered once every COUNTS_WRITTEN_EVERY_SECONDS, in one transaction, and the rest when the
process exits. A search then costs no database write, and the database one transaction a second rather
than one per search. A process killed outright loses at most that last second of counts.
"""

import atexit
import logging
import os
import threading
import weakref
from functools import cache
from typing import Any

from flask import current_app
from sqlalchemy import Engine, Insert, event, insert, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import ORMExecuteState, Session, SessionTransaction

from web.extensions import Base, db

logger = logging.getLogger(__name__)

_HOLDS_WRITES = "analytics_caller_holds_writes"
_WAITING = "analytics_counts_waiting"
_EXTENSION = "count_writer"

Row = tuple[Insert, dict[str, Any]]


def record_count(model: type[Base], **values: Any) -> None:
    """Insert one row of `model` outside the caller's transaction (now, or when it ends)."""
    session = db.session()
    row = (_insert_of(model), values)
    writer = count_writer()
    if session.info.get(_HOLDS_WRITES):
        session.info.setdefault(_WAITING, []).append((writer, row))
    else:
        writer.add([row])


class CountWriter:
    """Writes counts to one database: at once (every_seconds 0), or gathered and written by a thread."""

    def __init__(self, engine: Engine, every_seconds: float):
        self.engine = engine
        self.every_seconds = every_seconds
        self._lock = threading.Lock()
        self._rows: list[Row] = []
        self._thread: threading.Thread | None = None
        self._stopped = threading.Event()
        _WRITERS.add(self)

    def add(self, rows: list[Row]) -> None:
        if self.every_seconds <= 0:
            _write(self.engine, rows)
            return
        with self._lock:
            self._rows.extend(rows)
            # Started on first use, so each worker process forked from a server has its own.
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="count-writer", daemon=True)
                self._thread.start()

    def flush(self) -> None:
        """Write whatever has gathered, now."""
        with self._lock:
            rows, self._rows = self._rows, []
        if rows:
            _write(self.engine, rows)

    def stop(self) -> None:
        self._stopped.set()
        if self._thread is not None:
            self._thread.join()
        self.flush()

    def _run(self) -> None:
        while not self._stopped.wait(self.every_seconds):
            self.flush()

    def _after_fork(self) -> None:
        # The parent's thread did not come across the fork, and its counts are the parent's to write.
        self._lock = threading.Lock()
        self._rows, self._thread = [], None


_WRITERS: "weakref.WeakSet[CountWriter]" = weakref.WeakSet()


def count_writer() -> CountWriter:
    """This app's writer, made on first use from its engine and COUNTS_WRITTEN_EVERY_SECONDS."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    writer = app.extensions.get(_EXTENSION)
    if writer is None:
        writer = CountWriter(db.engine, float(app.config["COUNTS_WRITTEN_EVERY_SECONDS"]))
        app.extensions[_EXTENSION] = writer
    return writer


@atexit.register
def flush_all_counts() -> None:
    """Write every writer's gathered counts now (and when the process exits)."""
    for writer in list(_WRITERS):
        writer.flush()


def _after_fork_in_child() -> None:
    for writer in list(_WRITERS):
        writer._after_fork()


os.register_at_fork(after_in_child=_after_fork_in_child)


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


def _write(engine: Engine, rows: list[Row]) -> None:
    by_statement: dict[Insert, list[dict[str, Any]]] = {}
    for statement, values in rows:
        by_statement.setdefault(statement, []).append(values)
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                # Do not wait for the disk: a crash may lose the last few counts, never other data.
                connection.execute(text("SET LOCAL synchronous_commit TO OFF"))
            for statement, many_values in by_statement.items():
                connection.execute(statement, many_values)
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
    by_writer: dict[CountWriter, list[Row]] = {}
    for writer, row in waiting:
        by_writer.setdefault(writer, []).append(row)
    for writer, rows in by_writer.items():
        writer.add(rows)
