"""Finding support: turn what the person said into a directory search and reply with listings.

It asks once for a place when none is known, but never in answer to a question about what something is
("what is a lunch club"): that gets listings from anywhere. If the person still gives no place, it searches
without one and says the results are not sorted by distance. The search itself is the web app's /api/search.
"""

import asyncio
import re
from dataclasses import replace
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from .directory_api import DirectoryUnavailable, PlaceNotFound, SearchParams, search_directory
from .needs import Need, audience_code, day_name, need_from_words
from .replies import Found, Wanted, listings_reply, nothing_found_reply
from .settings import Settings, get_settings

# When too little is near, look this far instead (the site's widest distance choice, 20 miles).
WIDER_RADIUS_KM = 32.0
# Fewer listings than this close by, and the search looks further away for more.
ENOUGH_LISTINGS = 3
# A postcode or district typed where the model saw no place ("wn11aa", "M20"), in a real GB postcode area.
POSTCODE = re.compile(r"\b([a-z]{1,2})[0-9][0-9a-z]?(?:\s*[0-9][a-z]{2})?\b", re.IGNORECASE)
POSTCODE_AREAS = frozenset(
    (
        "AB", "AL", "B", "BA", "BB", "BD", "BH", "BL", "BN", "BR", "BS", "BT", "CA", "CB", "CF",
        "CH", "CM", "CO", "CR", "CT", "CV", "CW", "DA", "DD", "DE", "DG", "DH", "DL", "DN", "DT",
        "DY", "E", "EC", "EH", "EN", "EX", "FK", "FY", "G", "GL", "GU", "GY", "HA", "HD", "HG",
        "HP", "HR", "HS", "HU", "HX", "IG", "IM", "IP", "IV", "JE", "KA", "KT", "KW", "KY", "L",
        "LA", "LD", "LE", "LL", "LN", "LS", "LU", "M", "ME", "MK", "ML", "N", "NE", "NG", "NN",
        "NP", "NR", "NW", "OL", "OX", "PA", "PE", "PH", "PL", "PO", "PR", "RG", "RH", "RM", "S",
        "SA", "SE", "SG", "SK", "SL", "SM", "SN", "SO", "SP", "SR", "SS", "ST", "SW", "SY", "TA",
        "TD", "TF", "TN", "TQ", "TR", "TS", "TW", "UB", "W", "WA", "WC", "WD", "WF", "WN", "WR",
        "WS", "WV", "YO", "ZE"
    )
)  # fmt: skip
# Short answers to "which area?" that the model did not understand are tried as place names.
MAX_WORDS_IN_A_PLACE = 4
NEW_REQUEST_INTENTS = ("find_support",)
# "what is a ...", "what does ... mean": a question about what something is, not a request for it nearby.
WHAT_IS_QUESTION = re.compile(
    r"^\W*(?:what|wat)(?:s|\s+is|\s+are)?\s+(?:a|an)\s+\w|\bwhat\s+(?:does|do)\b.*\b(?:mean|do)\b"
    r"|\bstands?\s+for\b|\bmeaning\b|\bwhat\s+do\s+you\s+mean\s+by\b",
    re.IGNORECASE,
)


class ActionSearchSupport(Action):
    def name(self) -> str:
        return "action_search_support"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        settings = get_settings()
        wanted, events = _read_request(tracker)
        if not wanted.need.is_known:
            dispatcher.utter_message(response="utter_ask_need")
            return [*events, SlotSet("awaiting_location", False)]
        asking_what_it_is = bool(WHAT_IS_QUESTION.search(tracker.latest_message.get("text") or ""))
        if not wanted.location and not tracker.get_slot("location_asked") and not asking_what_it_is:
            dispatcher.utter_message(response="utter_ask_location")
            return [*events, SlotSet("location_asked", True), SlotSet("awaiting_location", True)]
        try:
            found = await asyncio.to_thread(find_listings, wanted, settings)
        except PlaceNotFound as refused:
            if _guessed_place(tracker):
                # A guess at a place that turned out not to be one: search everywhere rather than ask again.
                wanted = replace(wanted, location=None)
                found = await asyncio.to_thread(find_listings, wanted, settings)
            else:
                dispatcher.utter_message(response="utter_place_not_found", place=refused.place)
                return [*events, SlotSet("location", None), SlotSet("awaiting_location", True)]
        except DirectoryUnavailable:
            dispatcher.utter_message(response="utter_directory_unavailable", **settings.council_details())
            return [*events, SlotSet("awaiting_location", False)]
        reply = (listings_reply if found.results.total else nothing_found_reply)(found, settings)
        dispatcher.utter_message(text=reply.text, json_message=reply.payload)
        return [*events, SlotSet("location", wanted.location), SlotSet("awaiting_location", False)]


def find_listings(wanted: Wanted, settings: Settings) -> Found:
    """Search as asked; if nothing, drop the day and audience; if too little is near, look further away.

    A directory that widens near searches itself (it says so in `widened`) is not widened again. A search
    for a condition or kind of provider that finds nothing anywhere falls back to its broader category.
    """
    need = wanted.need
    params = SearchParams(
        q=need.text,
        category="" if need.specific else need.category or "",
        location=wanted.location or "",
        day=wanted.day or "",
        audience=wanted.audience or "",
    )
    results = search_directory(params, settings)
    found = Found(wanted=wanted, results=results)
    if results.total == 0 and (params.day or params.audience):
        params = replace(params, day="", audience="")
        found = Found(wanted=wanted, results=search_directory(params, settings), dropped_filters=True)
    if found.results.total < ENOUGH_LISTINGS and params.location and not found.results.directory_widens:
        wider = search_directory(replace(params, radius_km=WIDER_RADIUS_KM), settings)
        if wider.total > found.results.total or found.results.total == 0:
            found = replace(found, results=wider, widened=True, near_total=found.results.total)
    if found.results.total == 0 and need.specific:
        broader = replace(params, q="", category=need.specific.category)
        found = replace(found, results=search_directory(broader, settings), all_broader=True)
    return found


def _read_request(tracker: Tracker) -> tuple[Wanted, list[EventType]]:
    """What to search for, and the slot events that remember it for the next turn."""
    message = tracker.latest_message
    intent = (message.get("intent") or {}).get("name")
    location = (
        _location_in(message)
        or _place_read_as_day(message)
        or tracker.get_slot("location")
        or _guessed_place(tracker)
    )
    remembered = Need(category=tracker.get_slot("need_category"), text=tracker.get_slot("need_text") or "")
    if intent in NEW_REQUEST_INTENTS:
        # A new request: its own need, day and audience, not those of an earlier search. One that names
        # no kind of help ("is there anything near Bolton") keeps the need asked for before.
        need = _need_in(message)
        if not need.is_known:
            need = remembered
        day = day_name(_entity_value(message, "day"))
        audience = audience_code(_entity_value(message, "audience"))
        events: list[EventType] = [
            SlotSet("need_category", need.category),
            SlotSet("need_text", need.text or None),
            SlotSet("day", day),
            SlotSet("audience", audience),
        ]
    else:
        need = remembered
        day = day_name(_entity_value(message, "day")) or day_name(tracker.get_slot("day"))
        audience = audience_code(tracker.get_slot("audience"))
        events = []
    wanted = Wanted(need=need, location=location or None, day=day, audience=audience)
    return wanted, events


def _need_in(message: dict[str, Any]) -> Need:
    """The need from the need entities; an entity of another type whose value is a category counts too."""
    text = message.get("text") or ""
    entities = message.get("entities") or []
    need_entities = [entity for entity in entities if entity.get("entity") == "need"]
    values = [str(entity.get("value")) for entity in entities]
    spans = " ".join(_span(text, entity) for entity in need_entities)
    place_and_day = [entity for entity in entities if entity.get("entity") in ("location", "day")]
    rest = _without_spans(text, place_and_day)
    return need_from_words(spans or rest, values, context=rest)


def _location_in(message: dict[str, Any]) -> str | None:
    entities = message.get("entities") or []
    places = [str(entity["value"]) for entity in entities if entity.get("entity") == "location"]
    if places:
        return max(places, key=len)
    for postcode in POSTCODE.finditer(message.get("text") or ""):
        if postcode.group(1).upper() in POSTCODE_AREAS:
            return " ".join(postcode.group(0).split())
    return None


def _place_read_as_day(message: dict[str, Any]) -> str | None:
    """A "day" that is no day: the model took a place it had never seen ("kendal") for one."""
    day = _entity_value(message, "day")
    if day and day_name(day) is None and not re.search(r"\d", day):
        return day
    return None


def _guessed_place(tracker: Tracker) -> str | None:
    """A short reply the model did not understand, right after being asked where: most likely a place."""
    message = tracker.latest_message
    intent = (message.get("intent") or {}).get("name")
    text = " ".join((message.get("text") or "").split())
    waiting = tracker.get_slot("awaiting_location")
    if waiting and intent == "nlu_fallback" and 0 < len(text.split()) <= MAX_WORDS_IN_A_PLACE:
        return text
    return None


def _entity_value(message: dict[str, Any], name: str) -> str | None:
    for entity in message.get("entities") or []:
        if entity.get("entity") == name and entity.get("value"):
            return str(entity["value"])
    return None


def _span(text: str, entity: dict[str, Any]) -> str:
    start, end = entity.get("start"), entity.get("end")
    if isinstance(start, int) and isinstance(end, int):
        return text[start:end]
    return str(entity.get("value") or "")


def _without_spans(text: str, entities: list[dict[str, Any]]) -> str:
    """The message with the places, days and audiences cut out, leaving the words about the need."""
    kept = text
    for entity in sorted(entities, key=lambda entity: entity.get("start") or 0, reverse=True):
        start, end = entity.get("start"), entity.get("end")
        if isinstance(start, int) and isinstance(end, int):
            kept = kept[:start] + " " + kept[end:]
    return POSTCODE.sub(lambda code: " " if code.group(1).upper() in POSTCODE_AREAS else code.group(0), kept)
