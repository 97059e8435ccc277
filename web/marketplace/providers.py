"""A provider's business: setting it up from the account's request to join, sending it for checks,
and an officer's decision. Plain functions that views, the CLI and tests call."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from web.geo import find_postcode, normalise_postcode, postcode_district
from web.marketplace import claims
from web.models import (
    ListingKind,
    Organization,
    Phone,
    ProviderRequestStatus,
    Publication,
    Service,
    ServiceArea,
    User,
)
from web.models.accounts import Role
from web.models.base import utcnow
from web.models.marketplace import (
    CheckStatus,
    ClaimStatus,
    LegalForm,
    ProviderBusiness,
    ProviderStatus,
)
from web.services import accounts
from web.services.accounts import email_problem, organization_name_problem

MICRO_PROVIDER_MAX_WORKERS = 8
MAX_TRAVEL_MILES = 100
KM_PER_MILE = 1.609344

CODE_OF_CONDUCT = (
    "I will keep the people I support safe, and tell the council at once if I think someone is at risk.",
    "I will charge fair, clear prices and never add costs a person did not agree to.",
    "I will keep accurate records of the support I give and keep them private.",
    "I will never pressure anyone into buying more support than they want.",
)


class BusinessProblems(ValueError):
    def __init__(self, problems: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))
        self.problems = problems


class CannotSetUp(PermissionError):
    """Only an account that asked to join as a provider, and has no business yet, sets one up."""


@dataclass
class BusinessDetails:
    trading_name: str
    legal_form: str
    worker_count: int | None
    base_postcode: str
    travel_miles: int | None
    travel_districts: str
    public_phone: str
    public_email: str
    agrees_to_code: bool


def is_micro_provider(business: ProviderBusiness) -> bool:
    return 1 <= business.worker_count <= MICRO_PROVIDER_MAX_WORKERS


def business_for(session: Session, user: User) -> ProviderBusiness | None:
    if not user.is_authenticated or user.role is not Role.PROVIDER or user.organization_id is None:
        return None
    return session.scalar(
        select(ProviderBusiness).where(ProviderBusiness.organization_id == user.organization_id)
    )


def business_of_organization(session: Session, organization: Organization) -> ProviderBusiness | None:
    return session.scalar(select(ProviderBusiness).where(ProviderBusiness.organization_id == organization.id))


def can_set_up(user: User) -> bool:
    return user.organization_id is None and user.pending_provider_request is not None


def details_problems(details: BusinessDetails) -> dict[str, str]:
    problems: dict[str, str] = {}
    if problem := organization_name_problem(details.trading_name or ""):
        problems["trading_name"] = problem.replace("your business or group", "your business")
    if details.legal_form not in {form.value for form in LegalForm}:
        problems["legal_form"] = "Select how your business is set up"
    if details.worker_count is None:
        problems["worker_count"] = "Enter how many people work in your business, like 2"
    elif details.worker_count < 1:
        problems["worker_count"] = "At least one person must work in your business"
    elif details.worker_count > 10_000:
        problems["worker_count"] = "Enter a number of people of 10,000 or fewer"
    postcode = normalise_postcode(details.base_postcode or "")
    if postcode is None:
        problems["base_postcode"] = "Enter a real postcode, like WN1 1AA"
    elif find_postcode(postcode) is None:
        problems["base_postcode"] = (
            f"We could not find the postcode {postcode}. Enter a postcode in Great Britain"
        )
    districts = (details.travel_districts or "").replace(",", " ").split()
    if details.travel_miles is None and not districts:
        problems["travel_miles"] = "Enter how many miles you travel, or list the postcode districts you cover"
    elif details.travel_miles is not None and not 1 <= details.travel_miles <= MAX_TRAVEL_MILES:
        problems["travel_miles"] = f"Enter a distance between 1 and {MAX_TRAVEL_MILES} miles"
    bad = [d for d in districts if postcode_district(d) is None or find_postcode(d) is None]
    if bad:
        problems["travel_districts"] = (
            f"We could not find the postcode district {bad[0][:10]}. Enter districts like WN1 WN2"
        )
    phone = "".join(c for c in (details.public_phone or "") if c.isdigit())
    if not details.public_phone.strip():
        problems["public_phone"] = "Enter a phone number people can call"
    elif not (10 <= len(phone) <= 13) or any(
        c not in "0123456789 +()-" for c in details.public_phone.strip()
    ):
        problems["public_phone"] = "Enter a phone number, like 01942 123456 or 07700 900982"
    if problem := email_problem(details.public_email or ""):
        problems["public_email"] = problem.replace("your email address", "an email address")
    if not details.agrees_to_code:
        problems["agrees_to_code"] = (
            "You must agree to the code of conduct to offer support through this site"
        )
    return problems


def set_up_business(session: Session, user: User, details: BusinessDetails) -> ProviderBusiness:
    """The account's request to join becomes its own business (not yet approved) with a draft listing:
    the account becomes the provider of that organisation and of no other."""
    if not can_set_up(user):
        raise CannotSetUp(user.email)
    problems = details_problems(details)
    if problems:
        raise BusinessProblems(problems)
    postcode = normalise_postcode(details.base_postcode)
    place = find_postcode(postcode)
    districts = " ".join(
        sorted({postcode_district(d) for d in details.travel_districts.replace(",", " ").split()})
    )
    name = details.trading_name.strip()
    organization = Organization(
        name=name, email=details.public_email.strip().lower(), worker_count=details.worker_count
    )
    business = ProviderBusiness(
        organization=organization,
        trading_name=name,
        legal_form=LegalForm(details.legal_form),
        worker_count=details.worker_count,
        base_postcode=postcode,
        travel_miles=details.travel_miles if not districts else None,
        travel_districts=districts or None,
        public_phone=details.public_phone.strip(),
        public_email=details.public_email.strip().lower(),
        code_of_conduct_agreed_at=utcnow(),
        status=ProviderStatus.SETTING_UP,
    )
    service = Service(
        organization=organization,
        name=name,
        summary="",
        kind=ListingKind.MICRO_PROVIDER,
        publication=Publication.DRAFT,
        home_visits=True,
        email=business.public_email,
    )
    service.service_areas.append(
        ServiceArea(
            name=f"Visits around {postcode}",
            base_postcode=postcode,
            latitude=place.latitude,
            longitude=place.longitude,
            radius_km=None if districts else details.travel_miles * KM_PER_MILE,
            postcode_districts=districts or None,
        )
    )
    service.phones.append(Phone(number=business.public_phone))
    user.role = Role.PROVIDER
    user.organization = organization
    session.add_all([business, service])
    session.commit()
    return business


def submit_for_checks(session: Session, business: ProviderBusiness) -> None:
    if business.status in (ProviderStatus.SETTING_UP, ProviderStatus.CHANGES_REQUESTED):
        business.status = ProviderStatus.AWAITING_CHECKS
        session.commit()


def waiting_for_checks(session: Session) -> list[ProviderBusiness]:
    query = select(ProviderBusiness).where(ProviderBusiness.status == ProviderStatus.AWAITING_CHECKS)
    return list(session.scalars(query.order_by(ProviderBusiness.created_at)))


def approve_business(session: Session, business: ProviderBusiness, officer: User | None) -> None:
    """The business is checked: its evidence accepted, its draft listings published, its claims confirmed
    (a claimed listing moves to the business's organisation), and its owners' requests approved."""
    _mark_approved(session, business, officer)
    session.commit()


def approve_provider(session: Session, email: str, organization: Organization) -> User:
    """`flask users approve-provider`: the checked account becomes the organisation's provider and, where
    the organisation runs a business here, that business is approved by the officers' page's own rule,
    all in one commit."""
    user = accounts.make_provider_of(session, email, organization)
    business = business_of_organization(session, organization)
    if business is not None:
        _mark_approved(session, business, None)
    session.commit()
    return user


def _mark_approved(session: Session, business: ProviderBusiness, officer: User | None) -> None:
    now = utcnow()
    business.status = ProviderStatus.APPROVED
    business.officer_reason = None
    business.approved_at = now
    for check in business.checks:
        check.status = CheckStatus.ACCEPTED
        check.reviewed_at = now
        check.reviewed_by_id = officer.id if officer else None
    # Claims first: a confirmed claim archives the draft made at set-up rather than publishing it.
    for claim in list(business.claims):
        if claim.status is ClaimStatus.AWAITING_CHECKS:
            claims.confirm(session, claim)
    for service in business.organization.services:
        service.publish_if_draft()
        service.assured_date = now.date()  # an officer has just checked it
    owners = session.scalars(select(User).where(User.organization_id == business.organization_id))
    for owner in owners:
        for request in owner.provider_requests:
            if request.status is ProviderRequestStatus.AWAITING_CHECKS:
                request.status = ProviderRequestStatus.APPROVED
                request.decided_at = now


def ask_for_changes(session: Session, business: ProviderBusiness, reason: str) -> None:
    reason = (reason or "").strip()
    if not reason:
        raise BusinessProblems({"reason": "Enter what the provider needs to change"})
    if len(reason) > 2000:
        raise BusinessProblems({"reason": "The reason must be 2,000 characters or fewer"})
    business.status = ProviderStatus.CHANGES_REQUESTED
    business.officer_reason = reason
    session.commit()
