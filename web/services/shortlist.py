"""A person's shortlist of listings, kept in their session cookie: no account needed, nothing stored
on the server. Only service ids are kept; the listings are read fresh each time."""

from collections.abc import MutableMapping
from typing import Any

from web.models import Service
from web.services.listings import public_listings

SESSION_KEY = "shortlist"
# A cookie holds about 4 KB; 40 ids of 36 characters stay well inside it.
MAX_ITEMS = 40


def shortlist_ids(session: MutableMapping[str, Any]) -> list[str]:
    ids = session.get(SESSION_KEY, [])
    return [value for value in ids if isinstance(value, str)] if isinstance(ids, list) else []


def add_to_shortlist(session: MutableMapping[str, Any], service_id: str) -> bool:
    """Add a published listing; False when the list is full. Adding twice keeps one entry."""
    ids = shortlist_ids(session)
    if service_id in ids:
        return True
    if len(ids) >= MAX_ITEMS:
        return False
    session[SESSION_KEY] = [*ids, service_id]
    return True


def remove_from_shortlist(session: MutableMapping[str, Any], service_id: str) -> None:
    session[SESSION_KEY] = [value for value in shortlist_ids(session) if value != service_id]


def clear_shortlist(session: MutableMapping[str, Any]) -> None:
    session.pop(SESSION_KEY, None)


def shortlisted_services(session: MutableMapping[str, Any]) -> list[Service]:
    """The published listings on the list, in the order they were added; unpublished ones drop out."""
    ids = shortlist_ids(session)
    if not ids:
        return []
    by_id = public_listings(ids)
    return [by_id[service_id] for service_id in ids if service_id in by_id]
