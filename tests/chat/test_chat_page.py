"""The /chat page without JavaScript: post a message, read the conversation, bad input, Rasa down."""

import pytest

from tests.chat.conftest import (
    conversation_entries,
    listing,
    listing_reply,
    parse,
    send,
    text_of,
    text_reply,
)


def test_empty_page_offers_a_form_and_the_phone_number(client):
    soup = parse(client.get("/chat"))
    assert soup.select(".app-chat-entry") == []
    form = soup.select_one("form[action='/chat'][method='post']")
    assert form.select_one("textarea[name='message']") is not None
    assert "0161 555 0100" in text_of(soup.select_one("main"))
    # Nothing to keep yet, so no email or start-again forms.
    assert soup.select_one("form[action='/chat/email']") is None


def test_a_reply_is_shown_after_the_question(client, rasa_stand_in):
    rasa_stand_in.replies = [
        text_reply("A direct payment is money from the council to buy your own support.")
    ]
    response = send(client, "what is a direct payment", follow=False)
    # Post, then redirect, so refreshing the page does not send the message again.
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/chat#latest")

    soup = parse(client.get("/chat"))
    assert conversation_entries(soup) == [
        "You what is a direct payment",
        "Assistant A direct payment is money from the council to buy your own support.",
    ]
    assert soup.select_one("#latest").get_text(" ", strip=True).startswith("You")
    assert rasa_stand_in.received[0]["message"] == "what is a direct payment"


def test_the_conversation_keeps_one_random_sender_id(client, rasa_stand_in):
    rasa_stand_in.replies = [text_reply("Hello.")]
    send(client, "hello")
    send(client, "thanks")
    other_person = client.application.test_client()
    send(other_person, "hello")
    senders = [message["sender"] for message in rasa_stand_in.received]
    assert senders[0] == senders[1]
    assert senders[2] != senders[0]
    assert len(senders[0]) >= 20


@pytest.mark.parametrize(
    ("message", "error"),
    [
        ("", "Enter your message"),
        ("   \x00\x07  ", "Enter your message"),
        ("a" * 501, "Your message must be 500 characters or fewer"),
    ],
)
def test_bad_messages_get_an_error_and_are_not_sent(client, rasa_stand_in, message, error):
    response = send(client, message, follow=False)
    assert response.status_code == 400
    soup = parse(response)
    assert text_of(soup.select_one("#message-error")) == f"Error: {error}"
    assert soup.title.get_text().startswith("Error: ")
    assert soup.select_one(".govuk-error-summary a[href='#message']") is not None
    assert rasa_stand_in.received == []


def test_control_characters_are_stripped_before_forwarding(client, rasa_stand_in):
    rasa_stand_in.replies = [text_reply("Here you are.")]
    send(client, "dementia\x00 group\x1b near Wigan")
    assert rasa_stand_in.received[0]["message"] == "dementia group near Wigan"


def test_exactly_500_characters_is_accepted(client, rasa_stand_in):
    rasa_stand_in.replies = [text_reply("OK.")]
    assert send(client, "a" * 500, follow=False).status_code == 303


def test_rasa_down_gives_a_friendly_page_with_search_box_and_phone(client, rasa_down):
    response = send(client, "is there a dementia group near WN1 1AA")
    assert response.status_code == 200
    soup = parse(response)
    answer = soup.select(".app-chat-entry")[-1]
    assert "Sorry, the assistant cannot answer right now." in text_of(answer)
    assert answer.select_one("a[href='tel:01615550100']") is not None
    search = answer.select_one("form[action='/search'][method='get']")
    assert search.select_one("input[name='q']") is not None
    assert search.select_one("input[name='location']") is not None
    assert "Traceback" not in response.text


@pytest.mark.parametrize("status", [500, 502])
def test_rasa_error_status_is_treated_as_unavailable(client, rasa_stand_in, status):
    rasa_stand_in.status = status
    soup = parse(send(client, "hello"))
    assert "Sorry, the assistant cannot answer right now." in conversation_entries(soup)[-1]


def test_a_body_that_is_not_rasa_json_is_treated_as_unavailable(client, rasa_stand_in):
    rasa_stand_in.raw_body = b"<html>proxy error</html>"
    soup = parse(send(client, "hello"))
    assert "Sorry, the assistant cannot answer right now." in conversation_entries(soup)[-1]


def test_only_the_newest_unavailable_answer_carries_a_search_box(client, rasa_down):
    send(client, "hello")
    soup = parse(send(client, "hello again"))
    assert len(soup.select("form.app-chat-search")) == 1
    assert soup.select(".app-chat-entry")[-1].select_one("form.app-chat-search") is not None


def test_start_again_forgets_the_conversation(client, rasa_stand_in):
    rasa_stand_in.replies = [text_reply("Hello.")]
    send(client, "hello")
    client.post("/chat/start-again")
    assert parse(client.get("/chat")).select(".app-chat-entry") == []
    send(client, "hello")
    assert rasa_stand_in.received[0]["sender"] != rasa_stand_in.received[1]["sender"]


def test_start_again_keeps_the_shortlist(client, rasa_stand_in):
    with client.session_transaction() as session:
        session["shortlist"] = ["6a1f6a2e-4c1e-4d8b-9a55-0d5b7e1c2f10"]
    rasa_stand_in.replies = [text_reply("Hello.")]
    send(client, "hello")
    client.post("/chat/start-again")
    with client.session_transaction() as session:
        assert session["shortlist"] == ["6a1f6a2e-4c1e-4d8b-9a55-0d5b7e1c2f10"]
        assert "chat" not in session


def test_the_panel_container_is_on_other_pages_and_the_nav_links_to_chat(client):
    soup = parse(client.get("/"))
    panel = soup.select_one("aside.app-chat-panel")
    assert panel.has_attr("hidden")  # shown by chat.js only
    assert panel["data-messages-url"] == "/chat/messages"
    assert soup.select_one(".govuk-service-navigation a[href='/chat']") is not None
    # The chat page is the conversation itself: no panel on top of it.
    assert parse(client.get("/chat")).select_one("aside.app-chat-panel") is None


def test_the_conversation_reads_back_in_order_over_several_turns(client, rasa_stand_in):
    rasa_stand_in.replies = [listing_reply(listing())]
    send(client, "dementia group near WN1 1AA")
    rasa_stand_in.replies = [text_reply("You're welcome.")]
    soup = parse(send(client, "thanks"))
    entries = conversation_entries(soup)
    assert [entry.split(" ")[0] for entry in entries] == ["You", "Assistant", "You", "Assistant"]
    assert "Wigan Memory Cafe" in entries[1]
    assert entries[3] == "Assistant You're welcome."
