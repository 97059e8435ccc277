"""Whether a listing can be booked online today: the one rule the listing page, search results, the
API, the assistant and the booking pages all ask."""

from datetime import date

from web.extensions import db
from web.models import (
    CheckKind,
    CheckStatus,
    Offering,
    ProviderBusiness,
    ProviderCheck,
    ProviderStatus,
    Service,
)


def current_checks(business: ProviderBusiness, today: date) -> list[ProviderCheck]:
    """Evidence an officer accepted that has not run out."""
    return [
        check
        for check in business.checks
        if check.status is CheckStatus.ACCEPTED and (check.expires_on is None or check.expires_on >= today)
    ]


def checks_are_current(business: ProviderBusiness, offerings: list[Offering], today: date) -> bool:
    """A DBS check and insurance, and for personal care a CQC registration or an accepted exemption."""
    kinds = {check.kind for check in current_checks(business, today)}
    if not {CheckKind.DBS, CheckKind.INSURANCE} <= kinds:
        return False
    return not personal_care_waiting_for_cqc(business, offerings, today)


def personal_care_waiting_for_cqc(
    business: ProviderBusiness, offerings: list[Offering], today: date
) -> list[Offering]:
    """Offered personal care with no CQC registration or accepted exemption in place: while there is
    any, none of the business's offerings can be booked."""
    kinds = {check.kind for check in current_checks(business, today)}
    if kinds & {CheckKind.CQC, CheckKind.CQC_EXEMPTION}:
        return []
    return [offering for offering in offerings if offering.is_active and offering.is_personal_care]


def bookable_offerings(service: Service, business: ProviderBusiness | None, today: date) -> list[Offering]:
    """The offerings a person may book on this listing today; empty when it cannot be booked at all.

    `business` is the listing's organisation's ProviderBusiness (None for most of the directory)."""
    if business is None or business.status is not ProviderStatus.APPROVED or not service.is_public:
        return []
    if not business.weekly_hours and not any(e.is_extra for e in business.exceptions):
        return []
    offerings = [o for o in service_offerings(service) if o.is_active]
    if not offerings or not checks_are_current(business, offerings, today):
        return []
    return offerings


def service_offerings(service: Service) -> list[Offering]:
    query = db.select(Offering).filter_by(service_id=service.id).order_by(Offering.name)
    return list(db.session.scalars(query))


def business_of(service: Service) -> ProviderBusiness | None:
    return db.session.scalar(db.select(ProviderBusiness).filter_by(organization_id=service.organization_id))


def is_bookable(service: Service, today: date) -> bool:
    return bool(bookable_offerings(service, business_of(service), today))
