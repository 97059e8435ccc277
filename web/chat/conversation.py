"""The conversation, kept only in the person's own session cookie: a random sender id for Rasa and the
last few messages, so the page can show them again. Nothing about the person is stored on the server.

A cookie holds about 4 KB and the shortlist shares it, so the transcript keeps at most MAX_ENTRIES in
short keys and drops the oldest until the whole signed cookie fits COOKIE_BUDGET_BYTES.
"""

import enum
import secrets
from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any

from flask import current_app

from web.services.assistant import Listing

SESSION_KEY = "chat"
MAX_ENTRIES = 10
COOKIE_BUDGET_BYTES = 3500
# Summaries are a line on the page; in the cookie they are cut so five listings stay small.
SUMMARY_CHARACTERS = 100
# id, name, summary, where, when, cost and phone; then flags: 1 marks general support, 2 online booking.
LISTING_FIELDS = 7
BROADER_FLAG, BOOKABLE_FLAG = 1, 2


class EntryKind(enum.StrEnum):
    TEXT = "text"
    LISTINGS = "listings"
    URGENT_HELP = "urgent"  # the assistant's own urgent-help reply
    SAFETY_NET = "safety"  # our urgent help, shown when the safety net matched, Rasa or not
    UNAVAILABLE = "unavailable"  # the assistant could not answer: search box and phone instead


@dataclass(frozen=True)
class ChatEntry:
    from_person: bool
    kind: EntryKind
    text: str = ""
    listings: tuple[Listing, ...] = ()
    search_url: str | None = None
    total: int | None = None

    def to_session(self) -> dict[str, Any]:
        stored: dict[str, Any] = {"p": 1 if self.from_person else 0, "k": self.kind.value}
        if self.text:
            stored["t"] = self.text
        if self.listings:
            stored["l"] = [
                [
                    item.id,
                    item.name,
                    item.summary[:SUMMARY_CHARACTERS],
                    item.where,
                    item.when,
                    item.cost,
                    item.phone,
                    *([BROADER_FLAG] if item.broader else []),
                    *([BOOKABLE_FLAG] if item.bookable else []),
                ]
                for item in self.listings
            ]
        if self.search_url:
            stored["u"] = self.search_url
        if self.total is not None:
            stored["n"] = self.total
        return stored

    @classmethod
    def from_session(cls, stored: Any) -> "ChatEntry | None":
        """None for anything this version cannot read (an older cookie, say): it is simply not shown."""
        try:
            listings = tuple(
                Listing(
                    *(str(value) for value in row[:LISTING_FIELDS]),
                    broader=BROADER_FLAG in row[LISTING_FIELDS:],
                    bookable=BOOKABLE_FLAG in row[LISTING_FIELDS:],
                )
                for row in stored.get("l", [])
            )
            return cls(
                from_person=bool(stored["p"]),
                kind=EntryKind(stored["k"]),
                text=str(stored.get("t", "")),
                listings=listings,
                search_url=stored.get("u"),
                total=stored.get("n"),
            )
        except (AttributeError, KeyError, TypeError, ValueError):
            return None


class Conversation:
    """The chat part of a Flask session: read it, add to it, forget it."""

    def __init__(self, session: MutableMapping[str, Any]) -> None:
        self._session = session

    @property
    def sender_id(self) -> str:
        """Rasa's name for this conversation: random, and made only when the person first writes."""
        stored = self._stored()
        if not isinstance(stored.get("sender"), str):
            stored = {"sender": secrets.token_urlsafe(16), "entries": []}
            self._session[SESSION_KEY] = stored
        return stored["sender"]

    @property
    def entries(self) -> list[ChatEntry]:
        raw = self._stored().get("entries")
        entries = (ChatEntry.from_session(item) for item in raw) if isinstance(raw, list) else ()
        return [entry for entry in entries if entry is not None]

    def add(self, new_entries: list[ChatEntry]) -> None:
        kept = [*self.entries, *new_entries][-MAX_ENTRIES:]
        self._save(kept)
        while len(kept) > 1 and self._cookie_size() > COOKIE_BUDGET_BYTES:
            kept = kept[1:]
            self._save(kept)

    def clear(self) -> None:
        self._session.pop(SESSION_KEY, None)

    def _stored(self) -> dict[str, Any]:
        stored = self._session.get(SESSION_KEY)
        return stored if isinstance(stored, dict) else {}

    def _save(self, entries: list[ChatEntry]) -> None:
        self._session[SESSION_KEY] = {
            "sender": self.sender_id,
            "entries": [entry.to_session() for entry in entries],
        }

    def _cookie_size(self) -> int:
        """The length of the signed cookie value Flask will send for the whole session."""
        serializer = current_app.session_interface.get_signing_serializer(current_app)  # type: ignore[attr-defined]
        return len(serializer.dumps(dict(self._session)))
