"""The one search function: pages, the ORUK API, /api/search and the assistant all call find_services."""

from dataclasses import dataclass, field
from datetime import datetime

from web.geo import Place
from web.models import Service


class SearchInputError(ValueError):
    """A search value a person must correct; field names the form or API field."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


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


@dataclass
class ResultItem:
    service: Service
    distance_km: float | None
    reach: str  # "venue", "visits", "online" or "phone"


@dataclass
class SearchOutcome:
    items: list[ResultItem]
    total: int
    page: int
    pages: int
    per_page: int
    place: Place | None = None
    suggestion: str | None = None
    request: SearchRequest = field(default_factory=SearchRequest)
