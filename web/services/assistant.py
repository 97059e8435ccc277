"""The one client for the assistant's Rasa server (REST channel). Only Flask talks to Rasa.

Every call has a timeout and any failure (refused, slow, an error status, a body that is not the REST
channel's JSON) becomes AssistantUnavailable, so the chat page can always answer the person.
What Rasa sends is read into typed values here; nothing in a reply is trusted as HTML.
"""

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import requests
from flask import Flask, current_app

# Rasa names the intent it could not place with the FallbackClassifier.
FALLBACK_INTENT = "nlu_fallback"
# Reading the last intent is only for the counts: it must never slow a reply down much.
TRACKER_TIMEOUT_SECONDS = 1.0
CONNECT_TIMEOUT_SECONDS = 1.0
_SERVICE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_INTENT_NAME = re.compile(r"^[a-z0-9_]{1,64}$")


class AssistantUnavailable(Exception):
    """The Rasa server could not be reached, was too slow or answered with something unusable."""


@dataclass(frozen=True)
class Listing:
    """One listing from a search reply, in the words /api/search uses."""

    id: str
    name: str
    summary: str = ""
    where: str = ""
    when: str = ""
    cost: str = ""
    phone: str = ""
    broader: bool = False  # general support, not specific to what was asked
    bookable: bool = False  # can be booked online today


@dataclass(frozen=True)
class BotMessage:
    """One message from the assistant: text always; listings or urgent help when its payload says so."""

    text: str
    listings: tuple[Listing, ...] = ()
    search_url: str | None = None
    total: int | None = None
    is_urgent_help: bool = False
    intent: str | None = None


@dataclass(frozen=True)
class AssistantReply:
    messages: tuple[BotMessage, ...] = field(default_factory=tuple)

    @property
    def intent(self) -> str | None:
        """The intent a custom payload named, if the bot put one in."""
        return next((message.intent for message in self.messages if message.intent), None)


def init_app(app: Flask) -> None:
    """One pooled HTTP session per app, so each reply reuses a connection to Rasa. Nothing connects yet."""
    app.extensions["assistant_http"] = requests.Session()


def send_message(sender_id: str, text: str) -> AssistantReply:
    """Pass the person's message to Rasa and return what the assistant said back."""
    payload = {"sender": sender_id, "message": text, "metadata": {}}
    try:
        response = _http().post(
            _url("/webhooks/rest/webhook"),
            json=payload,
            timeout=(CONNECT_TIMEOUT_SECONDS, current_app.config["ASSISTANT_TIMEOUT_SECONDS"]),
        )
        response.raise_for_status()
        body = response.json()
    except (requests.RequestException, ValueError) as error:
        raise AssistantUnavailable(f"The assistant did not answer: {error}") from error
    if not isinstance(body, list):
        raise AssistantUnavailable("The assistant's answer was not a list of messages")
    return AssistantReply(tuple(message for item in body if (message := _bot_message(item)) is not None))


def latest_intent(sender_id: str) -> str | None:
    """The intent Rasa recognised for this sender's last message, read from its tracker.

    Needs Rasa's HTTP API (`rasa run --enable-api`); None whenever that is off or anything goes wrong,
    because a missing count must never cost the person their answer."""
    params = {"include_events": "NONE"}
    if current_app.config.get("RASA_AUTH_TOKEN"):
        params["token"] = current_app.config["RASA_AUTH_TOKEN"]
    try:
        response = _http().get(
            _url(f"/conversations/{quote(sender_id, safe='')}/tracker"),
            params=params,
            timeout=(CONNECT_TIMEOUT_SECONDS, TRACKER_TIMEOUT_SECONDS),
        )
        response.raise_for_status()
        tracker = response.json()
    except (requests.RequestException, ValueError):
        return None
    latest = tracker.get("latest_message") if isinstance(tracker, dict) else None
    intent = latest.get("intent") if isinstance(latest, dict) else None
    name = intent.get("name") if isinstance(intent, dict) else None
    return _intent_name(name)


def _http() -> requests.Session:
    return current_app.extensions["assistant_http"]


def _url(path: str) -> str:
    return current_app.config["RASA_URL"].rstrip("/") + path


def _bot_message(item: Any) -> BotMessage | None:
    if not isinstance(item, dict):
        return None
    text = _text(item.get("text"))
    custom = item.get("custom") if isinstance(item.get("custom"), dict) else {}
    kind = custom.get("type")
    listings = _listings(custom.get("results")) if kind == "listings" else ()
    if not (text or listings or kind == "urgent_help"):
        return None
    return BotMessage(
        text=text,
        listings=listings,
        search_url=(_text(custom.get("search_url")) or None) if kind == "listings" else None,
        total=custom.get("total") if isinstance(custom.get("total"), int) else None,
        is_urgent_help=kind == "urgent_help",
        intent=_intent_name(custom.get("intent")),
    )


def _listings(results: Any) -> tuple[Listing, ...]:
    if not isinstance(results, list):
        return ()
    listings = []
    for result in results:
        if not isinstance(result, dict):
            continue
        service_id, name = _text(result.get("id")), _text(result.get("name"))
        # The link is built from the id on our side, so a listing can only point at our own pages.
        if not (_SERVICE_ID.match(service_id) and name):
            continue
        listings.append(
            Listing(
                id=service_id,
                name=name,
                summary=_text(result.get("summary")),
                where=_text(result.get("where")),
                when=_text(result.get("when")),
                cost=_text(result.get("cost")),
                phone=_text(result.get("phone")),
                broader=result.get("broader") is True,
                bookable=result.get("bookable") is True,
            )
        )
    return tuple(listings)


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _intent_name(value: Any) -> str | None:
    return value if isinstance(value, str) and _INTENT_NAME.match(value) else None
