"""Plain facts about a listing, worded for people: cost, distance, freshness, phone numbers, area covered."""

from collections.abc import Collection
from datetime import date
from decimal import Decimal

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.attributes import set_committed_value

from web.config import Config
from web.extensions import db
from web.models import (
    Contact,
    CostOption,
    Language,
    Location,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceAttribute,
    TaxonomyTerm,
)

LISTING_STALE_AFTER_DAYS = Config.LISTING_STALE_AFTER_DAYS
KM_PER_MILE = 1.609344

# What a price is for, found in the cost option's words, and how to say it after the amount.
_PRICE_UNITS = (
    ("hour", "an hour"),
    ("session", "a session"),
    ("visit", "a visit"),
    ("meal", "a meal"),
    ("day", "a day"),
    ("night", "a night"),
    ("week", "a week"),
    ("month", "a month"),
    ("year", "a year"),
    ("journey", "a journey"),
    ("trip", "a trip"),
)


# Every statement here is built once, at import: SQLAlchemy works out a statement's cache key on each
# execution unless the same statement object is used again, and for loader options (selectinload among
# them, whose statements are made afresh for each load) that costs more than running the queries. So
# the longer lists (categories, times, venues) are each read by a statement of our own and set on the
# listings, rather than by selectinload.
_IDS = bindparam("ids", expanding=True)
# Phones, prices and areas are one or two a listing, so they are joined onto the listing's own row.
_LISTING_ROWS = (
    select(Service)
    .where(Service.id.in_(_IDS), Service.is_public)
    .options(
        joinedload(Service.organization),
        joinedload(Service.phones),
        joinedload(Service.cost_options),
        joinedload(Service.service_areas),
    )
)
_SCHEDULES = select(Schedule).where(Schedule.service_id.in_(_IDS))
_CATEGORIES = (
    select(ServiceAttribute)
    .where(ServiceAttribute.service_id.in_(_IDS))
    .options(joinedload(ServiceAttribute.taxonomy_term).joinedload(TaxonomyTerm.taxonomy))
)
_VENUES = (
    select(ServiceAtLocation)
    .where(ServiceAtLocation.service_id.in_(_IDS))
    .options(
        joinedload(ServiceAtLocation.schedules),
        joinedload(ServiceAtLocation.location).joinedload(Location.addresses),
    )
)
_VENUES_WITH_ACCESSIBILITY = _VENUES.options(
    joinedload(ServiceAtLocation.location).joinedload(Location.accessibility)
)
_LANGUAGES = select(Language).where(Language.service_id.in_(_IDS))
_CONTACTS = select(Contact).where(Contact.service_id.in_(_IDS))
# (the listing's list it fills, the statement reading it)
_RESULT_LISTS = (("schedules", _SCHEDULES), ("attributes", _CATEGORIES), ("service_at_locations", _VENUES))
_LISTING_LISTS = (
    ("schedules", _SCHEDULES),
    ("attributes", _CATEGORIES),
    ("service_at_locations", _VENUES_WITH_ACCESSIBILITY),
    ("languages", _LANGUAGES),
    ("contacts", _CONTACTS),
)


def public_results(ids: Collection[str]) -> dict[str, Service]:
    """The published listings among `ids`, with all a result card, an /api/search result or an ORUK list
    entry reads, by id: the same four statements however many results, venues or times."""
    return _load(ids, _RESULT_LISTS)


def public_listings(ids: Collection[str]) -> dict[str, Service]:
    """The published listings among `ids`, with what their pages and full records add (languages,
    contacts, venue accessibility), by id."""
    return _load(ids, _LISTING_LISTS)


def published_listing(service_id: str) -> Service | None:
    return public_listings([service_id]).get(service_id)


def _load(ids: Collection[str], lists: tuple[tuple[str, Select], ...]) -> dict[str, Service]:
    if not ids:
        return {}
    session = db.session()
    found = {service.id: service for service in session.scalars(_LISTING_ROWS, {"ids": list(ids)}).unique()}
    if not found:
        return found
    public_ids = {"ids": list(found)}
    for attribute, statement in lists:
        by_service: dict[str, list] = {service_id: [] for service_id in found}
        for row in session.scalars(statement, public_ids).unique():
            by_service[row.service_id].append(row)
        for service_id, rows in by_service.items():
            set_committed_value(found[service_id], attribute, rows)
    return found


def money_text(amount: Decimal) -> str:
    """£18, £18.50."""
    return f"£{amount:,.0f}" if amount == amount.to_integral_value() else f"£{amount:,.2f}"


def decimal_pounds(pence: int, grouped: bool = False) -> str:
    """Whole pence as pounds with two decimals and no symbol, never through floats: 1850 -> "18.50",
    -5 -> "-0.05"; grouped puts commas in thousands ("1,234.50")."""
    sign = "-" if pence < 0 else ""
    whole, part = divmod(abs(pence), 100)
    return f"{sign}{whole:,}.{part:02d}" if grouped else f"{sign}{whole}.{part:02d}"


def pence_text(pence: int) -> str:
    """Marketplace amounts are whole pence: 1850 -> £18.50."""
    return money_text(Decimal(pence) / 100)


def price_unit(option: CostOption) -> str | None:
    words = f"{option.option or ''} {option.amount_description or ''}".lower()
    return next((unit for key, unit in _PRICE_UNITS if key in words), None)


def cost_text(service: Service) -> str:
    """ "Free", "£18 an hour", "From £16 an hour", or the listing's own words about fees."""
    if service.is_free:
        return "Free"
    priced = sorted(
        (option for option in service.cost_options if option.amount is not None), key=lambda o: o.amount
    )
    if not priced:
        return service.fees or "Ask about the cost"
    cheapest = priced[0]
    unit = price_unit(cheapest)
    text = money_text(cheapest.amount) + (f" {unit}" if unit else "")  # type: ignore[arg-type]
    if unit is None and cheapest.option:
        text += f" ({cheapest.option.lower()})"
    return f"From {text}" if len({o.amount for o in priced}) > 1 else text


def is_stale(service: Service, today: date, after_days: int = LISTING_STALE_AFTER_DAYS) -> bool:
    """Nobody has confirmed the listing is still true for more than `after_days` days (or ever)."""
    if service.assured_date is None:
        return True
    return (today - service.assured_date).days > after_days


def phone_numbers(service: Service) -> list[str]:
    """The listing's phone numbers, each once, in the order given."""
    seen: list[str] = []
    for phone in service.phones:
        number = " ".join(phone.number.split())
        if number and number not in seen:
            seen.append(number)
    return seen


def coverage_text(service: Service) -> str | None:
    """Where a home-visiting service goes: "Visits homes within 5 miles of WN3 4AB"."""
    parts = []
    for area in service.service_areas:
        if area.radius_km is not None and (area.base_postcode or area.name):
            parts.append(f"within {distance_text(area.radius_km)} of {area.base_postcode or area.name}")
        districts = sorted(area.districts)
        if districts:
            listed = (
                districts[0] if len(districts) == 1 else f"{', '.join(districts[:-1])} and {districts[-1]}"
            )
            parts.append(f"in postcode areas {listed}")
    if not parts:
        return None
    return "Visits homes " + "; or ".join(parts)


def miles_to_km(miles: float) -> float:
    return miles * KM_PER_MILE


def km_to_miles(km: float) -> float:
    return km / KM_PER_MILE


def distance_text(km: float | None) -> str:
    """People in the UK judge walking and driving distances in miles: "1.2 miles"."""
    if km is None:
        return ""
    miles = km_to_miles(km)
    if miles < 0.1:
        return "less than 0.1 miles"
    rounded = round(miles, 1) if miles < 10 else round(miles)
    return "1 mile" if rounded == 1 else f"{rounded:g} miles"
