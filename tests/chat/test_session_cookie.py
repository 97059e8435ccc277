"""The conversation lives in the person's own cookie, which must stay small however long they chat."""

from tests.chat.conftest import listing, listing_reply, parse, send, text_of
from web.chat.conversation import COOKIE_BUDGET_BYTES, MAX_ENTRIES

LONG_SUMMARY = "A friendly group that meets every week for a cup of tea and a chat with others. " * 3


def cookie_size(client) -> int:
    return len(client.get_cookie("session").value)


def busy_reply(round_number: int) -> dict:
    return listing_reply(
        *(
            listing(
                f"Listing {round_number}-{n} with a fairly long name",
                id=f"id-{round_number}-{n}",
                summary=LONG_SUMMARY,
            )
            for n in range(5)
        )
    )


def test_cookie_stays_bounded_after_30_messages(client, rasa_stand_in):
    for round_number in range(30):
        rasa_stand_in.replies = [busy_reply(round_number)]
        send(client, f"message {round_number} " + "about dementia groups near Wigan " * 10, follow=False)
        assert cookie_size(client) <= COOKIE_BUDGET_BYTES

    entries = parse(client.get("/chat")).select(".app-chat-entry")
    assert 2 <= len(entries) <= MAX_ENTRIES
    # The newest question and its answer are the ones kept.
    assert text_of(entries[-2]).startswith("You message 29 ")
    assert "Listing 29-0" in text_of(entries[-1])


def test_cookie_stays_bounded_with_a_full_shortlist(client, rasa_stand_in):
    with client.session_transaction() as session:
        session["shortlist"] = [f"{n:08d}-4c1e-4d8b-9a55-0d5b7e1c2f10" for n in range(40)]
    for round_number in range(12):
        rasa_stand_in.replies = [busy_reply(round_number)]
        send(client, "x" * 500, follow=False)
        assert cookie_size(client) <= COOKIE_BUDGET_BYTES
    with client.session_transaction() as session:
        assert len(session["shortlist"]) == 40


def test_short_conversations_keep_the_last_ten_messages(client, rasa_stand_in):
    rasa_stand_in.replies = [{"recipient_id": "x", "text": "OK."}]
    for n in range(8):
        send(client, f"question {n}", follow=False)
    entries = [text_of(entry) for entry in parse(client.get("/chat")).select(".app-chat-entry")]
    assert len(entries) == MAX_ENTRIES
    assert entries[0] == "You question 3"
    assert entries[-2:] == ["You question 7", "Assistant OK."]


def test_a_cookie_from_an_older_version_is_ignored_not_an_error(client):
    with client.session_transaction() as session:
        session["chat"] = {
            "sender": "abc",
            "entries": [{"who": "me"}, "nonsense", {"p": 1, "k": "text", "t": "Hi"}],
        }
    response = client.get("/chat")
    assert response.status_code == 200
    assert [text_of(entry) for entry in parse(response).select(".app-chat-entry")] == ["You Hi"]
