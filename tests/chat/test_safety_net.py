"""Danger is answered first, by the site itself, whether or not the assistant is up."""

import pytest

from tests.chat.conftest import listing, listing_reply, parse, send, text_of, text_reply

DANGER = [
    "I want to end my life",
    "my dad has fallen and is not breathing",
    "my carer hits me",
]


def urgent_help_text(entry) -> str:
    return text_of(entry.select_one(".govuk-warning-text"))


@pytest.mark.parametrize("message", DANGER)
def test_danger_gets_999_first_even_with_rasa_down(client, rasa_down, message):
    response = send(client, message)
    assert response.status_code == 200
    entries = parse(response).select(".app-chat-entry")
    assert len(entries) == 2  # the message and the urgent help: no "assistant is down" in the way
    help_text = urgent_help_text(entries[1])
    assert help_text.index("999") < help_text.index("111") < help_text.index("116 123")
    assert "0161 555 0199" in help_text  # the council's safeguarding phone, from config
    for number in ("tel:999", "tel:111", "tel:116123", "tel:01615550199"):
        assert entries[1].select_one(f"a[href='{number}']") is not None


def test_the_safeguarding_phone_comes_from_config(app, client, rasa_down):
    app.config["SAFEGUARDING_PHONE"] = "01942 000 111"
    try:
        entries = parse(send(client, DANGER[0])).select(".app-chat-entry")
    finally:
        app.config["SAFEGUARDING_PHONE"] = "0161 555 0199"
    assert "01942 000 111" in urgent_help_text(entries[1])


def test_danger_is_answered_before_what_the_assistant_says(client, rasa_stand_in):
    rasa_stand_in.replies = [
        {
            "recipient_id": "x",
            "text": "Call 999. NHS 111. Samaritans 116 123.",
            "custom": {"type": "urgent_help"},
        },
        text_reply("Are you safe right now?"),
    ]
    entries = parse(send(client, DANGER[1])).select(".app-chat-entry")
    texts = [text_of(entry) for entry in entries]
    # Ours first; the assistant's copy of the same help is not repeated; its other words follow.
    assert "999" in urgent_help_text(entries[1])
    assert texts[2:] == ["Assistant Are you safe right now?"]
    assert rasa_stand_in.received[0]["message"] == DANGER[1]


@pytest.mark.parametrize(
    "message", ["is there a dementia group near WN1 1AA", "suicide bereavement group near me"]
)
def test_ordinary_questions_get_no_urgent_help(client, rasa_stand_in, message):
    rasa_stand_in.replies = [listing_reply(listing())]
    entries = parse(send(client, message)).select(".app-chat-entry")
    assert [entry.select_one(".govuk-warning-text") for entry in entries] == [None, None]
