"""Answering one message: the safety net first, then the assistant, then an anonymous count.

Whatever happens the person gets an answer they can act on: urgent help when the safety net matches
(even with Rasa down), the assistant's reply when it answers, otherwise a friendly message with the
search box and the council's phone number.
"""

import re

from flask import current_app

from bot.safety.net import check_message
from web.chat.conversation import ChatEntry, Conversation, EntryKind
from web.chat.rendering import site_path
from web.models import AssistantEvent
from web.services import assistant
from web.services.analytics import record_count
from web.services.assistant import AssistantUnavailable, BotMessage

URGENT_HELP_INTENT = "urgent_help"
# A listing reply's text lists every listing ("1. Name: summary") for readers without cards; the cards
# show the same, so only the lines before the first listing are kept with them.
_FIRST_LISTED = re.compile(r"^\d+\.\s", re.MULTILINE)


def answer_message(conversation: Conversation, text: str) -> list[ChatEntry]:
    """Add the person's message and the answers to the conversation; return the new entries in order."""
    entries = [ChatEntry(from_person=True, kind=EntryKind.TEXT, text=text)]
    # Deterministic and local, so danger is answered first and even when the assistant is down.
    in_danger = check_message(text) is not None
    if in_danger:
        entries.append(ChatEntry(from_person=False, kind=EntryKind.SAFETY_NET))

    try:
        reply = assistant.send_message(conversation.sender_id, text)
    except AssistantUnavailable as error:
        current_app.logger.warning("Assistant unavailable: %s", error)
        if not in_danger:
            entries.append(ChatEntry(from_person=False, kind=EntryKind.UNAVAILABLE))
        _count(URGENT_HELP_INTENT if in_danger else None, in_danger, assistant_available=False)
    else:
        # Our urgent help is already on screen; the assistant's copy of it would only repeat it.
        answers = [
            _entry(message) for message in reply.messages if not (in_danger and message.is_urgent_help)
        ]
        if not answers and not in_danger:
            answers = [ChatEntry(from_person=False, kind=EntryKind.UNAVAILABLE)]
        entries.extend(answers)
        intent = (
            URGENT_HELP_INTENT
            if in_danger
            else reply.intent or assistant.latest_intent(conversation.sender_id)
        )
        _count(intent, in_danger, assistant_available=True)

    conversation.add(entries)
    return entries


def _entry(message: BotMessage) -> ChatEntry:
    if message.is_urgent_help:
        return ChatEntry(from_person=False, kind=EntryKind.URGENT_HELP, text=message.text)
    if message.listings:
        return ChatEntry(
            from_person=False,
            kind=EntryKind.LISTINGS,
            text=listing_intro(message.text),
            listings=message.listings,
            search_url=site_path(message.search_url) if message.search_url else None,
            total=message.total,
        )
    return ChatEntry(from_person=False, kind=EntryKind.TEXT, text=message.text)


def listing_intro(text: str) -> str:
    """The words before the first numbered listing, or all of them when nothing is numbered."""
    first = _FIRST_LISTED.search(text)
    return text[: first.start()].strip() if first else text


def _count(intent: str | None, safety_net_matched: bool, assistant_available: bool) -> None:
    """One anonymous row per message, written on its own: it never commits the caller's work, and one
    that cannot be written never costs the person an answer."""
    record_count(
        AssistantEvent,
        intent=intent,
        was_fallback=intent == assistant.FALLBACK_INTENT,
        safety_net_matched=safety_net_matched,
        assistant_available=assistant_available,
    )
