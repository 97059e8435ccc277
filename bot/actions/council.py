"""Answers that come from the council's details: urgent help, a person to talk to, and not understanding.

The details (phone numbers, email, opening hours) come from the action server's settings so they are
configured in one place, not written into responses.
"""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from .settings import get_settings

# After this many messages in a row it could not understand, offer a person instead.
FALLBACKS_BEFORE_HANDOFF = 2


class ActionUrgentHelp(Action):
    def name(self) -> str:
        return "action_urgent_help"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_urgent_help", **get_settings().council_details())
        return []


class ActionContactHuman(Action):
    def name(self) -> str:
        return "action_contact_human"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_contact_human", **get_settings().council_details())
        return []


class ActionHandleFallback(Action):
    """Asks to rephrase; the second time in a row it gives the council's details instead."""

    def name(self) -> str:
        return "action_handle_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        if fallbacks_in_a_row(tracker) % FALLBACKS_BEFORE_HANDOFF == 0:
            dispatcher.utter_message(response="utter_fallback_handoff")
            dispatcher.utter_message(response="utter_contact_human", **get_settings().council_details())
        else:
            dispatcher.utter_message(response="utter_default")
        return []


def fallbacks_in_a_row(tracker: Tracker) -> int:
    """How many of the latest user messages, counting back from this one, were not understood."""
    count = 0
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
        if intent != "nlu_fallback":
            break
        count += 1
    return count
