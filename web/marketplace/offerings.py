"""What a provider sells: adding, changing and withdrawing offerings on the provider's own listings.

Plain functions over the session; views and tests call them. Input arrives as text (as typed in a form)
and is checked here, so every caller refuses the same things with the same words.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from web.extensions import db
from web.models import CATEGORY_TAXONOMY, Offering, Service, Taxonomy, TaxonomyTerm, User
from web.models.marketplace import PriceUnit
from web.services.listings import pence_text
from web.services.ownership import can_edit_service

MAX_PENCE_AN_HOUR = 100_000  # £1,000
MAX_MINUTES = 24 * 60


class OfferingNotFound(Exception):
    """No such offering, or not one this account may change: the same answer either way."""


@dataclass
class OfferingInput:
    service_id: str = ""
    name: str = ""
    description: str = ""
    category: str = ""
    who_it_is_for: str = ""
    is_personal_care: str = ""
    price: str = ""
    price_unit: str = ""
    minimum_minutes: str = ""
    dp_payable: str = ""
    free_cancellation_hours: str = ""
    late_fee_percent: str = ""


@dataclass
class Checked:
    values: dict = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def current_offerings_by_listing(service_ids: Iterable[str]) -> dict[str, list[Offering]]:
    """The offerings still sold on each of these listings, in one statement however many there are."""
    ids = set(service_ids)
    if not ids:
        return {}
    query = (
        db.select(Offering)
        .where(Offering.service_id.in_(ids), Offering.is_active)
        .order_by(Offering.name, Offering.id)
    )
    found: dict[str, list[Offering]] = {}
    for offering in db.session.scalars(query):
        found.setdefault(offering.service_id, []).append(offering)
    return found


def own_services(user: User) -> list[Service]:
    if user.organization_id is None:
        return []
    query = db.select(Service).filter_by(organization_id=user.organization_id).order_by(Service.name)
    return list(db.session.scalars(query))


def own_offerings(user: User) -> list[Offering]:
    if user.organization_id is None:
        return []
    query = (
        db.select(Offering)
        .join(Service)
        .filter(Service.organization_id == user.organization_id)
        .order_by(Offering.is_active.desc(), Offering.name)
    )
    return list(db.session.scalars(query))


def own_offering(user: User, offering_id: str) -> Offering:
    """The offering if it is on one of this provider's listings; otherwise OfferingNotFound."""
    offering = db.session.get(Offering, offering_id)
    if offering is None or not can_edit_service(user, offering.service) or user.is_staff:
        raise OfferingNotFound(offering_id)
    return offering


def category_choices() -> list[tuple[str, str]]:
    query = (
        db.select(TaxonomyTerm)
        .join(Taxonomy)
        .filter(Taxonomy.name == CATEGORY_TAXONOMY)
        .order_by(TaxonomyTerm.name)
    )
    return [(term.id, term.name) for term in db.session.scalars(query)]


def parse_pounds(text: str) -> int | None:
    """'18.50', '£18.5' or '18' as pence; None when it is not an amount of money."""
    cleaned = text.strip().replace("£", "").replace(",", "")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        return None
    if not amount.is_finite() or amount != amount.quantize(Decimal("0.01")):
        return None
    return int(amount * 100)


def _whole_number(text: str) -> int | None:
    cleaned = text.strip()
    return int(cleaned) if cleaned.isdigit() else None


def _yes_no(text: str) -> bool | None:
    return {"yes": True, "no": False}.get(text.strip().lower())


def check_offering(user: User, data: OfferingInput) -> Checked:
    """Every field's value, or a message for it. Nothing is written."""
    out = Checked()
    services = {service.id: service for service in own_services(user)}
    if data.service_id not in services:
        out.errors["service_id"] = "Select which of your listings this is on"
    else:
        out.values["service_id"] = data.service_id

    name = data.name.strip()
    if not name:
        out.errors["name"] = "Enter what you call this, like “Help at home”"
    elif len(name) > 120:
        out.errors["name"] = "Name must be 120 characters or fewer"
    out.values["name"] = name
    description = data.description.strip()
    if len(description) > 2000:
        out.errors["description"] = "Description must be 2,000 characters or fewer"
    out.values["description"] = description

    categories = dict(category_choices())
    if data.category not in categories:
        out.errors["category"] = "Select a category"
    else:
        out.values["category_term_id"] = data.category

    who = data.who_it_is_for.strip()
    if len(who) > 255:
        out.errors["who_it_is_for"] = "Who it is for must be 255 characters or fewer"
    out.values["who_it_is_for"] = who

    personal_care = _yes_no(data.is_personal_care)
    if personal_care is None:
        out.errors["is_personal_care"] = "Select yes if this includes personal care"
    out.values["is_personal_care"] = personal_care

    unit = {u.value: u for u in PriceUnit}.get(data.price_unit)
    if unit is None:
        out.errors["price_unit"] = "Select whether the price is per hour, per visit or per session"
    out.values["price_unit"] = unit

    pence = parse_pounds(data.price) if data.price.strip() else None
    if not data.price.strip():
        out.errors["price"] = "Enter a price, like 18.50"
    elif pence is None:
        out.errors["price"] = "Enter the price in pounds and pence, like 18.50"
    elif pence <= 0:
        out.errors["price"] = "Price must be more than £0"
    elif pence > MAX_PENCE_AN_HOUR * (1 if unit in (None, PriceUnit.HOUR) else 24):
        out.errors["price"] = "Price must be £1,000 an hour or less"
    out.values["price_pence"] = pence

    minutes = _whole_number(data.minimum_minutes)
    if not data.minimum_minutes.strip():
        out.errors["minimum_minutes"] = "Enter the shortest booking in minutes, like 60"
    elif minutes is None or minutes < 1 or minutes > MAX_MINUTES:
        out.errors["minimum_minutes"] = "Shortest booking must be a whole number of minutes from 1 to 1440"
    out.values["minimum_minutes"] = minutes

    dp = _yes_no(data.dp_payable)
    if dp is None:
        out.errors["dp_payable"] = "Select yes if a direct payment can pay for this"
    out.values["dp_payable"] = dp

    hours = _whole_number(data.free_cancellation_hours)
    if not data.free_cancellation_hours.strip():
        out.errors["free_cancellation_hours"] = "Enter how many hours before a visit people can cancel free"
    elif hours is None or hours > 24 * 14:
        out.errors["free_cancellation_hours"] = "Hours must be a whole number from 0 to 336"
    out.values["free_cancellation_hours"] = hours

    percent = _whole_number(data.late_fee_percent)
    if not data.late_fee_percent.strip():
        out.errors["late_fee_percent"] = "Enter the late cancellation fee as a percentage, like 50"
    elif percent is None or percent > 100:
        out.errors["late_fee_percent"] = "Late cancellation fee must be a whole number from 0 to 100"
    out.values["late_fee_percent"] = percent
    return out


def add_offering(user: User, data: OfferingInput) -> tuple[Offering | None, dict[str, str]]:
    checked = check_offering(user, data)
    if checked.errors:
        return None, checked.errors
    offering = Offering(**checked.values)
    db.session.add(offering)
    db.session.commit()
    return offering, {}


def change_offering(user: User, offering_id: str, data: OfferingInput) -> dict[str, str]:
    offering = own_offering(user, offering_id)
    checked = check_offering(user, data)
    if checked.errors:
        return checked.errors
    for name, value in checked.values.items():
        setattr(offering, name, value)
    db.session.commit()
    return {}


def withdraw_offering(user: User, offering_id: str) -> Offering:
    """No longer offered: hidden from the listing and from booking; past bookings keep it."""
    offering = own_offering(user, offering_id)
    offering.is_active = False
    db.session.commit()
    return offering


def input_from(offering: Offering) -> OfferingInput:
    return OfferingInput(
        service_id=offering.service_id,
        name=offering.name,
        description=offering.description,
        category=offering.category_term_id or "",
        who_it_is_for=offering.who_it_is_for,
        is_personal_care="yes" if offering.is_personal_care else "no",
        price=pounds_text(offering.price_pence),
        price_unit=offering.price_unit.value,
        minimum_minutes=str(offering.minimum_minutes),
        dp_payable="yes" if offering.dp_payable else "no",
        free_cancellation_hours=str(offering.free_cancellation_hours),
        late_fee_percent=str(offering.late_fee_percent),
    )


# How offerings read to the public.


def pounds_text(pence: int) -> str:
    return f"{pence // 100}" if pence % 100 == 0 else f"{pence // 100}.{pence % 100:02d}"


def price_words(offering: Offering) -> str:
    unit = {PriceUnit.HOUR: "an hour", PriceUnit.VISIT: "a visit", PriceUnit.SESSION: "a session"}
    return f"{pence_text(offering.price_pence)} {unit[offering.price_unit]}"


def length_words(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append("1 hour" if hours == 1 else f"{hours} hours")
    if rest:
        parts.append(f"{rest} minutes")
    return " ".join(parts)


def cancellation_words(offering: Offering) -> str:
    hours = offering.free_cancellation_hours
    if offering.late_fee_percent == 0:
        return "You can cancel free at any time."
    when = "up to the start" if hours == 0 else f"up to {hours} hours before"
    if offering.late_fee_percent == 100:
        fee = "you pay the full price"
    else:
        fee = f"you pay {offering.late_fee_percent}% of the price"
    return f"You can cancel free {when}. After that, {fee}."
