"""What a process has worked out about published listings, kept while the listings stay the same.

Each request reads the listing version token (web/models/listing_version.py, one short statement) and
the day; while both are as before, the plain facts worked out for an earlier request are used again.
A different token or a new day throws them all away, so an edit made through any process or machine
shows on that process's next request. Only plain values are kept, never ORM objects, and only for
listings that were found published (asking again for any other costs what it did before).

A session holding writes it has not committed neither uses nor fills what is kept: it must see its
own writes, and nobody else may see them before they are committed.
"""

from collections.abc import Callable, Collection
from datetime import date, datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from flask import current_app, has_request_context, request
from sqlalchemy import select

from web.extensions import db
from web.models import ListingVersion
from web.services.analytics import holds_writes

T = TypeVar("T")

LONDON = ZoneInfo("Europe/London")

_TOKEN = select(ListingVersion.token).where(ListingVersion.id == 1)
_EXTENSION = "listing_views"
_ON_REQUEST = "_listing_views_generation"
# A generation holds a few small values a listing; past this many it starts again rather than grow.
MOST_KEPT = 20_000


class Generation:
    """The values worked out under one token on one day, by kind ("results", "pages", ...)."""

    def __init__(self, token: str | None, today: date):
        self.key = (token, today)
        self.today = today
        self.by_kind: dict[str, dict[Any, Any]] = {}
        self.size = 0


def current_generation() -> Generation:
    """This request's generation: the token is read once a request (each time outside one)."""
    if has_request_context():
        found = getattr(request, _ON_REQUEST, None)
        if found is None:
            found = _read_generation()
            setattr(request, _ON_REQUEST, found)
        return found
    return _read_generation()


def _read_generation() -> Generation:
    token = db.session.connection().execute(_TOKEN).scalar()
    today = datetime.now(LONDON).date()
    kept: Generation | None = current_app.extensions.get(_EXTENSION)
    if kept is None or kept.key != (token, today) or kept.size > MOST_KEPT:
        kept = Generation(token, today)
        current_app.extensions[_EXTENSION] = kept
    return kept


def kept_views(
    kind: str, ids: Collection[str], work_out: Callable[[list[str], date], dict[str, T]]
) -> dict[str, T]:
    """The `kind` values of the listings `ids` found published, worked out by `work_out(missing ids,
    today)` for those this process has not kept under the current token."""
    if holds_writes(db.session()):
        return work_out(list(dict.fromkeys(ids)), datetime.now(LONDON).date())
    generation = current_generation()
    kept = generation.by_kind.setdefault(kind, {})
    missing = [listing_id for listing_id in dict.fromkeys(ids) if listing_id not in kept]
    if missing:
        found = work_out(missing, generation.today)
        kept.update(found)
        generation.size += len(found)
    return {listing_id: kept[listing_id] for listing_id in ids if listing_id in kept}


def kept_value(kind: str, work_out: Callable[[], T]) -> T:
    """One value (say, the filter terms) worked out once under the current token."""
    if holds_writes(db.session()):
        return work_out()
    generation = current_generation()
    kept = generation.by_kind.setdefault("values", {})
    if kind not in kept:
        kept[kind] = work_out()
    return kept[kind]
