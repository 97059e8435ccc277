"""Urgent help, a person to talk to, and not understanding: the council's details come from settings."""

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.council import ActionContactHuman, ActionHandleFallback, ActionUrgentHelp

from .conftest import COUNCIL_ENV, tracker_for, user_event

pytestmark = pytest.mark.anyio
COUNCIL_DETAILS = {
    "council_name": COUNCIL_ENV["COUNCIL_NAME"],
    "council_phone": COUNCIL_ENV["COUNCIL_PHONE"],
    "council_email": COUNCIL_ENV["COUNCIL_EMAIL"],
    "council_opening_hours": COUNCIL_ENV["COUNCIL_OPENING_HOURS"],
    "safeguarding_phone": COUNCIL_ENV["SAFEGUARDING_PHONE"],
}


def responses(dispatcher: CollectingDispatcher) -> list[str]:
    return [message["response"] for message in dispatcher.messages]


async def test_urgent_help_fills_in_the_configured_safeguarding_line(dispatcher):
    await ActionUrgentHelp().run(dispatcher, tracker_for("he's not breathing", "urgent_help"), domain={})

    [message] = dispatcher.messages
    assert message["response"] == "utter_urgent_help"
    assert {name: message[name] for name in COUNCIL_DETAILS} == COUNCIL_DETAILS


async def test_asking_for_a_person_gives_the_council_phone_email_and_hours(dispatcher):
    await ActionContactHuman().run(
        dispatcher, tracker_for("can i talk to a person", "ask_for_human"), domain={}
    )

    [message] = dispatcher.messages
    assert message["response"] == "utter_contact_human"
    assert {name: message[name] for name in COUNCIL_DETAILS} == COUNCIL_DETAILS


async def test_the_first_message_not_understood_asks_to_say_it_another_way(dispatcher):
    earlier = [user_event("hello", "greet")]
    tracker = tracker_for("asdfgh qwerty", "nlu_fallback", earlier=earlier)

    await ActionHandleFallback().run(dispatcher, tracker, domain={})

    assert responses(dispatcher) == ["utter_default"]


async def test_the_second_in_a_row_hands_over_to_a_person(dispatcher):
    earlier = [user_event("hello", "greet"), user_event("asdfgh qwerty", "nlu_fallback")]
    tracker = tracker_for("blah blah", "nlu_fallback", earlier=earlier)

    await ActionHandleFallback().run(dispatcher, tracker, domain={})

    assert responses(dispatcher) == ["utter_fallback_handoff", "utter_contact_human"]
    assert dispatcher.messages[1]["council_phone"] == COUNCIL_ENV["COUNCIL_PHONE"]


async def test_two_not_understood_with_an_understood_one_between_do_not_hand_over(dispatcher):
    earlier = [user_event("asdfgh", "nlu_fallback"), user_event("lunch club", "find_support")]
    tracker = tracker_for("blah blah", "nlu_fallback", earlier=earlier)

    await ActionHandleFallback().run(dispatcher, tracker, domain={})

    assert responses(dispatcher) == ["utter_default"]
