"""How the assistant's replies look: listings as summary cards, urgent help as a warning, text escaped
with only this site's pages and phone numbers made into links."""

from tests.chat.conftest import listing, listing_reply, parse, send, text_of, text_reply

SERVICE_ID = "6a1f6a2e-4c1e-4d8b-9a55-0d5b7e1c2f10"


def last_answer(client, message: str = "dementia group near WN1 1AA"):
    return parse(send(client, message)).select(".app-chat-entry")[-1]


def test_listings_are_summary_cards_with_every_fact(client, rasa_stand_in):
    rasa_stand_in.replies = [listing_reply(listing(), listing("Dementia Helpers at Home", id="b-2"))]
    answer = last_answer(client)
    cards = answer.select(".govuk-summary-card")
    assert len(cards) == 2
    title = cards[0].select_one(".govuk-summary-card__title a")
    assert text_of(title) == "Wigan Memory Cafe"
    # The link is built from the id on our side, never taken from the reply's url.
    assert title["href"] == f"/services/{SERVICE_ID}"
    facts = {
        text_of(row.select_one("dt")): text_of(row.select_one("dd"))
        for row in cards[0].select(".govuk-summary-list__row")
    }
    assert facts == {
        "Where": "0.3 miles away",
        "When": "Tuesdays, 10am to 12 noon",
        "Cost": "Free",
        "Phone": "01942 111 222",
    }
    assert cards[0].select_one("a[href='tel:01942111222']") is not None
    assert "A relaxed cafe" in text_of(cards[0])
    assert cards[1].select_one(".govuk-summary-card__title a")["href"] == "/services/b-2"


def test_general_support_is_tagged_on_its_card_and_stays_tagged_on_the_next_page_load(client, rasa_stand_in):
    stroke_club = listing("Bolton Stroke Club", id="b-1")
    rasa_stand_in.replies = [
        listing_reply(stroke_club, listing("Bolton Carers Centre", id="b-2", broader=True))
    ]
    for answer in (
        last_answer(client, "stroke group in bolton"),
        parse(client.get("/chat")).select(".app-chat-entry")[-1],
    ):
        cards = answer.select(".govuk-summary-card")
        tags = [
            text_of(tag)
            for card in cards
            for tag in card.select(".govuk-summary-card__title-wrapper .govuk-tag")
        ]
        assert len(cards) == 2 and tags == ["General support"]
        assert cards[1].select_one(".govuk-tag") is not None


def test_a_listing_that_can_be_booked_online_says_so_on_its_card_after_a_reload_too(client, rasa_stand_in):
    rasa_stand_in.replies = [
        listing_reply(listing("Wigan Home Helpers", id="h-1", bookable=True), listing("Wigan Carers Cafe"))
    ]
    for answer in (
        last_answer(client, "help at home in wigan"),
        parse(client.get("/chat")).select(".app-chat-entry")[-1],
    ):
        tags = [
            [text_of(tag) for tag in card.select(".govuk-summary-card__title-wrapper .govuk-tag")]
            for card in answer.select(".govuk-summary-card")
        ]
        assert tags == [["Book online"], []]


def test_the_listings_written_out_in_the_text_give_way_to_the_cards(client, rasa_stand_in):
    reply = listing_reply(listing())
    reply["text"] = (
        "I found 9 listings for dementia groups near WN1 1AA.\nHere are the first 1:\n"
        "1. Wigan Memory Cafe: A relaxed cafe.\n0.3 miles away. Free.\n"
        f"More about it: /services/{SERVICE_ID}\nSee all 9 on the website: /search?q=dementia"
    )
    rasa_stand_in.replies = [reply]
    answer = last_answer(client)
    intro = text_of(answer.select_one(".app-chat-entry__text"))
    assert intro == "I found 9 listings for dementia groups near WN1 1AA. Here are the first 1:"
    assert "More about it" not in text_of(answer)
    assert len(answer.select(".govuk-summary-card")) == 1


def test_a_reply_with_no_listings_keeps_all_its_advice(client, rasa_stand_in):
    advice = "I couldn't find any dementia groups near WN1 1AA.\nYou could:\n- call us on 0161 555 0100."
    rasa_stand_in.replies = [listing_reply(text=advice)]
    answer = last_answer(client)
    text = text_of(answer.select_one(".app-chat-entry__text"))
    assert text.startswith("I couldn't find any dementia groups near WN1 1AA. You could: - call us on")
    assert answer.select_one("a[href='tel:01615550100']") is not None
    assert answer.select(".govuk-summary-card") == []


def test_listings_link_to_all_results_on_this_site(client, rasa_stand_in):
    rasa_stand_in.replies = [
        listing_reply(
            listing(), total=12, search_url="http://127.0.0.1:5000/search?q=dementia&location=WN1+1AA"
        )
    ]
    link = next(a for a in last_answer(client).select("a") if "See all 12 results" in text_of(a))
    assert text_of(link) == "See all 12 results in the directory"
    assert link["href"] == "/search?q=dementia&location=WN1+1AA"


def test_a_search_link_to_somewhere_else_is_dropped(client, rasa_stand_in):
    rasa_stand_in.replies = [listing_reply(listing(), search_url="javascript:alert(1)")]
    answer = last_answer(client)
    assert "See all" not in text_of(answer)
    assert "javascript:" not in str(answer)


def test_a_listing_with_a_strange_id_is_left_out(client, rasa_stand_in):
    rasa_stand_in.replies = [listing_reply(listing(id="../../account"), listing("Second", id="ok-id"))]
    answer = last_answer(client)
    assert [text_of(a) for a in answer.select(".govuk-summary-card__title a")] == ["Second"]


def test_html_in_the_reply_is_shown_as_text(client, rasa_stand_in):
    rasa_stand_in.replies = [
        text_reply('<script>alert("x")</script> <b>bold</b>'),
        listing_reply(listing(name="<img src=x onerror=alert(1)>", summary="<i>hi</i>")),
    ]
    response = send(client, "hello")
    assert "<script>alert" not in response.text
    assert "<img src=x" not in response.text
    assert "&lt;script&gt;" in response.text
    answer_text = text_of(parse(response).select(".app-chat-entry")[1])
    assert '<script>alert("x")</script> <b>bold</b>' in answer_text


def test_links_to_our_own_pages_and_phone_numbers_become_links(client, rasa_stand_in):
    rasa_stand_in.replies = [
        text_reply(
            f"See /services/{SERVICE_ID}. Or search at http://127.0.0.1:5000/search?q=respite, "
            "or call 0161 555 0100."
        )
    ]
    links = {text_of(a): a["href"] for a in last_answer(client, "hello").select("a")}
    assert links[f"/services/{SERVICE_ID}"] == f"/services/{SERVICE_ID}"
    assert links["http://127.0.0.1:5000/search?q=respite"] == "/search?q=respite"
    assert links["0161 555 0100"] == "tel:01615550100"


def test_addresses_that_are_not_our_pages_stay_plain_text(client, rasa_stand_in):
    rasa_stand_in.replies = [
        text_reply("Try https://evil.example/steal or /no-such-page or javascript:alert(1) and/or 24/7.")
    ]
    answer = last_answer(client, "hello")
    assert answer.select("a") == []
    assert "https://evil.example/steal" in text_of(answer)


def test_line_breaks_in_a_reply_are_kept(client, rasa_stand_in):
    rasa_stand_in.replies = [text_reply("First line.\nSecond line.")]
    paragraph = last_answer(client, "hello").select_one(".app-chat-entry__text")
    assert paragraph.select("br")
    assert text_of(paragraph) == "First line. Second line."


def test_the_assistants_urgent_help_is_a_warning(client, rasa_stand_in):
    rasa_stand_in.replies = [
        {
            "recipient_id": "someone",
            "text": "Call 999 now if someone is in danger.",
            "custom": {"type": "urgent_help"},
        }
    ]
    # A message the safety net does not catch, so the warning is the assistant's own.
    warning = last_answer(client, "i am scared").select_one(".govuk-warning-text")
    assert "Call 999 now if someone is in danger." in text_of(warning)
    assert warning.select_one("a[href='tel:999']") is not None


def test_an_empty_reply_still_gives_the_person_somewhere_to_go(client, rasa_stand_in):
    rasa_stand_in.replies = []
    answer = last_answer(client, "hello")
    assert "Sorry, the assistant cannot answer right now." in text_of(answer)
    assert answer.select_one("form[action='/search']") is not None


def test_several_messages_in_one_reply_are_all_shown(client, rasa_stand_in):
    rasa_stand_in.replies = [text_reply("First."), text_reply("Second.")]
    entries = parse(send(client, "hello")).select(".app-chat-entry")
    assert [text_of(entry) for entry in entries[1:]] == ["Assistant First.", "Assistant Second."]
