"""GET /api/search: the directory search as compact JSON, for the assistant and other sites.

Same search function, same words as the results page (distance, "when", cost), so what the assistant
says matches what the site shows.
"""

from datetime import datetime

from flask import Blueprint, current_app, jsonify, request, url_for
from flask.typing import ResponseReturnValue

from web.access import public
from web.api.errors import ApiInputError
from web.api.params import day_param, int_param, number_param, text_param
from web.directory.listing_facts import ListingFacts, result_facts
from web.geo import AREA
from web.services.listings import distance_text, km_to_miles
from web.services.schedules import next_session_of, when_text_of
from web.services.search import (
    RADIUS_MILES,
    ResultItem,
    SearchInputError,
    SearchOutcome,
    SearchRequest,
    find_services,
    local_now,
)

bp = Blueprint("search", __name__)

DEFAULT_LIMIT = 5
MAX_LIMIT = 20
LOCATION_PARAMS = ("location", "postcode", "place")


@public
@bp.get("/search")
def search_services() -> ResponseReturnValue:
    location_param, location = _location()
    category = text_param("category")
    audience = text_param("audience")
    search_request = SearchRequest(
        text=text_param("q"),
        location=location,
        radius_km=number_param("radius", minimum=0, maximum=_max_radius_km(), above_minimum=True),
        categories=(category,) if category else (),
        audiences=(audience,) if audience else (),
        day=day_param("day"),
        sort="distance" if location else "relevance",
        per_page=int_param("limit", default=DEFAULT_LIMIT, minimum=1, maximum=MAX_LIMIT),
        # A distance the caller gave is kept; without one, a search that finds little looks further.
        widen_when_few="radius" not in request.args,
    )
    if not (search_request.text or location or category or audience):
        raise ApiInputError("q", "Give words to search for (q), a place, a category or an audience")
    try:
        outcome = find_services(search_request, channel="assistant", load=result_facts)
    except SearchInputError as error:
        field = location_param if error.field == "location" else SEARCH_FIELDS.get(error.field, error.field)
        raise ApiInputError(field, error.message, error.suggestions) from None
    return jsonify(_search_json(outcome))


# Our parameter for each SearchRequest field the search function may refuse.
SEARCH_FIELDS = {"text": "q", "radius_km": "radius", "categories": "category", "audiences": "audience"}
SEARCH_FIELDS |= {"per_page": "limit"}


def _location() -> tuple[str, str]:
    """(parameter name, value): location, else postcode, else place; a postcode is the more exact."""
    for name in LOCATION_PARAMS:
        value = text_param(name)
        if value:
            return name, value
    return "location", ""


def _max_radius_km() -> float:
    return float(current_app.config["SEARCH_MAX_RADIUS_KM"])


def _search_json(outcome: SearchOutcome[ListingFacts]) -> dict:
    wanted = outcome.request
    now = wanted.now or local_now()
    in_area = outcome.place is not None and outcome.place.kind == AREA
    return {
        "query": {
            "q": wanted.text,
            "location": wanted.location or None,
            "place": outcome.place.label if outcome.place else None,
            "category": wanted.categories[0] if wanted.categories else None,
            "audience": wanted.audiences[0] if wanted.audiences else None,
            "day": wanted.day,
            "limit": wanted.per_page,
            "radius_km": (outcome.widened.used_km if outcome.widened else _radius_km(wanted))
            if outcome.place
            else None,
        },
        "total": outcome.total,
        "results": [_result_json(item, now, in_area) for item in outcome.items],
        "search_url": _site_search_url(wanted),
        "suggestion": outcome.suggestion,
        "widened": _widened_json(outcome),
    }


def _widened_json(outcome: SearchOutcome) -> dict | None:
    widened = outcome.widened
    if widened is None:
        return None
    return {
        "asked_km": None if widened.asked_km is None else round(widened.asked_km, 1),
        "used_km": round(widened.used_km, 1),
        "message": widened.message,
    }


def _radius_km(wanted: SearchRequest) -> float:
    return (
        wanted.radius_km if wanted.radius_km is not None else current_app.config["SEARCH_DEFAULT_RADIUS_KM"]
    )


def _result_json(item: ResultItem[ListingFacts], now: datetime, in_area: bool) -> dict:
    service = item.service
    upcoming = next_session_of(service.rules, now)
    phones = service.phones
    body: dict = {
        "id": service.id,
        "name": service.name,
        "url": url_for("directory.show_service", service_id=service.id, _external=True),
        "summary": service.summary,
        "kind": service.kind.value,
        "kind_label": service.kind.label,
        "status": service.status.value,
        "next_session": upcoming.isoformat(timespec="minutes") if upcoming else None,
        "when": when_text_of(service.rules, now),
        "cost": service.cost,
        "phone": phones[0] if phones else None,
        # Whether it can be booked online today, by the same rule as the listing page's Book button.
        "bookable": service.bookable,
    }
    if item.broader_than:
        body["broader"] = True
        body["broader_text"] = item.broader_text
    if item.reach == "venue" and item.distance_km is not None:
        body["distance_km"] = round(item.distance_km, 2)
        body["distance_text"] = f"{distance_text(item.distance_km)} away"
    elif item.reach == "venue" and in_area:
        # A council area is searched whole, without distances: say which town the venue is in.
        body["where_text"] = f"In {service.towns[0]}" if service.towns else None
    elif item.reach == "visits":
        body["visits_your_area"] = True
    elif item.reach == "online":
        body["online"] = True
    elif item.reach == "phone":
        body["by_phone"] = True
    return body


def _site_search_url(wanted: SearchRequest) -> str:
    """The same search on the results page, whose distance choices are in miles."""
    params = {
        "q": wanted.text or None,
        "location": wanted.location or None,
        "category": list(wanted.categories) or None,
        "audience": list(wanted.audiences) or None,
        "day": wanted.day,
    }
    if wanted.location and wanted.radius_km is not None:
        miles = km_to_miles(wanted.radius_km)
        params["radius"] = next(
            (choice for choice in RADIUS_MILES if float(choice) >= miles), RADIUS_MILES[-1]
        )
    return url_for("directory.search", _external=True, **params)
