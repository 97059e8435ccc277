"""POST /chat/messages, the chat panel's JSON endpoint: same answers as the page, as HTML fragments."""

from bs4 import BeautifulSoup

from tests.chat.conftest import listing, listing_reply, parse, text_of, text_reply


def post(client, body):
    return client.post("/chat/messages", json=body)


def fragment(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_a_message_is_answered_with_the_new_entries(client, rasa_stand_in):
    rasa_stand_in.replies = [listing_reply(listing())]
    response = post(client, {"message": "dementia group near WN1 1AA"})
    assert response.status_code == 200
    entries = fragment(response.json["html"]).select("li.app-chat-entry")
    assert text_of(entries[0]) == "You dementia group near WN1 1AA"
    assert text_of(entries[1].select_one(".govuk-summary-card__title")) == "Wigan Memory Cafe"


def test_the_page_and_the_panel_share_one_conversation(client, rasa_stand_in):
    rasa_stand_in.replies = [text_reply("Hello there.")]
    post(client, {"message": "hello"})
    page = parse(client.get("/chat"))
    assert [text_of(entry) for entry in page.select(".app-chat-entry")] == [
        "You hello",
        "Assistant Hello there.",
    ]
    listing_json = client.get("/chat/messages").json
    assert listing_json["count"] == 2
    assert "Hello there." in listing_json["html"]
    assert listing_json["csrf_token"]


def test_rasa_down_is_a_normal_answer_with_search_and_phone(client, rasa_down):
    response = post(client, {"message": "hello"})
    assert response.status_code == 200
    answer = fragment(response.json["html"]).select("li.app-chat-entry")[-1]
    assert "Sorry, the assistant cannot answer right now." in text_of(answer)
    assert answer.select_one("form[action='/search']") is not None


def test_danger_through_the_panel_gets_urgent_help(client, rasa_down):
    html = post(client, {"message": "I want to end my life"}).json["html"]
    warning = fragment(html).select_one(".govuk-warning-text")
    assert text_of(warning).index("999") < text_of(warning).index("116 123")


def test_two_panel_answers_never_share_an_element_id(client, rasa_down):
    first = post(client, {"message": "hello"}).json["html"]
    second = post(client, {"message": "hello again"}).json["html"]
    ids = [tag["id"] for tag in fragment(first + second).select("[id]")]
    assert len(ids) == len(set(ids)) > 0


def test_bad_bodies_get_a_400_with_a_message(client, rasa_stand_in):
    for body in ({}, {"message": ""}, {"message": 42}, ["hello"], {"message": "x" * 501}):
        response = post(client, body)
        assert response.status_code == 400, body
        assert response.json["error"] in (
            "Enter your message",
            "Your message must be 500 characters or fewer",
        )
    assert client.post("/chat/messages", data="not json", content_type="application/json").status_code == 400
    assert rasa_stand_in.received == []
