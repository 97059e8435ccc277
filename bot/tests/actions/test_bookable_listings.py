"""Search results say which listings can be booked online, as the real /api/search marks them ("bookable"),
and the site pages the booking answers send people to exist."""

import re
from pathlib import Path

import pytest
import requests
import yaml

from actions.replies import BOOKABLE_TEXT
from actions.search import ActionSearchSupport

from .conftest import entity, tracker_for

pytestmark = pytest.mark.anyio
DOMAIN_DIR = Path(__file__).resolve().parents[2] / "domain"
# In the demo region, gardening near Ashton-under-Lyne finds a bookable micro-provider among others.
GARDEN_HELP = "someone to do my dads garden in ashton-under-lyne"
SITE_PATH = re.compile(r"(?<![\w/.])/[a-z][a-z0-9/-]*[a-z0-9]")


async def search_garden_help(dispatcher) -> dict:
    tracker = tracker_for(
        GARDEN_HELP,
        "find_support",
        [
            entity(GARDEN_HELP, "need", "do my dads garden", "gardening"),
            entity(GARDEN_HELP, "location", "ashton-under-lyne"),
        ],
    )
    await ActionSearchSupport().run(dispatcher, tracker, domain={})
    [message] = dispatcher.messages
    return message


def listing_texts(message: dict) -> dict[str, str]:
    """Each listing's part of the reply's text, by listing id: from its number to its link."""
    text = message["text"]
    parts = {}
    for number, listing in enumerate(message["custom"]["results"], start=1):
        start = text.index(f"{number}. {listing['name']}")
        parts[listing["id"]] = text[start : text.index(f"More about it: {listing['url']}", start)]
    return parts


def bookable_in_directory(directory_url: str) -> dict[str, bool]:
    """What the web app's own /api/search says of each gardening listing near Ashton-under-Lyne."""
    response = requests.get(
        f"{directory_url}/api/search",
        params={"category": "gardening", "location": "ashton-under-lyne", "limit": 20},
        timeout=30,
    )
    response.raise_for_status()
    return {result["id"]: result["bookable"] for result in response.json()["results"]}


async def test_listings_that_can_be_booked_online_say_so_and_only_those(dispatcher, directory_url):
    message = await search_garden_help(dispatcher)

    truth = bookable_in_directory(directory_url)
    results = message["custom"]["results"]
    texts = listing_texts(message)
    assert {listing["bookable"] for listing in results} == {True, False}, "the search must find both kinds"
    for listing in results:
        assert listing["bookable"] is truth[listing["id"]], listing["name"]
        said = f"{BOOKABLE_TEXT}." in texts[listing["id"]]
        assert said is truth[listing["id"]], texts[listing["id"]]
    assert message["text"].count(BOOKABLE_TEXT) == sum(listing["bookable"] for listing in results)


async def test_a_directory_that_does_not_say_what_can_be_booked_books_nothing(
    dispatcher, without_contract_fields
):
    message = await search_garden_help(dispatcher)

    assert len(message["custom"]["results"]) >= 3
    assert BOOKABLE_TEXT not in message["text"]
    assert not any(listing["bookable"] for listing in message["custom"]["results"])


def pages_named_in_answers() -> set[str]:
    paths = set()
    for path in DOMAIN_DIR.glob("*.yml"):
        responses = yaml.safe_load(path.read_text(encoding="utf-8")).get("responses") or {}
        for variants in responses.values():
            for variant in variants:
                paths.update(SITE_PATH.findall(re.sub(r"https?://\S+", "", variant.get("text", ""))))
    return paths


def test_every_site_page_an_answer_names_exists(directory_url):
    pages = pages_named_in_answers()
    assert {"/bookings", "/provider/set-up"} <= pages
    for page in sorted(pages):
        # Signed out, a page for signed-in people sends you to sign in first; it is never "not found".
        response = requests.get(directory_url + page, timeout=30, allow_redirects=False)
        assert response.status_code in (200, 302), f"{page}: {response.status_code}"
        if response.status_code == 302:
            assert "/sign-in" in response.headers["Location"], f"{page} sends people elsewhere"
