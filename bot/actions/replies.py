"""What the assistant says about a search: plain text anyone can read, plus the listings payload.

The text stands on its own (read aloud, printed or emailed); the payload lets the web page show the same
listings as cards. The payload's shape is the assistant contract: {"type": "listings", "results": [...],
"search_url": ..., "total": n}. Everything said about the list as a whole (how far the directory looked,
which listings are broader matches) comes before the first listing, so the web page shows it above the cards.
"""

from dataclasses import dataclass
from typing import Any

from .directory_api import Listing, SearchResults
from .needs import AUDIENCE_LABELS, CATEGORY_LABELS, RELATED_CATEGORY, Need
from .settings import Settings

# Said of a listing whose page has a Book button (the directory's "bookable").
BOOKABLE_TEXT = "Can be booked online"


@dataclass(frozen=True)
class Wanted:
    need: Need
    location: str | None
    day: str | None  # monday .. sunday
    audience: str | None  # an audience code


@dataclass(frozen=True)
class Found:
    wanted: Wanted
    results: SearchResults
    dropped_filters: bool = False  # the day and audience were dropped to find anything
    widened: bool = False  # looked further away than usual to find enough
    near_total: int = 0  # how many were within the usual distance, when widened
    all_broader: bool = False  # nothing for the specific need, so these are its broader category


@dataclass(frozen=True)
class Reply:
    text: str
    payload: dict[str, Any]


def listings_reply(found: Found, settings: Settings) -> Reply:
    results = found.results
    shown = results.listings
    lines = [_headline(found)]
    if results.widened_message:
        lines.append(results.widened_message)
    broader_note = _broader_note(found)
    if broader_note:
        lines.append(broader_note)
    lines.append(_showing(len(shown), results.total))
    for number, listing in enumerate(shown, start=1):
        lines.append(_listing_text(number, listing, settings, broader=found.all_broader or listing.broader))
    lines.append(f"See all {results.total} on the website: {_link(results.search_path, settings)}")
    return Reply(text="\n".join(lines), payload=_payload(results, settings, found.all_broader))


def nothing_found_reply(found: Found, settings: Settings) -> Reply:
    wanted = found.wanted
    if wanted.location:
        place = found.results.place or wanted.location
        opening = f"I couldn't find any {wanted.need.label} near {place}, even a bit further away."
    else:
        opening = f"I couldn't find any {wanted.need.label} in the directory."
    need = wanted.need
    related = need.category if need.specific else RELATED_CATEGORY.get(need.category or "")
    related_idea = (
        f'look for {CATEGORY_LABELS[related]} instead: just say "{CATEGORY_LABELS[related]}"'
        if related
        else 'try other words, like "carers group", "befriending" or "help at home"'
    )
    lines = [
        opening,
        "You could:",
        "- try a different town or postcode, or a wider area on the website: "
        + _link(found.results.search_path, settings),
        f"- {related_idea}",
        f"- call {settings.council_name} on {settings.council_phone} ({settings.council_opening_hours}). "
        "They may know of something that is not listed yet.",
    ]
    return Reply(text="\n".join(lines), payload=_payload(found.results, settings))


def _headline(found: Found) -> str:
    wanted, results = found.wanted, found.results
    place = results.place or wanted.location
    subject = wanted.need.label
    specific = wanted.need.specific
    if found.all_broader and specific:
        near = f" near {place}" if place else ""
        return (
            f"I found nothing just for {specific.about}{near}, "
            f"so these are general {CATEGORY_LABELS[specific.category]}."
        )
    if found.widened and found.near_total:
        return (
            f"I found only {_count(found.near_total)} for {subject} close to {place}, "
            "so I have added some further away."
        )
    if found.widened:
        return f"There is nothing close to {place} for {subject}, so these are further away."
    if found.dropped_filters:
        narrower = _narrowing(wanted)
        near = f" near {place}" if place else ""
        return f"I found nothing {narrower}, so these are {subject}{near} on any day and for anyone."
    if place:
        return f"I found {_count(results.total)} for {subject}{_narrowing(wanted, lead=' ')} near {place}."
    return (
        f"I found {_count(results.total)} for {subject}{_narrowing(wanted, lead=' ')}. "
        "I don't know where you are, so they are not sorted by distance. "
        "Tell me a postcode or town to see what is nearest."
    )


def _broader_note(found: Found) -> str | None:
    """Which listings are broader than what was asked, when only some of them are."""
    listings = found.results.listings
    broader = [number for number, listing in enumerate(listings, start=1) if listing.broader]
    if found.all_broader or not broader:
        return None
    need = found.wanted.need
    about = need.specific.about if need.specific else need.label
    if need.specific:
        kind = f"general {CATEGORY_LABELS[need.specific.category]}, not only for {about}"
    else:
        kind = f"broader matches, not only for {about}"
    if len(broader) == len(listings):
        return f"These are {kind}."
    exact = len(listings) - len(broader)
    if broader == list(range(exact + 1, len(listings) + 1)):
        first = "The first is" if exact == 1 else f"The first {exact} are"
        rest = "The last one is" if len(broader) == 1 else f"The other {len(broader)} are"
        return f"{first} about {about}. {rest} {kind}."
    if len(broader) == 1:
        return f"Number {broader[0]} is {kind}."
    numbers = ", ".join(str(number) for number in broader[:-1])
    return f"Numbers {numbers} and {broader[-1]} are {kind}."


def _narrowing(wanted: Wanted, lead: str = "") -> str:
    parts = []
    if wanted.audience:
        parts.append(f"for {AUDIENCE_LABELS[wanted.audience]}")
    if wanted.day:
        parts.append(f"on {wanted.day.capitalize()}")
    return lead + " ".join(parts) if parts else ""


def _count(total: int) -> str:
    return "1 listing" if total == 1 else f"{total} listings"


def _showing(shown: int, total: int) -> str:
    if shown == total:
        return "Here it is:" if shown == 1 else "Here they are:"
    return f"Here are the first {shown}:"


def _listing_text(number: int, listing: Listing, settings: Settings, broader: bool) -> str:
    name = f"{listing.name} (a broader match)" if broader else listing.name
    title = f"{number}. {name}: {listing.summary}" if listing.summary else f"{number}. {name}"
    details = [
        listing.where,
        listing.when,
        listing.cost,
        BOOKABLE_TEXT if listing.bookable else None,
        f"Phone {listing.phone}" if listing.phone else None,
    ]
    facts = " ".join(_sentence(detail) for detail in details if detail)
    return "\n".join(
        line for line in (title, facts, f"More about it: {_link(listing.path, settings)}") if line
    )


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _link(path: str, settings: Settings) -> str:
    return f"{settings.site_url}{path}"


def _payload(results: SearchResults, settings: Settings, found_broader: bool = False) -> dict[str, Any]:
    return {
        "type": "listings",
        "results": [
            {
                "id": listing.id,
                "name": listing.name,
                "url": _link(listing.path, settings),
                "summary": listing.summary,
                "where": listing.where,
                "when": listing.when,
                "cost": listing.cost,
                "phone": listing.phone,
                "broader": found_broader or listing.broader,
                "bookable": listing.bookable,
            }
            for listing in results.listings
        ],
        "search_url": _link(results.search_path, settings),
        "total": results.total,
    }
