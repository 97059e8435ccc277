"""A provider saying an existing micro-provider listing is theirs, and an officer's decision.

A confirmed claim moves the listing to the business's organisation, so the one ownership rule
(web.services.ownership) then lets the provider change it. The listing the provider drafted at set-up
would list the business twice, so its offerings move to the claimed listing and the draft is archived.
"""

from dataclasses import dataclass

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session

from web.geo import normalise_postcode, postcode_district
from web.models import (
    Address,
    ListingKind,
    Location,
    Offering,
    Publication,
    Service,
    ServiceArea,
    ServiceAtLocation,
)
from web.models.base import utcnow
from web.models.marketplace import ClaimStatus, ListingClaim, ProviderBusiness, ProviderStatus

MAX_NAME_LENGTH = 100
MOST_FOUND = 20


class ClaimProblems(ValueError):
    def __init__(self, problems: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))
        self.problems = problems


class ClaimNotFound(LookupError):
    """No such claim waiting for a decision."""


@dataclass(frozen=True)
class ListingSearch:
    name: str = ""
    postcode: str = ""


def search_problems(search: ListingSearch) -> dict[str, str]:
    problems: dict[str, str] = {}
    name, postcode = search.name.strip(), search.postcode.strip()
    if not name and not postcode:
        problems["name"] = "Enter the name of your listing or its postcode"
    if len(name) > MAX_NAME_LENGTH:
        problems["name"] = f"The name must be {MAX_NAME_LENGTH} characters or fewer"
    if postcode and postcode_district(postcode) is None:
        problems["postcode"] = "Enter a postcode, like WN1 1AA, or a postcode district, like WN1"
    return problems


def _unclaimed_listings():
    """Published micro-provider listings whose organisation has no business on the site."""
    has_business = exists().where(ProviderBusiness.organization_id == Service.organization_id)
    return select(Service).where(Service.kind == ListingKind.MICRO_PROVIDER, Service.is_public, ~has_business)


def find_claimable_listings(session: Session, search: ListingSearch) -> list[Service]:
    """Unclaimed micro-provider listings by words in their name and, or, by postcode or district."""
    problems = search_problems(search)
    if problems:
        raise ClaimProblems(problems)
    query = _unclaimed_listings()
    name = search.name.strip()
    if name:
        escaped = name.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(func.lower(Service.name).like(f"%{escaped}%", escape="\\"))
    if search.postcode.strip():
        query = query.where(_near_postcode(search.postcode))
    return list(session.scalars(query.order_by(Service.name, Service.id).limit(MOST_FOUND)))


def _near_postcode(text: str):
    """A venue or home-visiting base in that postcode, or in that district when only a district is given."""
    full = normalise_postcode(text)
    district = postcode_district(text)

    def matches(column):
        if full:
            return func.upper(column) == full
        return or_(func.upper(column) == district, func.upper(column).like(f"{district} %"))

    at_venue = (
        select(ServiceAtLocation.service_id)
        .join(Location, ServiceAtLocation.location_id == Location.id)
        .join(Address, Address.location_id == Location.id)
        .where(matches(Address.postal_code))
    )
    visiting = select(ServiceArea.service_id).where(matches(ServiceArea.base_postcode))
    return or_(Service.id.in_(at_venue), Service.id.in_(visiting))


def ask_to_claim(session: Session, business: ProviderBusiness, service_id: str) -> ListingClaim:
    """The provider asks for an unclaimed listing; an officer decides. The id is checked, not trusted."""
    if business.status is ProviderStatus.SUSPENDED:
        raise ClaimProblems({"service_id": "Your business is suspended, so it cannot claim a listing"})
    service = session.scalar(_unclaimed_listings().where(Service.id == (service_id or "")))
    if service is None:
        raise ClaimProblems({"service_id": "Select a listing from the list"})
    if any(c.service_id == service.id and c.status is ClaimStatus.AWAITING_CHECKS for c in business.claims):
        raise ClaimProblems({"service_id": f"You have already asked to claim {service.name}"})
    claim = ListingClaim(business=business, service=service)
    session.add(claim)
    session.commit()
    return claim


def waiting_claims(session: Session) -> list[ListingClaim]:
    query = select(ListingClaim).where(ListingClaim.status == ClaimStatus.AWAITING_CHECKS)
    return list(session.scalars(query.order_by(ListingClaim.created_at, ListingClaim.id)))


def waiting_claim(session: Session, claim_id: int) -> ListingClaim:
    claim = session.get(ListingClaim, claim_id)
    if claim is None or claim.status is not ClaimStatus.AWAITING_CHECKS:
        raise ClaimNotFound(claim_id)
    return claim


def confirm(session: Session, claim: ListingClaim) -> None:
    """The listing becomes the business's. The caller commits (an approval confirms several at once)."""
    business = claim.business
    claimed = claim.service
    drafts = [
        service for service in business.organization.services if service is not claimed and service.is_draft
    ]
    if drafts:
        moved = select(Offering).where(Offering.service_id.in_([draft.id for draft in drafts]))
        for offering in session.scalars(moved):
            offering.service = claimed
        for draft in drafts:
            draft.publication = Publication.ARCHIVED
    claimed.organization = business.organization
    claim.status = ClaimStatus.CONFIRMED
    claim.decided_at = utcnow()


def confirm_claim(session: Session, claim: ListingClaim) -> None:
    if claim.status is not ClaimStatus.AWAITING_CHECKS:
        raise ClaimNotFound(claim.id)
    confirm(session, claim)
    session.commit()


def refuse_claim(session: Session, claim: ListingClaim, reason: str) -> None:
    reason = (reason or "").strip()
    if not reason:
        raise ClaimProblems({"reason": "Enter why the listing is not theirs"})
    if len(reason) > 2000:
        raise ClaimProblems({"reason": "The reason must be 2,000 characters or fewer"})
    claim.status = ClaimStatus.REFUSED
    claim.officer_reason = reason
    claim.decided_at = utcnow()
    session.commit()
