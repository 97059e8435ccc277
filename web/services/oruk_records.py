"""Read one ORUK 3.0 record's parts into plain values, checking every field on the way.

Each reader raises RecordProblem naming the field (``service_at_locations[0].location.latitude must
be ...``), so an import can skip a bad record whole and say why. Nothing here touches the database.
"""

import json
import uuid
from datetime import date, time
from decimal import Decimal, InvalidOperation
from typing import Any

from web.models import (
    Accessibility,
    AccessibilityFeature,
    Address,
    AttendingType,
    Contact,
    CostOption,
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    ServiceArea,
)
from web.services.schedules import ScheduleError, parse_byday, parse_bymonthday


class RecordProblem(ValueError):
    """Why a record cannot be imported, naming the field."""


def parse_organization(raw: Any) -> dict:
    if not isinstance(raw, dict):
        raise RecordProblem("organization is missing")
    where = "organization"
    return {
        "id": read_uuid(raw, "id", where),
        "name": read_text(raw, "name", Organization, where, required=True),
        "description": read_text(raw, "description", Organization, where) or "",
        "email": read_text(raw, "email", Organization, where),
        "website": read_text(raw, "website", Organization, where),
        "worker_count": read_integer(raw, "worker_count", where, 1, 100_000),
    }


def parse_service_at_location(raw: dict, where: str) -> dict:
    location = raw.get("location")
    if not isinstance(location, dict):
        raise RecordProblem(f"{where}.location is missing")
    lwhere = f"{where}.location"
    addresses = [
        _parse_address(a, f"{lwhere}.addresses[{i}]")
        for i, a in enumerate(read_list(location, "addresses", lwhere))
    ]
    latitude = read_number(location, "latitude", lwhere, -90, 90)
    longitude = read_number(location, "longitude", lwhere, -180, 180)
    location_type = location.get("location_type", "physical")
    if location_type not in ("physical", "postal", "virtual"):
        raise RecordProblem(f"{lwhere}.location_type must be physical, postal or virtual")
    if (latitude is None or longitude is None) and location_type == "physical":
        if not addresses:
            raise RecordProblem(f"{lwhere} needs latitude and longitude, or an address with a postcode")
        latitude, longitude = _geocode(addresses[0]["postal_code"], lwhere)
    return {
        "id": read_uuid(raw, "id", where),
        "location": {
            "id": read_uuid(location, "id", lwhere),
            "location_type": location_type,
            "name": read_text(location, "name", Location, lwhere),
            "description": read_text(location, "description", Location, lwhere),
            "latitude": latitude,
            "longitude": longitude,
        },
        "addresses": addresses,
        "accessibility": [
            _parse_accessibility(a, f"{lwhere}.accessibility[{i}]")
            for i, a in enumerate(read_list(location, "accessibility", lwhere))
        ],
    }


def _parse_address(raw: dict, where: str) -> dict:
    from web.geo import normalise_postcode

    postcode = normalise_postcode(raw.get("postal_code"))
    if postcode is None:
        raise RecordProblem(f"{where}.postal_code {raw.get('postal_code')!r} is not a UK postcode")
    return {
        "id": read_uuid(raw, "id", where),
        "address_1": read_text(raw, "address_1", Address, where, required=True),
        "address_2": read_text(raw, "address_2", Address, where),
        "city": read_text(raw, "city", Address, where, required=True),
        "region": read_text(raw, "region", Address, where),
        "state_province": read_text(raw, "state_province", Address, where) or "England",
        "postal_code": postcode,
        "country": read_text(raw, "country", Address, where) or "GB",
        "address_type": read_text(raw, "address_type", Address, where) or "physical",
    }


def _parse_accessibility(raw: dict, where: str) -> dict:
    code = raw.get("accessibility")
    if code not in {feature.value for feature in AccessibilityFeature}:
        features = ", ".join(feature.value for feature in AccessibilityFeature)
        raise RecordProblem(f"{where}.accessibility must be one of {features}")
    return {
        "id": read_uuid(raw, "id", where),
        "feature": AccessibilityFeature(code),
        "description": read_text(raw, "details", Accessibility, where, column="description"),
    }


def parse_area(raw: dict, where: str) -> dict:
    from web.geo import normalise_postcode, postcode_district

    if raw.get("extent_type") != "geojson" or not isinstance(raw.get("extent"), str):
        raise RecordProblem(f"{where} needs a GeoJSON extent saying where the service visits")
    try:
        feature = json.loads(raw["extent"])
        properties = feature.get("properties") or {}
        coordinates = (feature.get("geometry") or {}).get("coordinates")
    except (ValueError, AttributeError):
        raise RecordProblem(f"{where}.extent is not a GeoJSON Feature") from None
    raw_districts = properties.get("postcode_districts") or []
    if isinstance(raw_districts, str):
        raw_districts = raw_districts.split()
    districts = [postcode_district(d) for d in raw_districts] if isinstance(raw_districts, list) else [None]
    if None in districts:
        raise RecordProblem(f"{where}.extent postcode_districts must be districts like WN1, WN2")
    radius = read_number(properties, "radius_km", where, 0.1, 200)
    if radius is None and not districts:
        raise RecordProblem(f"{where}.extent needs a radius_km or postcode_districts")
    postcode = properties.get("base_postcode")
    if postcode is not None and normalise_postcode(postcode) is None:
        raise RecordProblem(f"{where}.extent base_postcode {postcode!r} is not a UK postcode")
    postcode = normalise_postcode(postcode) if postcode else None
    latitude = longitude = None
    if isinstance(coordinates, list) and len(coordinates) == 2:
        longitude = read_number({"x": coordinates[0]}, "x", f"{where}.extent longitude", -180, 180)
        latitude = read_number({"y": coordinates[1]}, "y", f"{where}.extent latitude", -90, 90)
    elif postcode:
        latitude, longitude = _geocode(postcode, where)
    if radius is not None and latitude is None:
        raise RecordProblem(f"{where}.extent needs a point or a base_postcode for its radius")
    return {
        "id": read_uuid(raw, "id", where),
        "name": read_text(raw, "name", ServiceArea, where, required=True),
        "base_postcode": postcode,
        "latitude": latitude,
        "longitude": longitude,
        "radius_km": radius,
        "postcode_districts": " ".join(dict.fromkeys(districts)) or None,  # type: ignore[arg-type]
    }


def parse_schedule(raw: dict, where: str, sal_ids: set[str]) -> dict:
    freq = (raw.get("freq") or "WEEKLY").upper()
    if freq not in ("WEEKLY", "MONTHLY"):
        raise RecordProblem(f"{where}.freq must be WEEKLY or MONTHLY")
    if not isinstance(raw.get("byday") or "", str) or not isinstance(raw.get("bymonthday") or "", str):
        raise RecordProblem(f"{where}: byday and bymonthday must be text like 'TU' or '2TU'")
    try:
        byday = parse_byday(raw.get("byday") or "")
        parse_bymonthday(raw.get("bymonthday"))
    except ScheduleError as error:
        raise RecordProblem(f"{where}: {error}") from None
    if freq == "WEEKLY" and (not byday or any(nth is not None for nth, _ in byday)):
        raise RecordProblem(f"{where}.byday must list days like MO,WE for a weekly schedule")
    opens_at, closes_at = read_time(raw, "opens_at", where), read_time(raw, "closes_at", where)
    if opens_at and closes_at and closes_at <= opens_at:
        raise RecordProblem(f"{where}: closes_at must be later than opens_at")
    sal_id = raw.get("service_at_location_id")
    if sal_id is not None and sal_id not in sal_ids:
        raise RecordProblem(f"{where}.service_at_location_id is not one of this service's locations")
    attending = raw.get("attending_type")
    return {
        "id": read_uuid(raw, "id", where),
        "service_at_location_id": sal_id,
        "valid_from": read_date(raw, "valid_from", where),
        "valid_to": read_date(raw, "valid_to", where),
        "dtstart": read_date(raw, "dtstart", where),
        "freq": freq,
        "interval": read_integer(raw, "interval", where, 1, 52) or 1,
        "byday": ",".join(f"{nth or ''}{code}" for nth, code in byday),
        "bymonthday": raw.get("bymonthday") or None,
        "opens_at": opens_at,
        "closes_at": closes_at,
        "description": read_text(raw, "description", Schedule, where),
        # ORUK allows free text here; only our own codes carry meaning, anything else is dropped.
        "attending_type": AttendingType(attending) if attending in {a.value for a in AttendingType} else None,
        "notes": read_text(raw, "notes", Schedule, where),
    }


def parse_cost(raw: dict, where: str) -> dict:
    amount = raw.get("amount")
    if amount is not None:
        try:
            amount = Decimal(str(amount))
        except InvalidOperation:
            raise RecordProblem(f"{where}.amount must be a number") from None
        if not amount.is_finite() or amount < 0 or amount > 100_000:
            raise RecordProblem(f"{where}.amount must be between 0 and 100000")
    return {
        "id": read_uuid(raw, "id", where),
        "option": read_text(raw, "option", CostOption, where) or "Cost",
        "amount": amount,
        "currency": read_text(raw, "currency", CostOption, where) or "GBP",
        "amount_description": read_text(raw, "amount_description", CostOption, where),
        "valid_from": read_date(raw, "valid_from", where),
        "valid_to": read_date(raw, "valid_to", where),
    }


def parse_language(raw: dict, where: str) -> dict:
    return {
        "id": read_uuid(raw, "id", where),
        "name": read_text(raw, "name", Language, where) or "English",
        "code": read_text(raw, "code", Language, where),
        "note": read_text(raw, "note", Language, where),
    }


def parse_contact(raw: dict, where: str) -> dict:
    return {
        "id": read_uuid(raw, "id", where),
        "name": read_text(raw, "name", Contact, where),
        "title": read_text(raw, "title", Contact, where),
        "email": read_text(raw, "email", Contact, where),
    }


def parse_phone(raw: dict, where: str) -> dict:
    number = read_text(raw, "number", Phone, where, required=True)
    if not any(c.isdigit() for c in number or "") or not set(number or "") <= set("0123456789 +()-"):
        raise RecordProblem(f"{where}.number {number!r} is not a phone number")
    return {
        "id": read_uuid(raw, "id", where),
        "number": number,
        "description": read_text(raw, "description", Phone, where),
    }


def _geocode(postcode: str, where: str) -> tuple[float, float]:
    from web.geo import find_postcode

    place = find_postcode(postcode)
    if place is None:
        raise RecordProblem(
            f"{where}: postcode {postcode} was not found, and no latitude and longitude are given"
        )
    return place.latitude, place.longitude


def first_sentence(text: str) -> str:
    sentence = text.split(". ")[0].strip()
    return sentence if len(sentence) <= 300 else sentence[:297].rstrip() + "..."


def read_list(raw: dict, key: str, where: str) -> list[dict]:
    value = raw.get(key) or []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise RecordProblem(f"{where}.{key} must be a list of objects")
    return value


def read_uuid(raw: dict, key: str, where: str, required: bool = True) -> str | None:
    value = raw.get(key)
    if value is None and not required:
        return None
    try:
        return str(uuid.UUID(str(value))) if isinstance(value, str) else _bad_uuid(where, key)
    except ValueError:
        return _bad_uuid(where, key)


def _bad_uuid(where: str, key: str) -> str:
    raise RecordProblem(f"{where}.{key} must be a UUID")


def read_text(
    raw: dict, key: str, model: type, where: str, *, column: str | None = None, required: bool = False
) -> str | None:
    value = raw.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise RecordProblem(f"{where}.{key} is missing")
        return None
    if not isinstance(value, str):
        raise RecordProblem(f"{where}.{key} must be text")
    value = value.strip()
    length = getattr(model.__table__.c[column or key].type, "length", None)  # type: ignore[attr-defined]
    if length and len(value) > length:
        raise RecordProblem(f"{where}.{key} is longer than {length} characters")
    return value


def read_integer(raw: dict, key: str, where: str, low: int, high: int) -> int | None:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise RecordProblem(f"{where}.{key} must be a whole number from {low} to {high}")
    return value


def read_number(raw: dict, key: str, where: str, low: float, high: float) -> float | None:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise RecordProblem(f"{where}.{key} must be a number from {low:g} to {high:g}")
    return float(value)


def read_date(raw: dict, key: str, where: str) -> date | None:
    value = raw.get(key)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise RecordProblem(f"{where}.{key} must be a date like 2025-01-31") from None


def read_time(raw: dict, key: str, where: str) -> time | None:
    value = raw.get(key)
    if value is None:
        return None
    try:
        return time.fromisoformat(value)
    except (TypeError, ValueError):
        raise RecordProblem(f"{where}.{key} must be a time like 10:00") from None
