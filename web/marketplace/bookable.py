"""Whether a listing can be booked online today: the one rule the listing page, search results, the
API, the assistant and the booking pages all ask.

The rule (`takes_bookings`) reads plain facts, so one listing's loaded objects and a whole results
page's rows (read in two statements by `bookable_service_ids`) are judged by the same lines.
"""

from collections.abc import Iterable, Sequence
from datetime import date
from typing import NamedTuple, Protocol

from sqlalchemy import exists, select
from sqlalchemy.orm import joinedload

from web.extensions import db
from web.models import (
    AvailabilityException,
    CheckKind,
    CheckStatus,
    Offering,
    ProviderBusiness,
    ProviderCheck,
    ProviderStatus,
    Service,
    WeeklyHours,
)


class CheckFacts(Protocol):
    kind: CheckKind
    status: CheckStatus
    expires_on: date | None


class OfferingFacts(Protocol):
    is_active: bool
    is_personal_care: bool


class _CheckRow(NamedTuple):
    kind: CheckKind
    status: CheckStatus
    expires_on: date | None


class _OfferingRow(NamedTuple):
    is_active: bool
    is_personal_care: bool


def is_current(check: CheckFacts, today: date) -> bool:
    """Evidence an officer accepted that has not run out."""
    return check.status is CheckStatus.ACCEPTED and (check.expires_on is None or check.expires_on >= today)


def current_checks(business: ProviderBusiness, today: date) -> list[ProviderCheck]:
    return [check for check in business.checks if is_current(check, today)]


def checks_cover(checks: Iterable[CheckFacts], offerings: Iterable[OfferingFacts], today: date) -> bool:
    """A DBS check and insurance, and for personal care a CQC registration or an accepted exemption."""
    kinds = {check.kind for check in checks if is_current(check, today)}
    if not {CheckKind.DBS, CheckKind.INSURANCE} <= kinds:
        return False
    if any(offering.is_personal_care for offering in offerings):
        return bool(kinds & {CheckKind.CQC, CheckKind.CQC_EXEMPTION})
    return True


def checks_are_current(business: ProviderBusiness, offerings: list[Offering], today: date) -> bool:
    return checks_cover(business.checks, offerings, today)


def takes_bookings(
    *,
    status: ProviderStatus | None,
    listing_is_public: bool,
    has_weekly_hours: bool,
    has_extra_times: bool,
    checks: Iterable[CheckFacts],
    offerings: Sequence[OfferingFacts],
    today: date,
) -> bool:
    """The rule. `status` is the listing's organisation's business's, None when it has none."""
    if status is not ProviderStatus.APPROVED or not listing_is_public:
        return False
    if not (has_weekly_hours or has_extra_times):
        return False
    active = [offering for offering in offerings if offering.is_active]
    return bool(active) and checks_cover(checks, active, today)


def bookable_offerings(service: Service, business: ProviderBusiness | None, today: date) -> list[Offering]:
    """The offerings a person may book on this listing today; empty when it cannot be booked at all.

    `business` is the listing's organisation's ProviderBusiness (None for most of the directory)."""
    if business is None:
        return []
    offerings = service_offerings(service)
    if not listing_takes_bookings(service, business, offerings, today):
        return []
    return [offering for offering in offerings if offering.is_active]


def listing_takes_bookings(
    service: Service, business: ProviderBusiness | None, offerings: Sequence[Offering], today: date
) -> bool:
    """One listing, from its loaded objects: `offerings` are all of the listing's, withdrawn ones too."""
    if business is None:
        return False
    has_weekly_hours, has_extra_times = db.session.execute(
        select(_HAS_WEEKLY_HOURS, _HAS_EXTRA_TIMES).where(ProviderBusiness.id == business.id)
    ).one()
    return takes_bookings(
        status=business.status,
        listing_is_public=service.is_public,
        has_weekly_hours=has_weekly_hours,
        has_extra_times=has_extra_times,
        checks=business.checks,
        offerings=offerings,
        today=today,
    )


# Whether a business has any availability at all, read the same way for one listing and for many.
_HAS_WEEKLY_HOURS = (
    exists()
    .where(WeeklyHours.business_id == ProviderBusiness.id)
    .correlate(ProviderBusiness)
    .label("has_weekly_hours")
)
_HAS_EXTRA_TIMES = (
    exists()
    .where(AvailabilityException.business_id == ProviderBusiness.id, AvailabilityException.is_extra)
    .correlate(ProviderBusiness)
    .label("has_extra_times")
)


def bookable_service_ids(services: Iterable[Service], today: date) -> set[str]:
    """Which of these listings can be booked today, in two statements however many there are."""
    services = list(services)
    organization_ids = {s.organization_id for s in services if s.organization_id is not None}
    if not organization_ids:
        return set()
    rows = db.session.execute(
        select(
            ProviderBusiness.organization_id,
            ProviderBusiness.status,
            _HAS_WEEKLY_HOURS,
            _HAS_EXTRA_TIMES,
            ProviderCheck.kind,
            ProviderCheck.status.label("check_status"),
            ProviderCheck.expires_on,
        )
        .outerjoin(ProviderCheck, ProviderCheck.business_id == ProviderBusiness.id)
        .where(ProviderBusiness.organization_id.in_(organization_ids))
    )
    businesses: dict[str, tuple[ProviderStatus, bool, bool]] = {}
    checks: dict[str, list[_CheckRow]] = {}
    for row in rows:
        businesses[row.organization_id] = (row.status, bool(row.has_weekly_hours), bool(row.has_extra_times))
        held = checks.setdefault(row.organization_id, [])
        if row.kind is not None:
            held.append(_CheckRow(row.kind, row.check_status, row.expires_on))
    candidates = [s for s in services if s.organization_id in businesses]
    if not candidates:
        return set()
    offerings: dict[str, list[_OfferingRow]] = {}
    offering_rows = db.session.execute(
        select(Offering.service_id, Offering.is_active, Offering.is_personal_care).where(
            Offering.service_id.in_({s.id for s in candidates})
        )
    )
    for row in offering_rows:
        offerings.setdefault(row.service_id, []).append(_OfferingRow(row.is_active, row.is_personal_care))
    bookable = set()
    for service in candidates:
        status, has_weekly_hours, has_extra_times = businesses[service.organization_id]
        if takes_bookings(
            status=status,
            listing_is_public=service.is_public,
            has_weekly_hours=has_weekly_hours,
            has_extra_times=has_extra_times,
            checks=checks[service.organization_id],
            offerings=offerings.get(service.id, []),
            today=today,
        ):
            bookable.add(service.id)
    return bookable


def service_offerings(service: Service) -> list[Offering]:
    query = db.select(Offering).filter_by(service_id=service.id).order_by(Offering.name)
    return list(db.session.scalars(query))


def business_of(service: Service) -> ProviderBusiness | None:
    """The listing's organisation's business, with its checks (a few rows, read in the same statement)."""
    query = (
        db.select(ProviderBusiness)
        .filter_by(organization_id=service.organization_id)
        .options(joinedload(ProviderBusiness.checks))
    )
    return db.session.scalars(query).unique().one_or_none()


def is_bookable(service: Service, today: date) -> bool:
    return bool(bookable_offerings(service, business_of(service), today))
