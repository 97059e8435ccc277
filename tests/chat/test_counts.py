"""Anonymous counts: one row per message with the intent, and nothing about the person."""

import logging

from sqlalchemy import func, select

from tests.chat.conftest import send, text_reply
from web.extensions import db
from web.models import AssistantEvent, Organization, SearchEvent


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


def test_a_message_in_the_middle_of_unfinished_work_leaves_it_unfinished(client, rasa_stand_in):
    rasa_stand_in.replies = [text_reply("Hello.")]
    rasa_stand_in.intent = "greet"
    db.session.add(Organization(name="Half-made booking", description=""))
    db.session.flush()
    send(client, "hello")
    db.session.rollback()
    with db.engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(Organization)) == 0
        assert connection.execute(select(AssistantEvent.intent)).scalars().all() == ["greet"]


def test_when_the_count_cannot_be_written_the_person_is_still_answered(client, rasa_stand_in, caplog):
    rasa_stand_in.replies = [text_reply("A direct payment is money from the council.")]
    AssistantEvent.__table__.drop(db.engine)
    try:
        with caplog.at_level(logging.ERROR, logger="web.services.analytics"):
            page = send(client, "what is a direct payment")
    finally:
        AssistantEvent.__table__.create(db.engine)
    assert page.status_code == 200
    assert "A direct payment is money from the council." in page.get_data(as_text=True)
    assert "Could not write an anonymous count" in caplog.text
