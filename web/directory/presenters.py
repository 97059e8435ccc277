"""What the pages show about a listing, worked out once so templates only lay it out."""

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date, datetime

from flask import url_for

from web.directory.listing_facts import ListingFacts, MapMarker, map_markers
from web.extensions import db
from web.marketplace.bookable import business_of
from web.marketplace.checks import public_summary
from web.marketplace.listing_offerings import BookOnline, book_online_section
from web.marketplace.reviews import ListingReviews, listing_reviews
from web.models import (
    AUDIENCE_TAXONOMY,
    CATEGORY_TAXONOMY,
    CostOption,
    Service,
    ServiceAtLocation,
    ServiceStatus,
)
from web.services.listing_views import kept_views
from web.services.listings import (
    cost_text,
    coverage_text,
    distance_text,
    is_stale,
    money_text,
    phone_numbers,
    public_listings,
)
from web.services.schedules import Recurrence, describe_schedule, recurrences, service_schedules, when_text_of
from web.services.search import ResultItem


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
    categories: tuple[str, ...]
    cost: str
    when: str | None
    phones: tuple[str, ...]
    temporarily_closed: bool
    markers: tuple[MapMarker, ...] = ()
    broader_text: str | None = None  # "General support, not specific to stroke"
    bookable: bool = False  # can be booked online today

    @property
    def rows(self) -> list[tuple[str, str | tuple[str, ...]]]:
        """(label, words) of each fact the card lists; the phone numbers as they are, for links."""
        rows: list[tuple[str, str | tuple[str, ...]]] = []
        if self.reach_text:
            rows.append(("Where", self.reach_text))
        if self.when:
            rows.append(("When", self.when))
        rows.append(("Cost", self.cost))
        if self.phones:
            rows.append(("Phone", self.phones))
        if self.categories:
            rows.append(("Type of support", ", ".join(self.categories)))
        return rows


@dataclass(frozen=True)
class ListingText:
    """The listing's own words and flags the listing and shortlist pages show as they are."""

    id: str
    name: str
    alert: str | None
    summary: str | None
    description: str
    minimum_age: int | None
    maximum_age: int | None
    is_free: bool
    fees: str | None
    dp_payable: bool

    @classmethod
    def of(cls, service: Service) -> "ListingText":
        return cls(
            id=service.id,
            name=service.name,
            alert=service.alert,
            summary=service.summary,
            description=service.description,
            minimum_age=service.minimum_age,
            maximum_age=service.maximum_age,
            is_free=service.is_free,
            fees=service.fees,
            dp_payable=service.dp_payable,
        )


@dataclass(frozen=True)
class ListingPage:
    service: ListingText
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
    rules: tuple[Recurrence, ...]  # what `when` follows from


@dataclass(frozen=True)
class ListingPageFacts:
    """All the listing page shows that stays the same all day while the listing is unchanged."""

    page: ListingPage  # `when` is worked out for each request
    checks_summary: str | None
    book_online: BookOnline | None
    reviews: ListingReviews


def reach_text(item: ResultItem[ListingFacts], have_place: bool) -> str:
    facts = item.service
    if item.reach == "visits":
        return "Visits homes in your area" if have_place else (facts.coverage or "Visits homes")
    if item.reach == "online":
        return "Online"
    if item.reach == "phone":
        return "By phone"
    if item.distance_km is not None:
        return f"{distance_text(item.distance_km)} away"
    return ", ".join(sorted(set(facts.towns)))


def result_card(item: ResultItem[ListingFacts], now: datetime, have_place: bool) -> ResultCard:
    facts = item.service
    return ResultCard(
        id=facts.id,
        name=facts.name,
        url=facts.url,
        kind_label=facts.kind.label,
        summary=facts.summary,
        reach_text=reach_text(item, have_place),
        categories=facts.categories,
        cost=facts.cost,
        when=when_text_of(facts.rules, now),
        phones=facts.phones,
        temporarily_closed=facts.status == ServiceStatus.TEMPORARILY_CLOSED,
        markers=facts.markers if item.reach == "venue" else (),
        broader_text=item.broader_text,
        bookable=facts.bookable,
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
    page = _listing_page_of_day(service, now.date())
    return replace(page, when=when_text_of(page.rules, now))


def _listing_page_of_day(service: Service, today: date) -> ListingPage:
    email = service.email or service.organization.email
    return ListingPage(
        service=ListingText.of(service),
        kind_label=service.kind.label,
        categories=[term.name for term in service.terms_in(CATEGORY_TAXONOMY)],
        audiences=[term.name for term in service.terms_in(AUDIENCE_TAXONOMY)],
        schedules=[describe_schedule(schedule) for schedule in service_schedules(service)],
        when=None,
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
        stale=is_stale(service, today),
        temporarily_closed=service.status == ServiceStatus.TEMPORARILY_CLOSED,
        markers=map_markers(service),
        rules=recurrences(service),
    )


def listing_page_facts(ids: Collection[str]) -> dict[str, ListingPageFacts]:
    """The listing pages of the published listings among `ids`, by id, kept while they stay the same."""
    return kept_views("pages", ids, _work_out_pages)


def _work_out_pages(ids: list[str], today: date) -> dict[str, ListingPageFacts]:
    found = {}
    for service_id, service in public_listings(ids).items():
        business = business_of(service)
        found[service_id] = ListingPageFacts(
            page=_listing_page_of_day(service, today),
            checks_summary=public_summary(business, today),
            book_online=book_online_section(service, business, today),
            reviews=listing_reviews(db.session, service_id),
        )
    return found


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
