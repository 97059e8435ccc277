"""What goes into the index and what comes out: plain dataclasses, no Flask, no database."""

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class OpeningTime:
    """One weekly opening: day is an iCal code (MO..SU); minutes since midnight."""

    day: str
    opens: int
    closes: int


@dataclass(frozen=True)
class VisitingArea:
    """Where a home-visiting service goes: within radius_km of a base point, or in listed districts."""

    latitude: float | None = None
    longitude: float | None = None
    radius_km: float | None = None
    districts: tuple[str, ...] = ()


@dataclass
class ListingDocument:
    service_id: str
    name: str
    kind: str  # micro_provider, peer_support, community_hub, community_asset
    summary: str = ""
    description: str = ""
    organization: str = ""
    categories: tuple[str, ...] = ()  # taxonomy term codes, e.g. "dementia"
    category_names: tuple[str, ...] = ()  # their names, searched as text
    audiences: tuple[str, ...] = ()  # term codes, e.g. "carers"
    accessibility: tuple[str, ...] = ()  # feature codes, e.g. "step_free"
    is_free: bool = False
    dp_payable: bool = False
    days: tuple[str, ...] = ()  # days it runs or opens, MO..SU
    opening_times: tuple[OpeningTime, ...] = ()
    venues: tuple[tuple[float, float], ...] = ()  # (latitude, longitude) of each place it runs
    visiting_areas: tuple[VisitingArea, ...] = ()
    online: bool = False
    by_phone: bool = False
    venue_areas: tuple[str, ...] = ()  # council codes its venues are in (and their county councils)
    visit_areas: tuple[str, ...] = ()  # council codes its home-visiting areas touch


@dataclass
class SearchQuery:
    text: str = ""
    latitude: float | None = None
    longitude: float | None = None
    postcode_district: str | None = None  # for home-visit areas given as districts
    area: str | None = None  # a council code: search inside its area instead of around the point
    radius_km: float = 5.0
    categories: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    audiences: tuple[str, ...] = ()
    accessibility: tuple[str, ...] = ()
    free_only: bool = False
    dp_payable: bool = False
    day: str | None = None  # MO..SU
    open_at: datetime | None = None  # "open now": local time to check against opening times
    sort: str = "relevance"  # or "distance"
    page: int = 1
    per_page: int = 10


@dataclass(frozen=True)
class SearchHit:
    service_id: str
    score: float
    distance_km: float | None  # to the nearest venue; None for visits, online, phone and area searches
    reach: str  # "venue", "visits" (home visits cover the place), "online" or "phone"
    # The needs asked for that this listing meets only in a broader way ("stroke" for a general group);
    # such hits come after every direct match.
    broader_than: tuple[str, ...] = ()

    @property
    def broader(self) -> bool:
        return bool(self.broader_than)


@dataclass
class SearchResults:
    hits: list[SearchHit]
    total: int
    page: int
    per_page: int
    suggestion: str | None = None  # "Did you mean ..." text, when the words look mistyped
    expanded_terms: tuple[str, ...] = field(default_factory=tuple)
    direct_total: int = 0  # matches that are not broader than asked
    direct_nearby: int = 0  # ... with a venue in the radius or home visits there (not online or phone)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))
