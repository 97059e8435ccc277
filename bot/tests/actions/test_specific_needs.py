"""Conditions and kinds of provider are searched for themselves; widened and broader results are said.

Against the real /api/search of the test web server (see directory_server.py for the two contract fields).
"""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from actions.directory_api import read_search_results
from actions.search import ActionSearchSupport

from .conftest import entity, slot_events, tracker_for

pytestmark = pytest.mark.anyio


async def run_search(dispatcher, tracker) -> dict:
    return slot_events(await ActionSearchSupport().run(dispatcher, tracker, domain={}))


def only_message(dispatcher) -> dict:
    [message] = dispatcher.messages
    return message


def searched_for(message: dict) -> dict[str, list[str]]:
    return parse_qs(urlsplit(message["custom"]["search_url"]).query)


def intro(text: str) -> str:
    """The words before the first numbered listing (what the web page shows above the cards)."""
    return text[: re.search(r"^1\. ", text, re.MULTILINE).start()]


async def test_a_cancer_support_group_is_searched_as_cancer_not_as_any_peer_support(dispatcher):
    text = "cancer support group in bolton"
    tracker = tracker_for(
        text,
        "find_support",
        [entity(text, "need", "cancer support group", "peer_support"), entity(text, "location", "bolton")],
    )

    slots = await run_search(dispatcher, tracker)

    message = only_message(dispatcher)
    assert searched_for(message)["q"] == ["cancer"]
    assert "category" not in searched_for(message)
    assert message["text"].startswith("I found ")
    assert "for cancer support near Bolton" in message["text"].splitlines()[0]
    assert all("Cancer" in listing["name"] for listing in message["custom"]["results"])
    assert slots["need_text"] == "cancer" and slots["need_category"] == "peer_support"


async def test_a_condition_said_in_passing_is_the_need_and_a_later_place_keeps_it(dispatcher):
    text = "my dad had a stroke"
    first = await run_search(dispatcher, tracker_for(text, "find_support"))
    assert only_message(dispatcher)["response"] == "utter_ask_location"
    assert first["need_text"] == "stroke"

    dispatcher.messages.clear()
    remembered = {key: first[key] for key in ("need_category", "need_text", "location_asked")}
    later = tracker_for(
        "bolton", "inform_location", [entity("bolton", "location", "bolton")], slots=remembered
    )
    await run_search(dispatcher, later)

    message = only_message(dispatcher)
    assert searched_for(message)["q"] == ["stroke"]
    assert "stroke support near Bolton" in message["text"].splitlines()[0]


async def test_companionship_visits_search_for_companionship(dispatcher):
    text = "companionship visits in Bolton"
    tracker = tracker_for(
        text,
        "find_support",
        [entity(text, "need", "companionship visits", "befriending"), entity(text, "location", "Bolton")],
    )

    await run_search(dispatcher, tracker)

    message = only_message(dispatcher)
    assert searched_for(message)["q"] == ["companionship"]
    assert message["custom"]["results"]


async def test_a_personal_assistant_paid_by_direct_payment_is_searched_as_a_personal_assistant(dispatcher):
    text = "a personal assistant I can pay with my direct payment"
    tracker = tracker_for(
        text,
        "find_support",
        [entity(text, "need", "personal assistant", "personal_care")],
        slots={"location": "WN1 1AA"},
    )

    await run_search(dispatcher, tracker)

    message = only_message(dispatcher)
    assert searched_for(message)["q"] == ["personal assistant"]
    assert "personal assistants near WN1 1AA" in message["text"].splitlines()[0]


async def test_a_place_in_a_new_message_with_no_need_keeps_the_earlier_need(dispatcher):
    text = "is there anything near bolton"
    remembered = {"need_category": "peer_support", "need_text": "cancer", "location_asked": True}
    tracker = tracker_for(text, "find_support", [entity(text, "location", "bolton")], slots=remembered)

    await run_search(dispatcher, tracker)

    assert searched_for(only_message(dispatcher))["q"] == ["cancer"]


async def test_a_town_the_model_took_for_a_day_is_searched_as_the_place(dispatcher):
    waiting = {"need_category": "meals", "location_asked": True, "awaiting_location": True}
    tracker = tracker_for("glossop", "inform_day", [entity("glossop", "day", "glossop")], slots=waiting)

    slots = await run_search(dispatcher, tracker)

    message = only_message(dispatcher)
    assert "near Glossop" in message["text"].splitlines()[0]
    assert "day" not in searched_for(message)
    assert slots["location"] == "glossop"


async def test_a_question_about_what_something_is_never_asks_which_area(dispatcher):
    text = "what is a lunch club"
    tracker = tracker_for(text, "find_support", [entity(text, "need", "lunch club", "meals")])

    slots = await run_search(dispatcher, tracker)

    message = only_message(dispatcher)
    assert message.get("response") != "utter_ask_location"
    assert "meals and lunch clubs" in message["text"]
    assert slots.get("awaiting_location") is False


async def test_the_directorys_widening_is_said_before_the_listings(dispatcher, directory_url):
    text = "help getting online near SK13 8AA"
    tracker = tracker_for(
        text,
        "find_support",
        [entity(text, "need", "help getting online", "digital"), entity(text, "location", "SK13 8AA")],
    )
    api = requests.get(
        f"{directory_url}/api/search", params={"category": "digital", "location": "SK13 8AA"}, timeout=10
    ).json()
    assert api["widened"] and api["widened"]["message"]

    await run_search(dispatcher, tracker)

    message = only_message(dispatcher)
    assert api["widened"]["message"] in intro(message["text"])
    assert message["custom"]["results"]
    # The directory has already looked further: the assistant does not widen again on top.
    site_search = urlsplit(api["search_url"])
    assert message["custom"]["search_url"] == f"{site_search.path}?{site_search.query}"


async def test_broader_results_are_presented_as_broader(dispatcher, directory_url):
    text = "diabetes group near stockport"
    tracker = tracker_for(
        text,
        "find_support",
        [entity(text, "need", "diabetes group", "peer_support"), entity(text, "location", "stockport")],
    )
    api = requests.get(
        f"{directory_url}/api/search", params={"q": "diabetes", "location": "stockport"}, timeout=10
    ).json()
    broader_names = {result["name"] for result in api["results"] if result.get("broader")}
    assert broader_names, "the demo region has general groups that come up for diabetes near Stockport"

    await run_search(dispatcher, tracker)

    message = only_message(dispatcher)
    assert "general peer support groups, not only for diabetes" in intro(message["text"])
    for listing in message["custom"]["results"]:
        assert listing["broader"] == (listing["name"] in broader_names)
        marked = f"{listing['name']} (a broader match)" in message["text"]
        assert marked == listing["broader"]


def _body(**fields) -> dict:
    result = {"id": "1", "name": "Hyde Stroke Club", "url": "http://x/services/1"}
    return {"total": 1, "results": [result], "search_url": "http://x/search?q=stroke", "query": {}} | fields


@pytest.mark.parametrize(
    ("widened", "message"),
    [
        ({"asked_km": 4.8, "used_km": 16.1, "message": "Nothing within 3 miles. These are within 10 miles."},
         "Nothing within 3 miles. These are within 10 miles."),
        (None, None),
        ({"asked_km": 4.8}, None),
        ({"message": "   "}, None),
        ("yes", None),
    ],
)  # fmt: skip
def test_widened_is_read_defensively(widened, message):
    results = read_search_results(_body(widened=widened))

    assert results.widened_message == message
    assert results.directory_widens


def test_an_answer_without_the_new_fields_reads_as_before():
    results = read_search_results(_body())

    assert results.widened_message is None and not results.directory_widens
    assert results.listings[0].broader is False


@pytest.mark.parametrize(("value", "broader"), [(True, True), (False, False), ("true", False), (None, False)])
def test_only_a_true_broader_flag_counts(value, broader):
    body = _body()
    body["results"][0]["broader"] = value

    assert read_search_results(body).listings[0].broader is broader
