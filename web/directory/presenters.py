"""What the pages show about a listing, worked out once so templates only lay it out."""

from dataclasses import dataclass, field
from datetime import date, datetime

from flask import url_for

from web.models import (
    AUDIENCE_TAXONOMY,
    CATEGORY_TAXONOMY,
    CostOption,
    Service,
    ServiceAtLocation,
    ServiceStatus,
)
from web.services.listings import cost_text, coverage_text, distance_text, is_stale, money_text, phone_numbers
from web.services.schedules import describe_schedule, service_schedules, when_text
from web.services.search import ResultItem


@dataclass(frozen=True)
class MapMarker:
    name: str
    latitude: float
    longitude: float
    url: str

    def as_json(self) -> dict[str, str | float]:
        return {"name": self.name, "lat": self.latitude, "lon": self.longitude, "url": self.url}


@dataclass(frozen=True)
class Venue:
    name: str | None
    address_lines: list[str]
    accessibility: list[str]


@dataclass(frozen=True)
class ResultCard:
    id: str
    name: str
    url: str
    kind_label: str
    summary: str
    reach_text: str
    categories: list[str]
    cost: str
    when: str | None
    phones: list[str]
    temporarily_closed: bool
    markers: list[MapMarker] = field(default_factory=list)
    broader_text: str | None = None  # "General support, not specific to stroke"
    bookable: bool = False  # can be booked online today


@dataclass(frozen=True)
class ListingPage:
    service: Service
    kind_label: str
    categories: list[str]
    audiences: list[str]
    schedules: list[str]
    when: str | None
    venues: list[Venue]
    coverage: str | None
    ways_to_take_part: list[str]
    cost: str
    prices: list[str]
    languages: list[str]
    phones: list[str]
    email: str | None
    website: str | None
    last_checked: date | None
    stale: bool
    temporarily_closed: bool
    markers: list[MapMarker]


def reach_text(item: ResultItem, have_place: bool) -> str:
    if item.reach == "visits":
        return "Visits homes in your area" if have_place else (coverage_text(item.service) or "Visits homes")
    if item.reach == "online":
        return "Online"
    if item.reach == "phone":
        return "By phone"
    if item.distance_km is not None:
        return f"{distance_text(item.distance_km)} away"
    towns = sorted(
        {a.city for v in item.service.service_at_locations for a in v.location.addresses if a.city}
    )
    return ", ".join(towns)


def map_markers(service: Service) -> list[MapMarker]:
    url = url_for("directory.show_service", service_id=service.id)
    return [
        MapMarker(service.name, link.location.latitude, link.location.longitude, url)
        for link in service.service_at_locations
        if link.location.latitude is not None and link.location.longitude is not None
    ]


def result_card(item: ResultItem, now: datetime, have_place: bool, bookable: bool = False) -> ResultCard:
    service = item.service
    return ResultCard(
        id=service.id,
        name=service.name,
        url=url_for("directory.show_service", service_id=service.id),
        kind_label=service.kind.label,
        summary=service.summary,
        reach_text=reach_text(item, have_place),
        categories=[term.name for term in service.terms_in(CATEGORY_TAXONOMY)],
        cost=cost_text(service),
        when=when_text(service, now),
        phones=phone_numbers(service),
        temporarily_closed=service.status == ServiceStatus.TEMPORARILY_CLOSED,
        markers=map_markers(service) if item.reach == "venue" else [],
        broader_text=item.broader_text,
        bookable=bookable,
    )


def _venue(link: ServiceAtLocation) -> Venue:
    location = link.location
    lines = []
    for address in location.addresses:
        lines += [address.address_1, address.address_2, address.city, address.postal_code]
    features = [
        feature.feature.label + (f": {feature.description}" if feature.description else "")
        for feature in location.accessibility
    ]
    return Venue(name=location.name, address_lines=[line for line in lines if line], accessibility=features)


def _price(option: CostOption) -> str:
    """ "£26 per hour of support", or "Half day sitting: £98 per visit" when the option names something."""
    amount = money_text(option.amount) if option.amount is not None else ""
    price = " ".join(part for part in (amount, option.amount_description) if part)
    label = option.option or ""
    # A label like "Per hour" only repeats what the price already says.
    if not label or label.lower().startswith("per ") or not price:
        return price or label
    return f"{label}: {price}"


def _web_address(url: str | None) -> str | None:
    """Only ordinary web links: a javascript: or data: address in imported data must not become a link."""
    return url if url and url.lower().startswith(("https://", "http://")) else None


def listing_page(service: Service, now: datetime) -> ListingPage:
    email = service.email or service.organization.email
    return ListingPage(
        service=service,
        kind_label=service.kind.label,
        categories=[term.name for term in service.terms_in(CATEGORY_TAXONOMY)],
        audiences=[term.name for term in service.terms_in(AUDIENCE_TAXONOMY)],
        schedules=[describe_schedule(schedule) for schedule in service_schedules(service)],
        when=when_text(service, now),
        venues=[_venue(link) for link in service.service_at_locations],
        coverage=coverage_text(service),
        ways_to_take_part=[attending.label for attending in service.attending_types],
        cost=cost_text(service),
        prices=[_price(option) for option in service.cost_options],
        languages=[language.name for language in service.languages],
        phones=phone_numbers(service),
        email=email,
        website=_web_address(service.url or service.organization.website),
        last_checked=service.assured_date,
        stale=is_stale(service, now.date()),
        temporarily_closed=service.status == ServiceStatus.TEMPORARILY_CLOSED,
        markers=map_markers(service),
    )


def shortlist_text(services: list[Service], now: datetime, site_url: str) -> str:
    """The shortlist as plain text for an email or a helper to read out: what, when, how to contact."""
    blocks = []
    for service in services:
        page = listing_page(service, now)
        lines = [service.name, page.kind_label]
        if page.temporarily_closed:
            lines.append("Temporarily closed")
        lines += [f"Phone: {number}" for number in page.phones]
        if page.email:
            lines.append(f"Email: {page.email}")
        for venue in page.venues:
            lines.append("Address: " + ", ".join(venue.address_lines))
        if page.coverage:
            lines.append(page.coverage)
        lines += [f"When: {text}" for text in page.schedules]
        lines.append(f"Cost: {page.cost}")
        lines.append(site_url.rstrip("/") + url_for("directory.show_service", service_id=service.id))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
