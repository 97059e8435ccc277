"""The one search function: pages, the ORUK API, /api/search and the assistant all call find_services."""

import math
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Generic, TypeVar
from zoneinfo import ZoneInfo

from flask import current_app

from search_index import SearchQuery, SearchResults
from web.geo import AREA, LocationNotFound, Place, resolve_location
from web.models import (
    AUDIENCE_TAXONOMY,
    CATEGORY_TAXONOMY,
    AccessibilityFeature,
    ListingKind,
    SearchEvent,
)
from web.services.analytics import record_count
from web.services.index_store import get_index
from web.services.listings import km_to_miles, miles_to_km, public_results
from web.services.taxonomy_terms import term_codes

# The distances people can choose from, in miles, as the pages and /api/search offer them.
RADIUS_MILES = ("1", "3", "5", "10", "20")
DEFAULT_RADIUS_MILES = "3"
# When a search near a point finds fewer than ENOUGH_NEARBY direct matches there and the person did not choose
# the distance, it looks further away in these steps and says so.
WIDER_RADIUS_MILES = ("5", "10", "20")
# A council area is searched whole first; beyond it, circles round its centre.
AREA_WIDER_RADIUS_MILES = ("10", "20")
ENOUGH_NEARBY = 3


class SearchInputError(ValueError):
    """A search value a person must correct; field names the form or API field."""

    def __init__(self, field: str, message: str, suggestions: tuple[str, ...] = ()):
        super().__init__(message)
        self.field = field
        self.message = message
        self.suggestions = suggestions  # for a place name: nearest spellings, best first


@dataclass
class SearchRequest:
    text: str = ""
    location: str = ""  # postcode, district or place name as typed
    radius_km: float | None = None  # None: the configured default
    categories: tuple[str, ...] = ()  # taxonomy term codes
    kinds: tuple[str, ...] = ()  # ListingKind values
    audiences: tuple[str, ...] = ()  # audience term codes
    accessibility: tuple[str, ...] = ()  # AccessibilityFeature values
    free_only: bool = False
    dp_payable: bool = False
    day: str | None = None  # MO..SU
    open_now: bool = False
    sort: str = "relevance"  # or "distance"
    page: int = 1
    per_page: int = 10
    now: datetime | None = None  # for "open now" and "next session"; defaults to local time
    # Look further away when little matches nearby. Only where the distance is the default: a person who
    # chose "within 1 mile" meant it, and gets a link to search further instead.
    widen_when_few: bool = False


Listing = TypeVar("Listing")


@dataclass
class ResultItem(Generic[Listing]):
    service: Listing  # a Service, or what the caller's `load` gave for it
    distance_km: float | None
    reach: str  # "venue", "visits", "online" or "phone"
    broader_than: tuple[str, ...] = ()  # the needs asked for that it meets only in a general way

    @property
    def broader_text(self) -> str | None:
        """ "General support, not specific to stroke"."""
        if not self.broader_than:
            return None
        return f"General support, not specific to {' or '.join(self.broader_than)}"


@dataclass(frozen=True)
class Widening:
    """The search looked further than asked because little matched nearby."""

    asked_km: float | None  # None when a council's area was asked for
    used_km: float
    found_nearby: int  # direct matches within the distance asked
    message: str  # "Nothing within 3 miles. These are within 10 miles."


@dataclass
class SearchOutcome(Generic[Listing]):
    items: list[ResultItem[Listing]]
    total: int
    page: int
    pages: int
    per_page: int
    place: Place | None = None
    suggestion: str | None = None
    request: SearchRequest = field(default_factory=SearchRequest)
    widened: Widening | None = None


DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
SORTS = ("relevance", "distance")
MAX_TEXT_LENGTH = 200
MAX_PAGE = 500
MAX_PER_PAGE = 100
LONDON = ZoneInfo("Europe/London")
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
_POSTCODE_IN_TEXT = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)


def find_services(
    request: SearchRequest,
    channel: str = "web",
    load: Callable[[Collection[str]], Mapping[str, Any]] = public_results,
) -> SearchOutcome:
    """Search published listings; raises SearchInputError naming the field a person must correct.
    `load` gives the published listings among the ids found, by id (Service objects by default)."""
    text = clean_text(request.text)
    place = _resolve_place(request.location)
    radius_km = _check_radius(request.radius_km)
    _check_paging(request)
    _check_choices(request)

    now = request.now or local_now()
    query = SearchQuery(
        text=text,
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
        postcode_district=place.district if place else None,
        area=place.area if place else None,
        radius_km=radius_km,
        categories=request.categories,
        kinds=request.kinds,
        audiences=request.audiences,
        accessibility=request.accessibility,
        free_only=request.free_only,
        dp_payable=request.dp_payable,
        day=request.day,
        open_at=now if request.open_now else None,
        sort=request.sort if place else "relevance",
        page=request.page,
        per_page=request.per_page,
    )
    results = get_index().search(query)
    nearby_total = results.total
    widened = None
    if request.widen_when_few and place is not None:
        results, widened = _widen(query, results, place)
    services = load([hit.service_id for hit in results.hits])
    # A listing unpublished a moment ago may still be in another process's view of the index: skip it.
    items = [
        ResultItem(
            service=services[hit.service_id],
            distance_km=hit.distance_km,
            reach=hit.reach,
            broader_than=hit.broader_than,
        )
        for hit in results.hits
        if hit.service_id in services
    ]
    if channel in RECORDED_CHANNELS and request.page == 1:
        # Unmet need is what the person's own distance found, before looking further.
        record_search(channel, text, request, place, nearby_total)
    return SearchOutcome(
        items=items,
        total=results.total,
        page=results.page,
        pages=results.pages,
        per_page=results.per_page,
        place=place,
        suggestion=results.suggestion,
        request=request,
        widened=widened,
    )


def _widen(query: SearchQuery, nearby: SearchResults, place: Place) -> tuple[SearchResults, Widening | None]:
    """Fewer than ENOUGH_NEARBY direct matches that reach the place (online and phone services reach
    everywhere, so they do not count): try each wider step until one has enough; else take the nearest step
    that found the most, if that is more than nearby. A council area widens to circles round its centre."""
    if nearby.direct_nearby >= ENOUGH_NEARBY:
        return nearby, None
    in_area = place.kind == AREA
    best, used_km = nearby, query.radius_km
    for miles in AREA_WIDER_RADIUS_MILES if in_area else WIDER_RADIUS_MILES:
        radius_km = miles_to_km(float(miles))
        if not in_area and radius_km <= query.radius_km * 1.01:
            continue
        wider = get_index().search(replace(query, area=None, radius_km=radius_km))
        if wider.direct_nearby > best.direct_nearby:  # the nearest distance that finds the most
            best, used_km = wider, radius_km
        if wider.direct_nearby >= ENOUGH_NEARBY:
            break
    if best is nearby:
        return nearby, None
    found = nearby.direct_nearby
    asked = f"in {place.label}" if in_area else f"within {radius_text(query.radius_km)}"
    first = f"Nothing {asked}." if found == 0 else f"Only {found} {asked}."
    around = f" of {place.label}" if in_area else ""
    message = f"{first} These are within {radius_text(used_km)}{around}."
    return best, Widening(None if in_area else query.radius_km, used_km, found, message)


def radius_text(km: float) -> str:
    """A search distance as people choose it: "3 miles", "1 mile"."""
    miles = km_to_miles(km)
    shown = f"{round(miles):d}" if miles >= 1.5 else f"{miles:.1f}".removesuffix(".0")
    return f"{shown} mile" if shown == "1" else f"{shown} miles"


# People's own searches show unmet need; other systems reading the open API would only add noise.
RECORDED_CHANNELS = ("web", "assistant")


def local_now() -> datetime:
    return datetime.now(LONDON).replace(tzinfo=None)


def clean_text(text: str) -> str:
    text = _CONTROL_CHARACTERS.sub(" ", text or "").strip()
    if len(text) > MAX_TEXT_LENGTH:
        raise SearchInputError("text", f"Search words must be {MAX_TEXT_LENGTH} characters or fewer")
    return " ".join(text.split())


def _resolve_place(location: str) -> Place | None:
    location = _CONTROL_CHARACTERS.sub(" ", location or "").strip()
    if not location:
        return None
    try:
        return resolve_location(location)
    except LocationNotFound as error:
        raise SearchInputError("location", error.message, error.suggestions) from None


def _check_radius(radius_km: float | None) -> float:
    if radius_km is None:
        return float(current_app.config["SEARCH_DEFAULT_RADIUS_KM"])
    maximum = current_app.config["SEARCH_MAX_RADIUS_KM"]
    if not math.isfinite(radius_km) or radius_km <= 0 or radius_km > maximum:
        raise SearchInputError("radius_km", f"Distance must be more than 0 and no more than {maximum:g} km")
    return radius_km


def _check_paging(request: SearchRequest) -> None:
    if not 1 <= request.page <= MAX_PAGE:
        raise SearchInputError("page", f"Page must be a number from 1 to {MAX_PAGE}")
    if not 1 <= request.per_page <= MAX_PER_PAGE:
        raise SearchInputError("per_page", f"Results per page must be a number from 1 to {MAX_PER_PAGE}")


def _check_choices(request: SearchRequest) -> None:
    if request.day is not None and request.day not in DAYS:
        raise SearchInputError("day", "Choose a day of the week")
    if request.sort not in SORTS:
        raise SearchInputError("sort", "Sort by relevance or by distance")
    if not set(request.kinds) <= {kind.value for kind in ListingKind}:
        raise SearchInputError("kinds", "Choose a kind of listing from the list")
    if not set(request.accessibility) <= {feature.value for feature in AccessibilityFeature}:
        raise SearchInputError("accessibility", "Choose accessibility features from the list")
    for field_name, taxonomy_name in (("categories", CATEGORY_TAXONOMY), ("audiences", AUDIENCE_TAXONOMY)):
        codes = set(getattr(request, field_name))
        if codes and not codes <= set(term_codes(taxonomy_name)):
            noun = "type of support" if field_name == "categories" else "who it is for"
            raise SearchInputError(field_name, f"Choose {noun} from the list")


def record_search(
    channel: str, text: str, request: SearchRequest, place: Place | None, result_count: int
) -> None:
    """Keep an anonymous count: no full postcode (removed from the words too), no account, no address.
    Written on its own, so a search never commits or expires the caller's work."""
    record_count(
        SearchEvent,
        channel=channel,
        words=_POSTCODE_IN_TEXT.sub("", text)[:100].strip(),
        category=request.categories[0] if request.categories else None,
        kind=request.kinds[0] if request.kinds else None,
        postcode_district=place.district if place else None,
        result_count=result_count,
    )
