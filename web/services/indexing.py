"""Keep the search index in step with the database.

Which listings are indexed: published ones that are active or temporarily closed. A temporarily
closed listing stays findable because people look for the group or hub they know, and the listing
page tells them it is closed for now and when to ring; hiding it would suggest it has gone for good.
Inactive and defunct listings, and listings that are not published (Service.is_public), are left out.

Every committed change to what search holds about a listing reaches the index, and nothing else does
(INDEXED below names the tables and columns): after each flush the ids of the affected services are
collected on the session, and after the commit each one is read back from the database and upserted
or removed. A rolled-back transaction drops its ids, so a failed commit changes nothing. A commit
touching many listings at once rebuilds the index instead.
"""

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session, selectinload

from search_index import ListingDocument, VisitingArea
from web.extensions import db
from web.geo import venue_councils, visiting_councils
from web.models import (
    AUDIENCE_TAXONOMY,
    CATEGORY_TAXONOMY,
    Accessibility,
    Address,
    Contact,
    CostOption,
    Language,
    ListingClaim,
    Location,
    Offering,
    Organization,
    Phone,
    ProblemReport,
    ProviderBusiness,
    Review,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceAttribute,
    ServiceStatus,
    TaxonomyTerm,
    User,
)
from web.services.index_store import get_index, is_enabled
from web.services.schedules import days_for_index, opening_times_for_index

logger = logging.getLogger(__name__)

INDEXED_STATUSES = (ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED)
# Above this many changed listings in one commit, one rebuild is quicker than one update each.
REBUILD_THRESHOLD = 60
_PENDING = "search_index_pending_service_ids"
_PAUSED = "search_index_sync_paused"


def is_indexed(service: Service) -> bool:
    return service.is_public and service.status in INDEXED_STATUSES


def document_for(service: Service) -> ListingDocument | None:
    """The index entry for a listing, or None when the listing must not be found by search."""
    if not is_indexed(service):
        return None
    categories = service.terms_in(CATEGORY_TAXONOMY)
    venue_links = service.service_at_locations if service.at_venue else []
    visiting = service.service_areas if service.home_visits else []
    features = {
        item.feature.value for link in service.service_at_locations for item in link.location.accessibility
    }
    return ListingDocument(
        service_id=service.id,
        name=service.name,
        kind=service.kind.value,
        summary=service.summary or "",
        description=service.description or "",
        organization=service.organization.name if service.organization else "",
        categories=tuple(term.code for term in categories),
        category_names=tuple(term.name for term in categories),
        audiences=tuple(term.code for term in service.terms_in(AUDIENCE_TAXONOMY)),
        accessibility=tuple(sorted(features)),
        is_free=service.is_free,
        dp_payable=service.dp_payable,
        days=days_for_index(service),
        opening_times=opening_times_for_index(service),
        venues=tuple(
            (link.location.latitude, link.location.longitude)
            for link in service.service_at_locations
            if link.location.latitude is not None and link.location.longitude is not None
        )
        if service.at_venue
        else (),
        visiting_areas=tuple(
            VisitingArea(
                latitude=area.latitude,
                longitude=area.longitude,
                radius_km=area.radius_km,
                districts=tuple(sorted(area.districts)),
            )
            for area in service.service_areas
        )
        if service.home_visits
        else (),
        online=service.online,
        by_phone=service.by_phone,
        venue_areas=tuple(sorted({code for link in venue_links for code in _councils_of(link.location)})),
        visit_areas=tuple(sorted({code for area in visiting for code in _councils_visited(area)})),
    )


def _councils_visited(area: ServiceArea) -> tuple[str, ...]:
    return visiting_councils(area.latitude, area.longitude, area.radius_km, area.districts)


def _councils_of(location: Location) -> tuple[str, ...]:
    """The council a venue is in (and its county council), for searches of a council's area."""
    postcode = next((address.postal_code for address in location.addresses if address.postal_code), None)
    return venue_councils(postcode, location.latitude, location.longitude)


def _with_everything_loaded():
    return (
        selectinload(Service.organization),
        selectinload(Service.attributes).selectinload(ServiceAttribute.taxonomy_term).selectinload(TaxonomyTerm.taxonomy),
        selectinload(Service.service_at_locations).selectinload(ServiceAtLocation.location).selectinload(Location.accessibility),
        selectinload(Service.service_at_locations).selectinload(ServiceAtLocation.location).selectinload(Location.addresses),
        selectinload(Service.service_at_locations).selectinload(ServiceAtLocation.schedules),
        selectinload(Service.schedules),
        selectinload(Service.service_areas),
    )  # fmt: skip


def indexed_documents(session: Session) -> Iterable[ListingDocument]:
    query = (
        select(Service)
        .where(Service.is_public, Service.status.in_(INDEXED_STATUSES))
        .options(*_with_everything_loaded())
        .order_by(Service.id)
    )
    for service in session.scalars(query):
        document = document_for(service)
        if document is not None:
            yield document


def reindex_all(session: Session, index, progress: Callable[[int], None] | None = None) -> int:
    """Rebuild the whole index from the database; returns how many listings it holds."""
    return index.rebuild(list(indexed_documents(session)), progress=progress)


def sync_services(session: Session, index, service_ids: Iterable[str]) -> None:
    """Make the index match the database for these listings."""
    ids = sorted(set(service_ids))
    found = {
        service.id: service
        for service in session.scalars(
            select(Service).where(Service.id.in_(ids)).options(*_with_everything_loaded())
        )
    }
    for service_id in ids:
        service = found.get(service_id)
        document = document_for(service) if service is not None else None
        if document is None:
            index.remove(service_id)
        else:
            index.upsert(document)


# ---- session events ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Indexed:
    """The columns of one table that document_for reads, and the columns saying which listing, place,
    organisation or term a row belongs to, so a change can be traced to the listings it alters."""

    fields: frozenset[str]
    belongs_to: tuple[tuple[str, str], ...]  # (what it points at, column)


def _indexed(fields: str, *belongs_to: tuple[str, str]) -> Indexed:
    return Indexed(frozenset(fields.split()), belongs_to)


# What search holds about a listing, table by table: every column document_for reads must be here. A
# change to any other column, or to any other table (problem reports, search counts, and whatever the
# marketplace adds), never touches the index. Every table pointing at an indexed one is named here or
# in NOT_INDEXED: a test checks.
INDEXED: dict[type, Indexed] = {
    Service: _indexed(
        "name summary description kind status publication organization_id is_free dp_payable"
        " at_venue home_visits online by_phone",
        ("service", "id"),
    ),
    Organization: _indexed("name", ("organization", "id")),
    Location: _indexed("latitude longitude", ("location", "id")),
    Address: _indexed("location_id postal_code", ("location", "location_id")),  # the council a venue is in
    Accessibility: _indexed("location_id feature", ("location", "location_id")),
    ServiceAtLocation: _indexed("service_id location_id", ("service", "service_id")),
    Schedule: _indexed(
        "service_id service_at_location_id freq interval byday opens_at closes_at",
        ("service", "service_id"),
        ("service_at_location", "service_at_location_id"),
    ),
    ServiceAttribute: _indexed("service_id taxonomy_term_id", ("service", "service_id")),
    TaxonomyTerm: _indexed("code name taxonomy_id", ("term", "id")),
    ServiceArea: _indexed(
        "service_id latitude longitude radius_km postcode_districts", ("service", "service_id")
    ),
}
# They point at a listing, place or organisation but hold nothing search uses: contact details and
# prices are read from the database for each page; problem reports and accounts are never shown.
# The marketplace's tables say nothing search shows yet (whether a listing can be booked is worked out
# when a page is drawn, because checks run out by date, not by a write).
NOT_INDEXED: tuple[type, ...] = (
    Contact,
    CostOption,
    Language,
    ListingClaim,
    Offering,
    Phone,
    ProblemReport,
    ProviderBusiness,
    Review,
    User,
)


def _references_of(row: object, changed_only: bool) -> set[tuple[str, str]]:
    """What a changed row belongs to, from its own columns only: loading anything during a flush is
    unsafe. A row moved from one listing to another reaches both."""
    indexed = INDEXED.get(type(row))
    if indexed is None:
        return set()
    state = inspect(row)
    if changed_only and not any(state.attrs[name].history.has_changes() for name in indexed.fields):
        return set()
    references = set()
    for kind, column in indexed.belongs_to:
        history = state.attrs[column].history
        for value in (*history.deleted, getattr(row, column)):
            if isinstance(value, str):
                references.add((kind, value))
    return references


def _service_ids(session: Session, references: set[tuple[str, str]]) -> set[str]:
    def ids(kind: str) -> list[str]:
        return [value for key, value in references if key == kind and value]

    found = set(ids("service"))
    lookups = (
        (ServiceAtLocation.service_id, ServiceAtLocation.location_id, ids("location")),
        (ServiceAtLocation.service_id, ServiceAtLocation.id, ids("service_at_location")),
        (Service.id, Service.organization_id, ids("organization")),
        (ServiceAttribute.service_id, ServiceAttribute.taxonomy_term_id, ids("term")),
    )
    for wanted, column, values in lookups:
        if values:
            found.update(session.scalars(select(wanted).where(column.in_(values))))
    return found


@contextmanager
def index_sync_paused(session: Session) -> Iterator[None]:
    """For bulk loads that rebuild the index themselves straight after committing."""
    session.info[_PAUSED] = True
    try:
        yield
    finally:
        session.info.pop(_PAUSED, None)
        session.info.pop(_PENDING, None)


def _after_flush(session: Session, _flush_context) -> None:
    if not _sync_enabled():
        return
    pending = session.info.setdefault(_PENDING, set())
    for row in (*session.new, *session.deleted):
        pending.update(_references_of(row, changed_only=False))
    for row in session.dirty:
        pending.update(_references_of(row, changed_only=True))


def _after_commit(session: Session) -> None:
    pending = session.info.pop(_PENDING, None)
    if not pending or session.info.get(_PAUSED) or not _sync_enabled():
        return
    try:
        index = get_index()
        # The committing session cannot run queries now; a fresh one reads what was just committed.
        with Session(db.engine) as reader:
            service_ids = _service_ids(reader, pending)
            if len(service_ids) > REBUILD_THRESHOLD:
                reindex_all(reader, index)
            else:
                sync_services(reader, index, service_ids)
    except Exception:
        # The data is safely committed; `flask search reindex` repairs the index if this ever fails.
        logger.exception("Could not update the search index after a commit")


def _after_rollback(session: Session) -> None:
    session.info.pop(_PENDING, None)


def _sync_enabled() -> bool:
    return bool(current_app) and is_enabled(current_app)


def listen_for_listing_changes() -> None:
    """Attach the events to Flask-SQLAlchemy's sessions (once per process, for every app)."""
    for name, handler in (
        ("after_flush", _after_flush),
        ("after_commit", _after_commit),
        ("after_rollback", _after_rollback),
    ):
        if not event.contains(db.session, name, handler):
            event.listen(db.session, name, handler)
