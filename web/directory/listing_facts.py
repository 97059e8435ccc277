"""What a result card and an /api/search result show of a listing, worked out once while the listings
stay the same (web/services/listing_views.py); only the time of day is applied at each request."""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from flask import url_for

from web.marketplace.bookable import bookable_service_ids
from web.models import CATEGORY_TAXONOMY, ListingKind, Service, ServiceStatus
from web.services.listing_views import kept_views
from web.services.listings import cost_text, coverage_text, phone_numbers, public_results
from web.services.schedules import Recurrence, recurrences


@dataclass(frozen=True)
class MapMarker:
    name: str
    latitude: float
    longitude: float
    url: str

    def as_json(self) -> dict[str, str | float]:
        return {"name": self.name, "lat": self.latitude, "lon": self.longitude, "url": self.url}


@dataclass(frozen=True)
class ListingFacts:
    id: str
    name: str
    url: str  # its listing page, from the root of the site
    summary: str
    kind: ListingKind
    status: ServiceStatus
    categories: tuple[str, ...]
    cost: str
    phones: tuple[str, ...]
    coverage: str | None  # where a home-visiting service goes
    towns: tuple[str, ...]  # the town of each venue's address, in order
    markers: tuple[MapMarker, ...]
    rules: tuple[Recurrence, ...]  # what its sessions follow from
    bookable: bool  # can be booked online on the day these facts were worked out


def map_markers(service: Service) -> list[MapMarker]:
    url = url_for("directory.show_service", service_id=service.id)
    return [
        MapMarker(service.name, link.location.latitude, link.location.longitude, url)
        for link in service.service_at_locations
        if link.location.latitude is not None and link.location.longitude is not None
    ]


def result_facts(ids: Collection[str]) -> dict[str, ListingFacts]:
    """The published listings among `ids`, by id: no statement at all for those this process knows."""
    return kept_views("results", ids, _work_out)


def _work_out(ids: list[str], today: date) -> dict[str, ListingFacts]:
    services = public_results(ids)
    bookable = bookable_service_ids(services.values(), today)
    return {service_id: _facts(service, service_id in bookable) for service_id, service in services.items()}


def _facts(service: Service, bookable: bool) -> ListingFacts:
    return ListingFacts(
        id=service.id,
        name=service.name,
        url=url_for("directory.show_service", service_id=service.id),
        summary=service.summary,
        kind=service.kind,
        status=service.status,
        categories=tuple(term.name for term in service.terms_in(CATEGORY_TAXONOMY)),
        cost=cost_text(service),
        phones=tuple(phone_numbers(service)),
        coverage=coverage_text(service),
        towns=tuple(
            address.city
            for link in service.service_at_locations
            for address in link.location.addresses
            if address.city
        ),
        markers=tuple(map_markers(service)),
        rules=recurrences(service),
        bookable=bookable,
    )
