"""Factory functions for test data: sensible defaults, override what the test is about."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from web.extensions import db
from web.models import (
    AUDIENCE_TAXONOMY,
    CATEGORY_TAXONOMY,
    Accessibility,
    AccessibilityFeature,
    Address,
    CostOption,
    ListingKind,
    Location,
    Organization,
    Phone,
    Publication,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceAttribute,
    Taxonomy,
    TaxonomyTerm,
    User,
)
from web.models.accounts import Role
from web.models.base import utcnow
from web.models.marketplace import (
    Booking,
    CheckKind,
    CheckStatus,
    DbsLevel,
    LegalForm,
    Offering,
    PriceUnit,
    ProviderBusiness,
    ProviderCheck,
    ProviderStatus,
    WeeklyHours,
)
from web.models.payments import SavedCard
from web.services.passwords import hash_password


def make_term(code: str, name: str | None = None, taxonomy_name: str = CATEGORY_TAXONOMY) -> TaxonomyTerm:
    taxonomy = db.session.scalar(db.select(Taxonomy).filter_by(name=taxonomy_name))
    if taxonomy is None:
        taxonomy = Taxonomy(name=taxonomy_name, description=taxonomy_name)
        db.session.add(taxonomy)
    term = db.session.scalar(db.select(TaxonomyTerm).filter_by(code=code, taxonomy=taxonomy))
    if term is None:
        term = TaxonomyTerm(taxonomy=taxonomy, code=code, name=name or code.replace("_", " ").capitalize())
        db.session.add(term)
    return term


def make_service(
    name: str = "Wigan Carers Cafe",
    *,
    kind: ListingKind = ListingKind.PEER_SUPPORT,
    description: str = "A friendly group for people who look after someone.",
    categories: tuple[str, ...] = ("peer_support",),
    audiences: tuple[str, ...] = (),
    postcode: str | None = "WN1 1AA",
    latitude: float | None = 53.5449,
    longitude: float | None = -2.6313,
    accessibility: tuple[AccessibilityFeature, ...] = (),
    schedules: tuple[Schedule, ...] = (),
    visiting_radius_km: float | None = None,
    visiting_districts: str | None = None,
    online: bool = False,
    by_phone: bool = False,
    is_free: bool = True,
    dp_payable: bool = False,
    price: Decimal | None = None,
    phone: str = "01942 000000",
    assured_date: date | None = None,
    publication: Publication = Publication.PUBLISHED,
    commit: bool = True,
    **fields,
) -> Service:
    organization = Organization(name=f"{name} Ltd", description=f"Runs {name}.")
    service = Service(
        organization=organization,
        name=name,
        summary=description.split(".")[0] + ".",
        description=description,
        kind=kind,
        is_free=is_free,
        dp_payable=dp_payable,
        online=online,
        by_phone=by_phone,
        assured_date=assured_date or date.today(),
        publication=publication,
        **fields,
    )
    home_visits = visiting_radius_km is not None or visiting_districts is not None
    service.home_visits = home_visits
    if home_visits:
        service.service_areas.append(
            ServiceArea(
                name=f"Visits around {postcode}",
                base_postcode=postcode,
                latitude=latitude,
                longitude=longitude,
                radius_km=visiting_radius_km,
                postcode_districts=visiting_districts,
            )
        )
    elif postcode is not None:
        service.at_venue = True
        location = Location(name=f"{name} venue", latitude=latitude, longitude=longitude)
        location.addresses.append(Address(address_1="1 Market Street", city="Wigan", postal_code=postcode))
        for feature in accessibility:
            location.accessibility.append(Accessibility(feature=feature))
        service.service_at_locations.append(ServiceAtLocation(location=location))
    for code in categories:
        service.attributes.append(ServiceAttribute(taxonomy_term=make_term(code)))
    for code in audiences:
        audience = make_term(code, taxonomy_name=AUDIENCE_TAXONOMY)
        service.attributes.append(ServiceAttribute(taxonomy_term=audience))
    for schedule in schedules:
        service.schedules.append(schedule)
    if price is not None:
        service.cost_options.append(CostOption(option="Per hour", amount=price))
    service.phones.append(Phone(number=phone))
    db.session.add(service)
    if commit:
        db.session.commit()
    return service


def weekly(byday: str, opens: str = "10:00", closes: str = "12:00") -> Schedule:
    return Schedule(
        freq="WEEKLY", byday=byday, opens_at=time.fromisoformat(opens), closes_at=time.fromisoformat(closes)
    )


def make_user(
    email: str = "sam@example.org", password: str = "correct horse battery", role: Role = Role.PERSON
) -> User:
    user = User(email=email, display_name="Sam", password_hash=hash_password(password), role=role)
    db.session.add(user)
    db.session.commit()
    return user


def make_bookable_provider(
    name: str = "Wigan Home Helpers",
    *,
    owner_email: str = "provider@example.org",
    password: str = "correct horse battery",
    postcode: str = "WN1 1AA",
    visiting_radius_km: float = 8.0,
    weekly_hours: tuple[tuple[int, str, str], ...] = tuple((day, "09:00", "17:00") for day in range(7)),
    price_pence: int = 2000,
    price_unit: PriceUnit = PriceUnit.HOUR,
    minimum_minutes: int = 60,
    is_personal_care: bool = False,
    check_expiry: date | None = None,
    minimum_notice_hours: int = 24,
    travel_minutes: int = 15,
    max_bookings_per_day: int = 4,
) -> tuple[ProviderBusiness, Offering, User]:
    """An approved micro-provider with current checks, one offering, weekly hours and its owner's
    account: bookable today. Returns (business, offering, owner)."""
    service = make_service(
        name,
        kind=ListingKind.MICRO_PROVIDER,
        description="Help at home with shopping, cleaning and company.",
        categories=("home_help",),
        postcode=postcode,
        visiting_radius_km=visiting_radius_km,
        is_free=False,
        dp_payable=True,
        commit=False,
    )
    business = ProviderBusiness(
        organization=service.organization,
        trading_name=name,
        legal_form=LegalForm.SOLE_TRADER,
        worker_count=2,
        base_postcode=postcode,
        travel_miles=5,
        public_phone="01942 000000",
        public_email=owner_email,
        code_of_conduct_agreed_at=utcnow(),
        status=ProviderStatus.APPROVED,
        approved_at=utcnow(),
        minimum_notice_hours=minimum_notice_hours,
        travel_minutes=travel_minutes,
        max_bookings_per_day=max_bookings_per_day,
    )
    expiry = check_expiry or date.today() + timedelta(days=365)
    business.checks += [
        ProviderCheck(
            kind=CheckKind.DBS,
            status=CheckStatus.ACCEPTED,
            dbs_level=DbsLevel.ENHANCED,
            reference="001234567890",
            issued_on=date.today() - timedelta(days=100),
            on_update_service=True,
        ),
        ProviderCheck(
            kind=CheckKind.INSURANCE,
            status=CheckStatus.ACCEPTED,
            insurer="Example Mutual",
            reference="PL-123",
            cover_pence=500_000_000,
            expires_on=expiry,
        ),
    ]
    if is_personal_care:
        business.checks.append(
            ProviderCheck(kind=CheckKind.CQC, status=CheckStatus.ACCEPTED, reference="1-123456789")
        )
    business.weekly_hours += [
        WeeklyHours(weekday=day, starts=time.fromisoformat(starts), ends=time.fromisoformat(ends))
        for day, starts, ends in weekly_hours
    ]
    offering = Offering(
        service=service,
        name="Help at home",
        description="Shopping, cleaning and a chat.",
        price_pence=price_pence,
        price_unit=price_unit,
        minimum_minutes=minimum_minutes,
        is_personal_care=is_personal_care,
        free_cancellation_hours=24,
        late_fee_percent=50,
    )
    owner = User(
        email=owner_email,
        display_name="Pat",
        password_hash=hash_password(password),
        role=Role.PROVIDER,
        organization=service.organization,
    )
    db.session.add_all([business, offering, owner])
    db.session.commit()
    return business, offering, owner


def make_booking(
    business: ProviderBusiness,
    offering: Offering,
    booker: User,
    *,
    now: datetime | None = None,
    starts_in: timedelta = timedelta(days=3),
    requested_at: datetime | None = None,
    **fields,
) -> Booking:
    """A one-hour booking at £20 written directly (the booking pages have their own tests), starting
    `starts_in` after `now`; any column can be given."""
    now = now or utcnow().replace(microsecond=0)
    starts = now + starts_in
    values = dict(
        starts_at=starts,
        minutes=60,
        blocked_from=starts - timedelta(minutes=15),
        blocked_until=starts + timedelta(minutes=75),
        price_pence=2000,
        total_pence=2000,
        free_cancellation_hours=24,
        late_fee_percent=50,
        visit_address="1 Example Road, Wigan WN1 1AA",
        requested_at=requested_at or now,
    )
    values.update(fields)
    booking = Booking(business=business, offering=offering, booker=booker, **values)
    db.session.add(booking)
    db.session.commit()
    return booking


def make_saved_card(user: User, payment_method_id: str = "pm_card_visa") -> SavedCard:
    """A saved card as if the person had finished the card page (for tests that do not charge it)."""
    card = SavedCard(
        user_id=user.id,
        stripe_customer_id=f"cus_test_{user.id}",
        stripe_payment_method_id=payment_method_id,
        brand="visa",
        last4="4242",
        exp_month=12,
        exp_year=2034,
        saved_at=utcnow(),
    )
    db.session.add(card)
    db.session.commit()
    return card
