"""Which published services and service-at-locations an ORUK list request returns, and in what order.

Words and postcode go through the one search function (find_services); the ORUK filters it has no
notion of (taxonomy ids, ages, times) are applied in SQL to what it found. A postcode search keeps only
what is really near: a venue within the radius, or a home-visiting area that contains the postcode.
Online and phone services have no distance, so they are left out of a postcode search here (our own
/api/search includes them and says so).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import time

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import selectinload

from web.extensions import db
from web.geo import Place, covers, distance_km
from web.models import (
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceAttribute,
    TaxonomyTerm,
)
from web.services import search
from web.services.search import ResultItem, SearchRequest, find_services

NEARBY_REACHES = ("venue", "visits")
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
# Pages past the last are answered empty; past this they are refused, keeping huge offsets away.
MAX_PAGE = 10_000


@dataclass
class OrukFilters:
    search: str = ""
    place: Place | None = None
    radius_km: float = 5.0
    taxonomy_term_id: str | None = None
    taxonomy_id: str | None = None
    minimum_age: float | None = None
    maximum_age: float | None = None
    day: str | None = None  # MO..SU
    start_time: time | None = None
    end_time: time | None = None
    page: int = 1
    per_page: int = 50

    @property
    def uses_search(self) -> bool:
        return bool(self.search) or self.place is not None


def find_oruk_services(filters: OrukFilters) -> tuple[list[Service], int]:
    """One page of services and how many match in all."""
    conditions = _service_conditions(filters)
    if not filters.uses_search:
        total = db.session.scalar(select(func.count()).select_from(Service).where(*conditions)) or 0
        statement = (
            select(Service)
            .where(*conditions)
            .order_by(Service.name, Service.id)
            .offset((filters.page - 1) * filters.per_page)
            .limit(filters.per_page)
        )
        loading = (selectinload(Service.organization), selectinload(Service.cost_options))
        return list(db.session.scalars(statement.options(*loading))), total
    matches = _allowed(_search_matches(filters), conditions)
    start = (filters.page - 1) * filters.per_page
    return [item.service for item in matches[start : start + filters.per_page]], len(matches)


def find_oruk_service_at_locations(filters: OrukFilters) -> tuple[list[ServiceAtLocation], int]:
    """One page of service-at-locations and how many match in all."""
    conditions = _service_conditions(filters)
    if not filters.uses_search:
        base = select(ServiceAtLocation).join(ServiceAtLocation.service).where(*conditions)
        total = db.session.scalar(select(func.count()).select_from(base.subquery())) or 0
        statement = (
            base.order_by(Service.name, ServiceAtLocation.id)
            .offset((filters.page - 1) * filters.per_page)
            .limit(filters.per_page)
            .options(
                selectinload(ServiceAtLocation.location),
                selectinload(ServiceAtLocation.service).joinedload(Service.organization),
            )
        )
        return list(db.session.scalars(statement)), total
    links = [
        link
        for item in _allowed(_search_matches(filters), conditions)
        for link in item.service.service_at_locations
    ]
    if filters.place is not None:
        links = _near(links, filters.place, filters.radius_km)
    start = (filters.page - 1) * filters.per_page
    return links[start : start + filters.per_page], len(links)


def _near(links: list[ServiceAtLocation], place: Place, radius_km: float) -> list[ServiceAtLocation]:
    """Places within the radius, nearest first."""
    measured = []
    for link in links:
        location = link.location
        if location.latitude is None or location.longitude is None:
            continue
        distance = distance_km(place.latitude, place.longitude, location.latitude, location.longitude)
        if distance <= radius_km:
            measured.append((distance, link))
    measured.sort(key=lambda pair: pair[0])
    return [link for _, link in measured]


def _search_matches(filters: OrukFilters) -> list[ResultItem]:
    """Everything the search function finds for the words and place, in its order."""
    request = SearchRequest(
        text=filters.search,
        location=filters.place.label if filters.place else "",
        radius_km=filters.radius_km if filters.place else None,
        sort="distance" if filters.place else "relevance",
        per_page=search.MAX_PER_PAGE,
    )
    items: list[ResultItem] = []
    while True:
        outcome = find_services(request, channel="api")
        items += outcome.items
        if request.page >= outcome.pages:
            break
        request.page += 1
    if filters.place is None:
        return items
    return [
        item
        for item in items
        if item.reach in NEARBY_REACHES and _in_service_area(item.service, filters.place)
    ]


def _in_service_area(service: Service, place: Place) -> bool:
    """ORUK: where a service has a service area, the postcode must fall within it."""
    return not service.service_areas or any(
        covers(
            place,
            latitude=area.latitude,
            longitude=area.longitude,
            radius_km=area.radius_km,
            districts=area.districts,
        )
        for area in service.service_areas
    )


def _allowed(items: list[ResultItem], conditions: Sequence[ColumnElement[bool]]) -> list[ResultItem]:
    """The items that also pass the SQL-only filters, keeping the search order."""
    if not items:
        return []
    ids = {item.service.id for item in items}
    allowed = set(db.session.scalars(select(Service.id).where(Service.id.in_(ids), *conditions)))
    return [item for item in items if item.service.id in allowed]


def _service_conditions(filters: OrukFilters) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [Service.is_public]
    if filters.taxonomy_term_id:
        conditions.append(
            Service.attributes.any(ServiceAttribute.taxonomy_term_id == filters.taxonomy_term_id)
        )
    if filters.taxonomy_id:
        conditions.append(
            Service.attributes.any(
                ServiceAttribute.taxonomy_term.has(TaxonomyTerm.taxonomy_id == filters.taxonomy_id)
            )
        )
    # As ORUK words them: a minimum age of at least the value, a maximum age at or below it. No minimum
    # is a minimum of 0; no maximum is no limit, so never at or below a value.
    if filters.minimum_age is not None:
        conditions.append(func.coalesce(Service.minimum_age, 0) >= filters.minimum_age)
    if filters.maximum_age is not None:
        conditions.append(Service.maximum_age <= filters.maximum_age)
    schedule_condition = _schedule_condition(filters)
    if schedule_condition is not None:
        conditions.append(
            or_(
                Service.schedules.any(schedule_condition),
                Service.service_at_locations.any(ServiceAtLocation.schedules.any(schedule_condition)),
            )
        )
    return conditions


def _schedule_condition(filters: OrukFilters) -> ColumnElement[bool] | None:
    """One schedule must match every time filter given: the day it runs, opening at or after
    start_time, closing at or before end_time."""
    parts: list[ColumnElement[bool]] = []
    if filters.day:
        parts.append(Schedule.byday.contains(filters.day))
    if filters.start_time:
        parts.append(Schedule.opens_at >= filters.start_time)
    if filters.end_time:
        parts.append(Schedule.closes_at <= filters.end_time)
    return and_(*parts) if parts else None
