"""Anonymous counts: one row per message with the intent, and nothing about the person."""

from sqlalchemy import select

from tests.chat.conftest import send, text_reply
from web.extensions import db
from web.models import AssistantEvent, SearchEvent


def events() -> list[AssistantEvent]:
    return list(db.session.scalars(select(AssistantEvent).order_by(AssistantEvent.id)))


def test_the_intent_named_in_a_payload_is_counted(client, rasa_stand_in):
    rasa_stand_in.replies = [{"recipient_id": "x", "text": "Here.", "custom": {"intent": "find_support"}}]
    send(client, "dementia group near WN1 1AA")
    [event] = events()
    assert (event.intent, event.was_fallback, event.safety_net_matched, event.assistant_available) == (
        "find_support",
        False,
        False,
        True,
    )


def test_the_intent_is_read_from_the_tracker_otherwise(client, rasa_stand_in):
    rasa_stand_in.replies = [text_reply("A direct payment is money from the council.")]
    rasa_stand_in.intent = "ask_direct_payments"
    send(client, "what is a direct payment")
    assert [event.intent for event in events()] == ["ask_direct_payments"]


def test_a_fallback_is_counted_as_one(client, rasa_stand_in):
    rasa_stand_in.replies = [text_reply("Sorry, I did not understand.")]
    rasa_stand_in.intent = "nlu_fallback"
    send(client, "purple monkey dishwasher")
    [event] = events()
    assert event.was_fallback is True


def test_without_the_tracker_the_intent_is_unknown_but_counted(client, rasa_stand_in):
    rasa_stand_in.replies = [text_reply("Hello.")]
    send(client, "hello")
    [event] = events()
    assert event.intent is None and event.assistant_available is True


def test_danger_and_unavailable_are_counted(client, rasa_down):
    send(client, "I want to end my life")
    send(client, "hello")
    assert [(e.intent, e.safety_net_matched, e.assistant_available) for e in events()] == [
        ("urgent_help", True, False),
        (None, False, False),
    ]


def test_nothing_about_the_person_is_stored(client, rasa_stand_in):
    rasa_stand_in.replies = [text_reply("Here.")]
    rasa_stand_in.intent = "find_support"
    send(client, "dementia group near WN1 1AA for my wife Mary")
    [event] = events()
    stored = " ".join(str(getattr(event, column.key)) for column in AssistantEvent.__table__.columns)
    for personal in ("Mary", "WN1", "dementia", rasa_stand_in.received[0]["sender"]):
        assert personal not in stored
    # Kept to the hour, so a row cannot be lined up with a web server log.
    assert (event.created_at.minute, event.created_at.second, event.created_at.microsecond) == (0, 0, 0)
    # Searches are counted by /api/search when the assistant's actions call it, never by the chat page.
    assert db.session.scalars(select(SearchEvent)).all() == []
