"""action_search_support against the real /api/search of a test web server with the demo region."""

import re

import pytest
import requests
from rasa_sdk.executor import CollectingDispatcher

from actions.search import ActionSearchSupport

from .conftest import COUNCIL_ENV, entity, slot_events, tracker_for

pytestmark = pytest.mark.anyio
SERVICE_LINK = re.compile(r"^/services/[0-9a-f-]{36}$")
LISTING_KEYS = {"id", "name", "url", "summary", "where", "when", "cost", "phone", "broader", "bookable"}


async def run_search(dispatcher: CollectingDispatcher, tracker) -> dict:
    events = await ActionSearchSupport().run(dispatcher, tracker, domain={})
    return slot_events(events)


def listing_message(dispatcher: CollectingDispatcher) -> dict:
    [message] = dispatcher.messages
    assert message["custom"]["type"] == "listings", message
    return message


async def test_a_carer_who_never_says_carer_gets_breaks_near_their_postcode(dispatcher, directory_url):
    text = "someone to sit with my wife so i can get out"
    tracker = tracker_for(
        text,
        "find_support",
        [entity(text, "need", "sit with my wife", "carers_breaks")],
        slots={"location": "WN1 1AA"},
    )

    slots = await run_search(dispatcher, tracker)

    message = listing_message(dispatcher)
    payload = message["custom"]
    assert 3 <= len(payload["results"]) <= 5
    assert payload["total"] >= len(payload["results"])
    assert message["text"].startswith(
        f"I found {payload['total']} listings for breaks for carers near WN1 1AA."
    )
    for listing in payload["results"]:
        assert set(listing) == LISTING_KEYS
        assert SERVICE_LINK.match(listing["url"])
        assert listing["where"] and (
            "miles away" in listing["where"] or listing["where"] == "Visits your area"
        )
        assert listing["name"] in message["text"] and listing["url"] in message["text"]
        # The link leads to the listing's real page on the site.
        assert requests.get(directory_url + listing["url"], timeout=10).status_code == 200
    assert payload["search_url"].startswith("/search?") and "category=carers_breaks" in payload["search_url"]
    assert f"See all {payload['total']} on the website: {payload['search_url']}" in message["text"]
    assert slots["need_category"] == "carers_breaks"
    assert slots["awaiting_location"] is False


async def test_without_a_place_it_asks_once_and_searches_nothing_yet(dispatcher):
    text = "help for me mam with the shopping"
    tracker = tracker_for(text, "find_support", [entity(text, "need", "help for me mam with the shopping")])

    slots = await run_search(dispatcher, tracker)

    assert dispatcher.messages == [_response("utter_ask_location")]
    assert slots["location_asked"] is True
    assert slots["awaiting_location"] is True
    # The raw words were not a category code, so the everyday phrase picked it.
    assert slots["need_category"] == "shopping_cooking"


async def test_the_place_given_after_asking_finishes_the_waiting_search(dispatcher):
    asked = {"need_category": "dementia", "location_asked": True, "awaiting_location": True}
    tracker = tracker_for("wigan", "inform_location", [entity("wigan", "location", "wigan")], slots=asked)

    slots = await run_search(dispatcher, tracker)

    message = listing_message(dispatcher)
    assert re.match(r"I found \d+ listings for dementia support near Wigan\.", message["text"])
    assert 3 <= len(message["custom"]["results"]) <= 5
    assert all(listing["where"] for listing in message["custom"]["results"])
    assert slots["location"] == "wigan"
    assert slots["awaiting_location"] is False


async def test_no_place_after_asking_searches_everywhere_and_says_results_are_unsorted(dispatcher):
    asked = {"need_category": "dementia", "location_asked": True, "awaiting_location": True}
    tracker = tracker_for("i'd rather not say", "deny", slots=asked)

    await run_search(dispatcher, tracker)

    message = listing_message(dispatcher)
    assert "not sorted by distance" in message["text"]
    assert message["custom"]["results"]
    assert all(listing["where"] is None for listing in message["custom"]["results"])


async def test_it_asks_for_a_place_only_once_per_conversation(dispatcher):
    text = "lunch club"
    tracker = tracker_for(
        text, "find_support", [entity(text, "need", "lunch club", "meals")], slots={"location_asked": True}
    )

    await run_search(dispatcher, tracker)

    message = listing_message(dispatcher)
    assert "meals and lunch clubs" in message["text"]
    assert "not sorted by distance" in message["text"]


async def test_a_postcode_the_model_missed_is_still_used(dispatcher):
    text = "demntia group wn11aa"
    tracker = tracker_for(text, "find_support", [entity(text, "need", "demntia group")])

    slots = await run_search(dispatcher, tracker)

    message = listing_message(dispatcher)
    assert "dementia support near WN1 1AA" in message["text"]
    assert slots["location"] == "wn11aa"


async def test_day_and_audience_narrow_the_search(dispatcher):
    text = "dementia group on monday in leigh"
    tracker = tracker_for(
        text,
        "find_support",
        [
            entity(text, "need", "dementia group", "dementia"),
            entity(text, "day", "monday"),
            entity(text, "location", "leigh"),
        ],
    )

    slots = await run_search(dispatcher, tracker)

    message = listing_message(dispatcher)
    assert "day=MO" in message["custom"]["search_url"]
    assert slots["day"] == "monday"


async def test_a_day_and_audience_with_nothing_are_dropped_and_it_says_so(dispatcher):
    text = "dementia group on saturday for older people in wigan"
    tracker = tracker_for(
        text,
        "find_support",
        [
            entity(text, "need", "dementia group", "dementia"),
            entity(text, "day", "saturday"),
            entity(text, "audience", "older people", "older_people"),
            entity(text, "location", "wigan"),
        ],
    )

    await run_search(dispatcher, tracker)

    message = listing_message(dispatcher)
    assert message["text"].startswith("I found nothing for older people on Saturday")
    assert message["custom"]["results"]
    assert "day=" not in message["custom"]["search_url"]


async def test_too_few_near_says_the_directory_looked_further_before_the_listings(dispatcher):
    text = "someone to sit with my wife in leigh"
    tracker = tracker_for(
        text,
        "find_support",
        [entity(text, "need", "sit with my wife", "carers_breaks"), entity(text, "location", "leigh")],
    )

    await run_search(dispatcher, tracker)

    message = listing_message(dispatcher)
    lines = message["text"].split("\n")
    assert lines[0].startswith("I found ") and lines[0].endswith("listings for breaks for carers near Leigh.")
    assert lines[1] == "Only 2 within 3 miles. These are within 10 miles."
    assert 3 <= len(message["custom"]["results"]) <= 5


async def test_nothing_near_says_the_directory_looked_further_before_the_listings(dispatcher):
    text = "dementia support in leyland"
    tracker = tracker_for(
        text,
        "find_support",
        [entity(text, "need", "dementia support", "dementia"), entity(text, "location", "leyland")],
    )

    await run_search(dispatcher, tracker)

    message = listing_message(dispatcher)
    assert message["text"].split("\n")[1] == "Nothing within 3 miles. These are within 20 miles."
    assert message["custom"]["results"]


async def test_nothing_found_is_said_honestly_with_next_steps(dispatcher):
    # Online groups reach everywhere, so the need is one no online listing meets.
    text = "help with the garden in leeds"
    tracker = tracker_for(
        text,
        "find_support",
        [entity(text, "need", "help with the garden", "gardening"), entity(text, "location", "leeds")],
    )

    await run_search(dispatcher, tracker)

    message = listing_message(dispatcher)
    assert message["custom"]["results"] == [] and message["custom"]["total"] == 0
    assert message["text"].startswith("I couldn't find any help with gardening near Leeds")
    assert "help with repairs" in message["text"] or "adaptations" in message["text"]  # a related kind
    assert COUNCIL_ENV["COUNCIL_PHONE"] in message["text"]
    assert message["custom"]["search_url"] in message["text"]


async def test_free_words_that_match_nothing_suggest_other_words(dispatcher):
    text = "xylophone lessons in leigh"
    tracker = tracker_for(
        text, "find_support", [entity(text, "need", "xylophone lessons"), entity(text, "location", "leigh")]
    )

    slots = await run_search(dispatcher, tracker)

    message = listing_message(dispatcher)
    assert message["text"].startswith('I couldn\'t find any "xylophone lessons" near Leigh')
    assert "try other words" in message["text"]
    assert slots["need_text"] == "xylophone lessons"


async def test_an_unknown_place_is_named_and_asked_again(dispatcher):
    text = "lunch club in narnia"
    tracker = tracker_for(
        text,
        "find_support",
        [entity(text, "need", "lunch club", "meals"), entity(text, "location", "narnia")],
    )

    slots = await run_search(dispatcher, tracker)

    assert dispatcher.messages == [_response("utter_place_not_found", place="narnia")]
    assert slots["location"] is None
    assert slots["awaiting_location"] is True


async def test_an_unreadable_answer_to_which_area_is_tried_as_a_place(dispatcher):
    asked = {"need_category": "meals", "location_asked": True, "awaiting_location": True}
    tracker = tracker_for("Ince in Makerfield", "nlu_fallback", slots=asked)

    slots = await run_search(dispatcher, tracker)

    assert "meals and lunch clubs near Ince-in-Makerfield" in listing_message(dispatcher)["text"]
    assert slots["location"] == "Ince in Makerfield"


async def test_an_unreadable_answer_that_is_no_place_searches_everywhere(dispatcher):
    asked = {"need_category": "meals", "location_asked": True, "awaiting_location": True}
    tracker = tracker_for("blah blah", "nlu_fallback", slots=asked)

    slots = await run_search(dispatcher, tracker)

    assert "not sorted by distance" in listing_message(dispatcher)["text"]
    assert slots["location"] is None


async def test_a_place_without_a_need_asks_what_help_is_wanted(dispatcher):
    tracker = tracker_for("leigh", "inform_location", [entity("leigh", "location", "leigh")])

    await run_search(dispatcher, tracker)

    assert dispatcher.messages == [_response("utter_ask_need")]


async def test_when_the_directory_is_down_it_says_so_and_gives_the_phone(dispatcher, monkeypatch):
    monkeypatch.setenv("DIRECTORY_API_URL", "http://127.0.0.1:9")  # the discard port: nothing listens
    text = "lunch club in leigh"
    tracker = tracker_for(
        text, "find_support", [entity(text, "need", "lunch club", "meals"), entity(text, "location", "leigh")]
    )
    from actions.settings import get_settings

    get_settings.cache_clear()
    await run_search(dispatcher, tracker)

    [message] = dispatcher.messages
    assert message["response"] == "utter_directory_unavailable"
    assert message["council_phone"] == COUNCIL_ENV["COUNCIL_PHONE"]


def _response(name: str, **values: str) -> dict:
    """A message as CollectingDispatcher records utter_message(response=name, **values)."""
    message = CollectingDispatcher()
    message.utter_message(response=name, **values)
    return message.messages[0]
