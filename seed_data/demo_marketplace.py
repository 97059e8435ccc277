"""The demo region's marketplace: bookable micro-providers and the demo-only sign-in accounts.

`flask demo load` calls load_demo_marketplace after the listings are imported. It is deterministic (a seeded
random generator over the listings in name order, ids from uuid5) and idempotent: an organisation that
already has a business, or an email that already has an account, is left as it is. Dates of checks are
set relative to the day of loading, so "insured until" stays in the future for the demo's life, except the
few set to run out within a month and the one that has already run out.
"""

import random
import uuid
from dataclasses import dataclass
from datetime import date, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from web.models import (
    CheckKind,
    CheckStatus,
    DbsLevel,
    LegalForm,
    ListingKind,
    Offering,
    PriceUnit,
    ProviderBusiness,
    ProviderCheck,
    ProviderStatus,
    Role,
    Service,
    User,
    WeeklyHours,
)
from web.models.base import utcnow
from web.services.passwords import hash_password

SEED = 8
BOOKABLE_COUNT = 30
EXPIRING_SOON = 4  # insurance running out within a month, still bookable
NAMESPACE = uuid.UUID("6f1d8f52-3a43-4c55-9b0e-0c0de0000008")

# (name, what it is, price in pence, unit, minimum minutes, personal care)
OFFERINGS_BY_CATEGORY: dict[str, list[tuple[str, str, int, PriceUnit, int, bool]]] = {
    "personal_care": [
        (
            "Help to wash and dress",
            "Help in the morning to wash, dress and get ready.",
            2400,
            PriceUnit.HOUR,
            60,
            True,
        ),
        (
            "Evening visit",
            "Help to get ready for bed, and a check all is well.",
            1800,
            PriceUnit.VISIT,
            30,
            True,
        ),
    ],
    "cleaning": [
        (
            "Cleaning at home",
            "Hoovering, dusting, the kitchen and the bathroom.",
            1700,
            PriceUnit.HOUR,
            120,
            False,
        ),
        (
            "Laundry and ironing",
            "Washing, drying and ironing, done in your home.",
            1600,
            PriceUnit.HOUR,
            60,
            False,
        ),
    ],
    "gardening": [
        ("Garden tidy", "Mowing, weeding and cutting back.", 2000, PriceUnit.HOUR, 120, False),
    ],
    "shopping_cooking": [
        (
            "Shopping trip",
            "We go shopping with you, or for you, and put it away.",
            1800,
            PriceUnit.HOUR,
            60,
            False,
        ),
        ("Cooking at home", "We cook a meal with you, with some to freeze.", 2000, PriceUnit.HOUR, 60, False),
    ],
    "meals": [
        (
            "Meal visit",
            "A hot meal cooked in your kitchen, and a chat while you eat.",
            1500,
            PriceUnit.VISIT,
            45,
            False,
        ),
    ],
    "carers_breaks": [
        (
            "Sitting service",
            "We sit with the person you look after while you have a break.",
            2200,
            PriceUnit.HOUR,
            180,
            False,
        ),
    ],
    "dementia": [
        (
            "Dementia companion",
            "Time together doing the things that matter to the person.",
            2300,
            PriceUnit.HOUR,
            120,
            False,
        ),
    ],
    "out_and_about": [
        (
            "Out and about",
            "Company on trips out: the shops, the park, the doctor's.",
            1900,
            PriceUnit.HOUR,
            120,
            False,
        ),
    ],
    "activity_buddy": [
        ("Activity buddy", "Company for a hobby, a class or a walk.", 1800, PriceUnit.HOUR, 60, False),
    ],
    "transport": [
        (
            "Lift to appointments",
            "A lift there and back, with help in and out.",
            2500,
            PriceUnit.VISIT,
            60,
            False,
        ),
    ],
    "digital": [
        (
            "Help with phones and tablets",
            "Help to set up and use a phone, tablet or computer.",
            2000,
            PriceUnit.SESSION,
            60,
            False,
        ),
    ],
}
DEFAULT_OFFERINGS = [
    ("Companionship visit", "A friendly visit for a cuppa and a chat.", 1800, PriceUnit.HOUR, 60, False),
    ("Help at home", "Odd jobs, tidying and a hand with what you need.", 2000, PriceUnit.HOUR, 60, False),
    ("Short check-in visit", "A short visit to see all is well.", 1500, PriceUnit.VISIT, 30, False),
]
INSURERS = ("Hedgerow Mutual", "Pennine Cover", "Northgate Insurance", "Lakeside Underwriters")
LEGAL_FORMS = (
    LegalForm.SOLE_TRADER,
    LegalForm.SOLE_TRADER,
    LegalForm.PARTNERSHIP,
    LegalForm.LIMITED_COMPANY,
    LegalForm.CIC,
)
WEEK_PATTERNS = (
    (
        (0, "09:00", "17:00"),
        (1, "09:00", "17:00"),
        (2, "09:00", "17:00"),
        (3, "09:00", "17:00"),
        (4, "09:00", "15:00"),
    ),
    ((0, "08:00", "12:00"), (2, "08:00", "12:00"), (4, "08:00", "12:00"), (5, "10:00", "14:00")),
    ((1, "10:00", "18:00"), (3, "10:00", "18:00"), (5, "09:00", "13:00"), (6, "10:00", "13:00")),
    (
        (0, "07:30", "10:30"),
        (1, "07:30", "10:30"),
        (2, "07:30", "10:30"),
        (3, "07:30", "10:30"),
        (4, "07:30", "10:30"),
        (0, "18:00", "21:00"),
        (2, "18:00", "21:00"),
    ),
)


@dataclass(frozen=True)
class DemoAccount:
    email: str
    password: str
    role: Role
    display_name: str
    who: str


# For the demo only: these accounts exist only after `flask demo load`, never in production data.
DEMO_ACCOUNTS = (
    DemoAccount(
        "demo.person@example.org",
        "demo-person-only",
        Role.PERSON,
        "Alex (demo)",
        "a person with a direct payment",
    ),
    DemoAccount("demo.carer@example.org", "demo-carer-only", Role.CARER, "Jo (demo)", "a carer"),
    DemoAccount("demo.provider@example.org", "demo-provider-only", Role.PROVIDER, "Sam (demo)", "a provider"),
    DemoAccount(
        "demo.officer@example.org", "demo-officer-only", Role.OFFICER, "Robin (demo)", "a council officer"
    ),
)


def demo_candidates(session: Session) -> list[Service]:
    """The demo's micro-providers in name order, one listing per organisation."""
    services = session.scalars(
        select(Service).where(Service.kind == ListingKind.MICRO_PROVIDER).order_by(Service.name, Service.id)
    )
    seen: set[str] = set()
    chosen = []
    for service in services:
        if service.is_public and service.organization_id not in seen:
            seen.add(service.organization_id)
            chosen.append(service)
    return chosen


def _offerings_for(service: Service, rng: random.Random) -> list[tuple[str, str, int, PriceUnit, int, bool]]:
    codes = [a.taxonomy_term.code for a in service.attributes if a.taxonomy_term is not None]
    menu = [item for code in codes for item in OFFERINGS_BY_CATEGORY.get(code, [])] or list(DEFAULT_OFFERINGS)
    count = min(len(menu), rng.randint(1, 3))
    return [
        (name, what, price + rng.choice((-100, 0, 0, 100, 200)), unit, minutes, care)
        for name, what, price, unit, minutes, care in menu[:count]
    ]


def _business_for(service: Service, index: int, rng: random.Random, today: date) -> ProviderBusiness:
    area = service.service_areas[0] if service.service_areas else None
    postcode = (area.base_postcode if area and area.base_postcode else None) or "WN1 1AA"
    phone = service.phones[0].number if service.phones else "01942 000 000"
    business = ProviderBusiness(
        organization_id=service.organization_id,
        trading_name=service.organization.name,
        legal_form=LEGAL_FORMS[index % len(LEGAL_FORMS)],
        worker_count=min(service.organization.worker_count or rng.randint(1, 4), 8),
        base_postcode=postcode,
        travel_miles=rng.choice((3, 5, 5, 8, 10)) if not (area and area.postcode_districts) else None,
        travel_districts=area.postcode_districts if area else None,
        public_phone=phone,
        public_email=service.email or service.organization.email or "hello@example.org",
        code_of_conduct_agreed_at=utcnow(),
        status=ProviderStatus.APPROVED,
        approved_at=utcnow(),
        minimum_notice_hours=rng.choice((12, 24, 24, 48)),
        max_bookings_per_day=rng.choice((3, 4, 5, 6)),
        travel_minutes=rng.choice((10, 15, 15, 20)),
    )
    if index == BOOKABLE_COUNT - 1:
        insured_until = today - timedelta(days=3)  # the one that has run out: not bookable
    elif index % (BOOKABLE_COUNT // EXPIRING_SOON) == 1:
        insured_until = today + timedelta(days=rng.randint(5, 28))
    else:
        insured_until = today + timedelta(days=rng.randint(120, 360))
    business.checks = [
        ProviderCheck(
            kind=CheckKind.DBS,
            status=CheckStatus.ACCEPTED,
            reviewed_at=utcnow(),
            dbs_level=rng.choice((DbsLevel.ENHANCED, DbsLevel.ENHANCED_BARRED)),
            reference=f"{rng.randrange(10**11, 10**12)}",
            issued_on=today - timedelta(days=rng.randint(30, 700)),
            on_update_service=rng.random() < 0.7,
        ),
        ProviderCheck(
            kind=CheckKind.INSURANCE,
            status=CheckStatus.ACCEPTED,
            reviewed_at=utcnow(),
            insurer=rng.choice(INSURERS),
            reference=f"PL-{rng.randrange(100000, 999999)}",
            cover_pence=rng.choice((200_000_000, 500_000_000)),
            issued_on=insured_until - timedelta(days=365),
            expires_on=insured_until,
        ),
    ]
    business.weekly_hours = [
        WeeklyHours(weekday=day, starts=time.fromisoformat(starts), ends=time.fromisoformat(ends))
        for day, starts, ends in WEEK_PATTERNS[index % len(WEEK_PATTERNS)]
    ]
    return business


def _personal_care_check(index: int, rng: random.Random) -> ProviderCheck:
    if index % 2:
        return ProviderCheck(
            kind=CheckKind.CQC_EXEMPTION,
            status=CheckStatus.ACCEPTED,
            reviewed_at=utcnow(),
            reason="A sole trader employed directly by each person, so not a regulated service.",
        )
    return ProviderCheck(
        kind=CheckKind.CQC,
        status=CheckStatus.ACCEPTED,
        reviewed_at=utcnow(),
        reference=f"1-{rng.randrange(10**9, 10**10)}",
    )


def load_demo_marketplace(session: Session, today: date | None = None) -> tuple[int, int]:
    """Make the first demo micro-providers bookable and add the demo accounts. Returns (businesses added,
    accounts added); a second load adds nothing."""
    today = today or date.today()
    rng = random.Random(SEED)
    added_businesses = 0
    candidates = demo_candidates(session)[:BOOKABLE_COUNT]
    for index, service in enumerate(candidates):
        # Draw every listing's numbers, even for ones already loaded, so the rest stay the same.
        business = _business_for(service, index, rng, today)
        offerings = _offerings_for(service, rng)
        care_check = _personal_care_check(index, rng)
        if session.scalar(select(ProviderBusiness.id).filter_by(organization_id=service.organization_id)):
            continue
        if any(care for *_, care in offerings):
            business.checks.append(care_check)
        session.add(business)
        for position, (name, what, price, unit, minutes, care) in enumerate(offerings):
            session.add(
                Offering(
                    id=str(uuid.uuid5(NAMESPACE, f"{service.id}/{position}")),
                    service_id=service.id,
                    name=name,
                    description=what,
                    who_it_is_for="Adults and older people living at home",
                    is_personal_care=care,
                    price_pence=price,
                    price_unit=unit,
                    minimum_minutes=minutes,
                    dp_payable=True,
                    free_cancellation_hours=(24, 48)[position % 2],
                    late_fee_percent=(50, 100)[index % 2],
                )
            )
        added_businesses += 1
    provider_org = candidates[0].organization_id if candidates else None
    added_accounts = 0
    for account in DEMO_ACCOUNTS:
        if session.scalar(select(User.id).filter_by(email=account.email)):
            continue
        session.add(
            User(
                email=account.email,
                display_name=account.display_name,
                password_hash=hash_password(account.password),
                role=account.role,
                organization_id=provider_org if account.role is Role.PROVIDER else None,
            )
        )
        added_accounts += 1
    session.commit()
    return added_businesses, added_accounts


def demo_accounts_text() -> str:
    lines = ["Demo accounts (for the demo only; they exist only in the demo data):"]
    for account in DEMO_ACCOUNTS:
        lines.append(f"  {account.who}: {account.email}  password: {account.password}")
    return "\n".join(lines)
