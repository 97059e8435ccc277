"""The one client for the web app's directory search (GET /api/search). The bot never reads the database."""

from dataclasses import dataclass
from urllib.parse import urlsplit

import requests

from .settings import Settings

DEFAULT_LIMIT = 5


class DirectoryUnavailable(Exception):
    """The directory could not be searched: the web app is down, too slow or answered with an error."""


class PlaceNotFound(Exception):
    """The web app does not know the place or postcode the person gave."""

    def __init__(self, place: str, detail: str):
        super().__init__(detail)
        self.place = place
        self.detail = detail


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    location: str = ""
    category: str = ""
    audience: str = ""
    day: str = ""  # monday .. sunday
    radius_km: float | None = None
    limit: int = DEFAULT_LIMIT

    def as_query(self) -> dict[str, str]:
        query = {
            "q": self.q,
            "location": self.location,
            "category": self.category,
            "audience": self.audience,
            "day": self.day,
            "radius": f"{self.radius_km:g}" if self.radius_km and self.location else "",
            "limit": str(self.limit),
        }
        return {name: value for name, value in query.items() if value}


@dataclass(frozen=True)
class Listing:
    id: str
    name: str
    path: str  # /services/<id> on the web site
    summary: str
    where: str | None  # "0.3 miles away", "Visits your area", "Online", "By phone", or None without a place
    when: str | None
    cost: str | None
    phone: str | None
    broader: bool = False  # a broader match than what was asked (a general group when "stroke" was asked)
    bookable: bool = False  # can be booked on the site today (a web app without the field books nothing)


@dataclass(frozen=True)
class SearchResults:
    total: int
    listings: tuple[Listing, ...]
    search_path: str  # the same search on the site's results page
    place: str | None  # the place as the web app understood it, e.g. "Wigan" or "WN1 1AA"
    # The directory looked further than asked and says so ("Nothing within 3 miles. These are within 10
    # miles."). directory_widens: it reports widening at all (a web app without it sends no "widened").
    widened_message: str | None = None
    directory_widens: bool = False


def search_directory(params: SearchParams, settings: Settings) -> SearchResults:
    try:
        response = requests.get(
            f"{settings.directory_api_url}/api/search",
            params=params.as_query(),
            timeout=settings.timeout_seconds,
            headers={"Accept": "application/json"},
        )
    except requests.RequestException as error:
        raise DirectoryUnavailable(f"The directory did not answer: {error}") from error
    if response.status_code == 400 and _refused_field(response) == "location":
        raise PlaceNotFound(params.location, _refusal_detail(response))
    try:
        response.raise_for_status()
        return read_search_results(response.json())
    except requests.HTTPError as error:
        raise DirectoryUnavailable(f"The directory answered {response.status_code}") from error
    except (ValueError, KeyError, TypeError) as error:
        raise DirectoryUnavailable(f"The directory's answer could not be read: {error!r}") from error


def read_search_results(body: dict) -> SearchResults:
    widened = body.get("widened")
    message = widened.get("message") if isinstance(widened, dict) else None
    return SearchResults(
        total=int(body["total"]),
        listings=tuple(_read_listing(result) for result in body["results"]),
        search_path=_site_path(body["search_url"]),
        place=body["query"].get("place"),
        widened_message=message if isinstance(message, str) and message.strip() else None,
        directory_widens="widened" in body,
    )


def _read_listing(result: dict) -> Listing:
    return Listing(
        id=result["id"],
        name=result["name"],
        path=_site_path(result["url"]),
        summary=result.get("summary") or "",
        where=_where(result),
        when=result.get("when"),
        cost=result.get("cost"),
        phone=result.get("phone"),
        broader=result.get("broader") is True,
        bookable=result.get("bookable") is True,
    )


def _where(result: dict) -> str | None:
    if result.get("distance_text"):
        return result["distance_text"]
    if result.get("where_text"):
        return result["where_text"]
    if result.get("visits_your_area"):
        return "Visits your area"
    if result.get("online"):
        return "Online"
    if result.get("by_phone"):
        return "By phone"
    return None


def _site_path(url: str) -> str:
    """The path and query of a link: the web app may be reached at an address people cannot see."""
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def _refused_field(response: requests.Response) -> str | None:
    try:
        return response.json()["error"]["field"]
    except (ValueError, KeyError, TypeError):
        return None


def _refusal_detail(response: requests.Response) -> str:
    try:
        return str(response.json()["error"]["detail"])
    except (ValueError, KeyError, TypeError):
        return ""
