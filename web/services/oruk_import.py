"""Load Open Referral UK 3.0 JSON into the directory: taxonomies, then services.

Each service record is read and checked in full before anything is written, so a bad record is
skipped whole and reported with the reason; the others are imported. Everything is upserted by its
ORUK id, so importing the same data twice changes nothing.

The shapes are those web.services.oruk_export writes, so an export imports back unchanged. Facts
the UK profile has no field for are attributes in the "Listing facts" taxonomy (recognised by that
taxonomy name or the "listing_fact" link type): "kind:<ListingKind>" (exactly one is required),
"attending:<AttendingType>", "free" and "direct_payment". They set the Service columns of the same
meaning and are not stored as attributes. A venue's accessibility entry names its feature code
(AccessibilityFeature) in its `accessibility` field. A home-visit area is a service_area whose
`extent` is a GeoJSON Feature (extent_type "geojson"): a Point at the base, or no geometry, with
`radius_km`, `base_postcode` and `postcode_districts` in its properties.
"""

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from web.models import (
    Accessibility,
    AccessibilityFeature,
    Address,
    AttendingType,
    Contact,
    CostOption,
    Language,
    ListingKind,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceAttribute,
    ServiceStatus,
    Taxonomy,
    TaxonomyTerm,
)
from web.services.schedules import ScheduleError, parse_byday, parse_bymonthday

FACTS_TAXONOMY = "Listing facts"
FACT_LINK_TYPE = "listing_fact"
# Older spellings of the two yes/no facts, accepted on import.
_FACT_ALIASES = {"cost:free": "free", "payment:direct_payment": "direct_payment"}

# Ids of the directory's own taxonomies and seed records are derived from names, so they never change.
ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://community-directory.example.org/")


def stable_id(*parts: object) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, "/".join(str(part) for part in parts)))


class RecordProblem(ValueError):
    """Why a record cannot be imported, naming the field."""


@dataclass
class RecordError:
    position: int  # 0-based position in the input
    service_id: str | None
    name: str | None
    message: str

    def __str__(self) -> str:
        label = self.name or self.service_id or "no id"
        return f"Record {self.position + 1} ({label}): {self.message}"


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[RecordError] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return len(self.created) + len(self.updated) + len(self.unchanged)


# ---- taxonomies -------------------------------------------------------------------------------


def import_taxonomies(session: Session, data: dict) -> int:
    """Upsert {"taxonomies": [...], "taxonomy_terms": [...]} (ORUK shapes); returns terms written."""
    for raw in data.get("taxonomies", []):
        values = {
            "id": _uuid(raw, "id", "taxonomy"),
            "name": _text(raw, "name", Taxonomy, "taxonomy", required=True),
            "description": _text(raw, "description", Taxonomy, "taxonomy") or "",
            "uri": _text(raw, "uri", Taxonomy, "taxonomy"),
            "version": _text(raw, "version", Taxonomy, "taxonomy"),
        }
        _upsert(session, Taxonomy, values)
    session.flush()
    count = 0
    for raw in data.get("taxonomy_terms", []):
        where = f"taxonomy term {raw.get('code') or raw.get('id')}"
        taxonomy_id = _uuid(raw, "taxonomy_id", where)
        if session.get(Taxonomy, taxonomy_id) is None:
            raise RecordProblem(f"{where}: taxonomy {taxonomy_id} is not in the data")
        values = {
            "id": _uuid(raw, "id", where),
            "taxonomy_id": taxonomy_id,
            "parent_id": _uuid(raw, "parent_id", where, required=False),
            "code": _text(raw, "code", TaxonomyTerm, where, required=True),
            "name": _text(raw, "name", TaxonomyTerm, where, required=True),
            "description": _text(raw, "description", TaxonomyTerm, where) or "",
            "term_uri": _text(raw, "term_uri", TaxonomyTerm, where),
        }
        _upsert(session, TaxonomyTerm, values)
        count += 1
    session.flush()
    return count


class _Terms:
    """Every taxonomy term, found by id or by (taxonomy, code)."""

    def __init__(self, session: Session):
        rows = session.execute(select(TaxonomyTerm, Taxonomy).join(TaxonomyTerm.taxonomy)).all()
        self.by_id = {term.id: (term, taxonomy.name) for term, taxonomy in rows}
        self.by_code = {(taxonomy.name, term.code): term for term, taxonomy in rows}
        self.by_code.update({(taxonomy.id, term.code): term for term, taxonomy in rows})

    def find(self, raw: Any, where: str) -> tuple[TaxonomyTerm, str]:
        if not isinstance(raw, dict):
            raise RecordProblem(f"{where}: taxonomy_term is missing")
        if (found := self.by_id.get(raw.get("id"))) is not None:
            return found
        taxonomy = raw.get("taxonomy_id") or raw.get("taxonomy")
        term = self.by_code.get((taxonomy, raw.get("code") or raw.get("term")))
        if term is None:
            raise RecordProblem(f"{where}: taxonomy term '{raw.get('term') or raw.get('id')}' is not known")
        return term, self.by_id[term.id][1]


# ---- services ---------------------------------------------------------------------------------


def import_services(session: Session, services: Iterable[dict]) -> ImportReport:
    """Check and upsert ORUK service records; bad ones are skipped whole and listed in report.errors.

    Writes are flushed, not committed: the caller commits (or rolls back) the whole import.
    """
    report = ImportReport()
    terms = _Terms(session)
    session.flush()
    for position, record in enumerate(services):
        service_id = record.get("id") if isinstance(record, dict) else None
        name = record.get("name") if isinstance(record, dict) else None
        try:
            parsed = _parse_service(session, record, terms)
        except RecordProblem as problem:
            report.errors.append(RecordError(position, service_id, name, str(problem)))
            continue
        existed = session.get(Service, parsed["service"]["id"]) is not None
        # Rows are added before their parents are linked up; flushing halfway would insert orphans.
        with session.no_autoflush:
            _apply_service(session, parsed)
        changed = bool(session.new or session.deleted) or any(session.is_modified(o) for o in session.dirty)
        session.flush()
        outcome = report.updated if changed else report.unchanged
        (outcome if existed else report.created).append(parsed["service"]["id"])
    return report


def _parse_service(session: Session, raw: Any, terms: _Terms) -> dict:
    if not isinstance(raw, dict):
        raise RecordProblem("a service must be a JSON object")
    where = "service"
    service_id = _uuid(raw, "id", where)
    status = raw.get("status")
    if status not in {s.value for s in ServiceStatus}:
        raise RecordProblem(
            f"status must be one of active, inactive, defunct or temporarily closed, not {status!r}"
        )
    description = _text(raw, "description", Service, where) or ""
    service = {
        "id": service_id,
        "name": _text(raw, "name", Service, where, required=True),
        "summary": _text(raw, "summary", Service, where) or _first_sentence(description),
        "description": description,
        "url": _text(raw, "url", Service, where),
        "email": _text(raw, "email", Service, where),
        "status": ServiceStatus(status),
        "fees": _text(raw, "fees", Service, where),
        "accreditations": _text(raw, "accreditations", Service, where),
        "minimum_age": _integer(raw, "minimum_age", where, 0, 130),
        "maximum_age": _integer(raw, "maximum_age", where, 0, 130),
        "alert": _text(raw, "alert", Service, where),
        "assured_date": _date(raw, "assured_date", where),
        "assurer_email": _text(raw, "assurer_email", Service, where),
        "is_published": raw.get("is_published", True) is not False,
    }
    organization = _parse_organization(raw.get("organization"))
    service["organization_id"] = organization["id"]

    facts: set[str] = set()
    attributes = []
    for i, attribute in enumerate(_list(raw, "attributes", where)):
        fact = _listing_fact(attribute)
        if fact is not None:
            facts.add(fact)
        else:
            term, _ = terms.find(attribute.get("taxonomy_term"), f"attributes[{i}]")
            attributes.append({"id": _uuid(attribute, "id", f"attributes[{i}]"), "taxonomy_term_id": term.id})
    kinds = [code.split(":", 1)[1] for code in facts if code.startswith("kind:")]
    if len(kinds) != 1 or kinds[0] not in {k.value for k in ListingKind}:
        raise RecordProblem("attributes must give exactly one kind of listing (a 'kind:' Listing facts term)")
    service["kind"] = ListingKind(kinds[0])
    service["is_free"] = "free" in facts
    service["dp_payable"] = "direct_payment" in facts

    locations = [
        _parse_service_at_location(sal, f"service_at_locations[{i}]")
        for i, sal in enumerate(_list(raw, "service_at_locations", where))
    ]
    areas = [
        _parse_area(area, f"service_areas[{i}]") for i, area in enumerate(_list(raw, "service_areas", where))
    ]
    attending = {code.split(":", 1)[1] for code in facts if code.startswith("attending:")}
    if not attending:  # say nothing, and how people attend follows from where it is given
        attending = {"venue"} if locations else set()
        attending |= {"home_visit"} if areas else set()
    service["at_venue"] = AttendingType.VENUE.value in attending
    service["home_visits"] = AttendingType.HOME_VISIT.value in attending
    service["online"] = AttendingType.ONLINE.value in attending
    service["by_phone"] = AttendingType.PHONE.value in attending
    if service["at_venue"] and not locations:
        raise RecordProblem("it says people attend at a venue but gives no service_at_locations")
    if service["home_visits"] and not areas:
        raise RecordProblem("it visits people at home but gives no service_areas saying where")

    sal_ids = {entry["id"] for entry in locations}
    parsed = {
        "service": service,
        "organization": organization,
        "locations": locations,
        "areas": areas,
        "attributes": attributes,
        "schedules": [
            _parse_schedule(s, f"schedules[{i}]", sal_ids)
            for i, s in enumerate(_list(raw, "schedules", where))
        ],
        "cost_options": [
            _parse_cost(c, f"cost_options[{i}]") for i, c in enumerate(_list(raw, "cost_options", where))
        ],
        "languages": [
            _parse_language(x, f"languages[{i}]") for i, x in enumerate(_list(raw, "languages", where))
        ],
        "contacts": [
            _parse_contact(x, f"contacts[{i}]") for i, x in enumerate(_list(raw, "contacts", where))
        ],
        "phones": [_parse_phone(x, f"phones[{i}]") for i, x in enumerate(_list(raw, "phones", where))],
    }
    _check_children_belong(session, service_id, parsed)
    return parsed


def _listing_fact(attribute: dict) -> str | None:
    term = attribute.get("taxonomy_term")
    if not isinstance(term, dict):
        return None
    if term.get("taxonomy") != FACTS_TAXONOMY and attribute.get("link_type") != FACT_LINK_TYPE:
        return None
    code = term.get("code") or term.get("term")
    if not isinstance(code, str):
        raise RecordProblem("a Listing facts attribute has no code")
    return _FACT_ALIASES.get(code, code)


def _parse_organization(raw: Any) -> dict:
    if not isinstance(raw, dict):
        raise RecordProblem("organization is missing")
    where = "organization"
    return {
        "id": _uuid(raw, "id", where),
        "name": _text(raw, "name", Organization, where, required=True),
        "description": _text(raw, "description", Organization, where) or "",
        "email": _text(raw, "email", Organization, where),
        "website": _text(raw, "website", Organization, where),
        "worker_count": _integer(raw, "worker_count", where, 1, 100_000),
    }


def _parse_service_at_location(raw: dict, where: str) -> dict:
    location = raw.get("location")
    if not isinstance(location, dict):
        raise RecordProblem(f"{where}.location is missing")
    lwhere = f"{where}.location"
    addresses = [
        _parse_address(a, f"{lwhere}.addresses[{i}]")
        for i, a in enumerate(_list(location, "addresses", lwhere))
    ]
    latitude = _number(location, "latitude", lwhere, -90, 90)
    longitude = _number(location, "longitude", lwhere, -180, 180)
    location_type = location.get("location_type", "physical")
    if location_type not in ("physical", "postal", "virtual"):
        raise RecordProblem(f"{lwhere}.location_type must be physical, postal or virtual")
    if (latitude is None or longitude is None) and location_type == "physical":
        if not addresses:
            raise RecordProblem(f"{lwhere} needs latitude and longitude, or an address with a postcode")
        latitude, longitude = _geocode(addresses[0]["postal_code"], lwhere)
    return {
        "id": _uuid(raw, "id", where),
        "location": {
            "id": _uuid(location, "id", lwhere),
            "location_type": location_type,
            "name": _text(location, "name", Location, lwhere),
            "description": _text(location, "description", Location, lwhere),
            "latitude": latitude,
            "longitude": longitude,
        },
        "addresses": addresses,
        "accessibility": [
            _parse_accessibility(a, f"{lwhere}.accessibility[{i}]")
            for i, a in enumerate(_list(location, "accessibility", lwhere))
        ],
    }


def _parse_address(raw: dict, where: str) -> dict:
    from web.geo import normalise_postcode

    postcode = normalise_postcode(raw.get("postal_code"))
    if postcode is None:
        raise RecordProblem(f"{where}.postal_code {raw.get('postal_code')!r} is not a UK postcode")
    return {
        "id": _uuid(raw, "id", where),
        "address_1": _text(raw, "address_1", Address, where, required=True),
        "address_2": _text(raw, "address_2", Address, where),
        "city": _text(raw, "city", Address, where, required=True),
        "region": _text(raw, "region", Address, where),
        "state_province": _text(raw, "state_province", Address, where) or "England",
        "postal_code": postcode,
        "country": _text(raw, "country", Address, where) or "GB",
        "address_type": _text(raw, "address_type", Address, where) or "physical",
    }


def _parse_accessibility(raw: dict, where: str) -> dict:
    code = raw.get("accessibility")
    if code not in {feature.value for feature in AccessibilityFeature}:
        features = ", ".join(feature.value for feature in AccessibilityFeature)
        raise RecordProblem(f"{where}.accessibility must be one of {features}")
    return {
        "id": _uuid(raw, "id", where),
        "feature": AccessibilityFeature(code),
        "description": _text(raw, "details", Accessibility, where, column="description"),
    }


def _parse_area(raw: dict, where: str) -> dict:
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
    radius = _number(properties, "radius_km", where, 0.1, 200)
    if radius is None and not districts:
        raise RecordProblem(f"{where}.extent needs a radius_km or postcode_districts")
    postcode = properties.get("base_postcode")
    if postcode is not None and normalise_postcode(postcode) is None:
        raise RecordProblem(f"{where}.extent base_postcode {postcode!r} is not a UK postcode")
    postcode = normalise_postcode(postcode) if postcode else None
    latitude = longitude = None
    if isinstance(coordinates, list) and len(coordinates) == 2:
        longitude = _number({"x": coordinates[0]}, "x", f"{where}.extent longitude", -180, 180)
        latitude = _number({"y": coordinates[1]}, "y", f"{where}.extent latitude", -90, 90)
    elif postcode:
        latitude, longitude = _geocode(postcode, where)
    if radius is not None and latitude is None:
        raise RecordProblem(f"{where}.extent needs a point or a base_postcode for its radius")
    return {
        "id": _uuid(raw, "id", where),
        "name": _text(raw, "name", ServiceArea, where, required=True),
        "base_postcode": postcode,
        "latitude": latitude,
        "longitude": longitude,
        "radius_km": radius,
        "postcode_districts": " ".join(dict.fromkeys(districts)) or None,  # type: ignore[arg-type]
    }


def _parse_schedule(raw: dict, where: str, sal_ids: set[str]) -> dict:
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
    opens_at, closes_at = _time(raw, "opens_at", where), _time(raw, "closes_at", where)
    if opens_at and closes_at and closes_at <= opens_at:
        raise RecordProblem(f"{where}: closes_at must be later than opens_at")
    sal_id = raw.get("service_at_location_id")
    if sal_id is not None and sal_id not in sal_ids:
        raise RecordProblem(f"{where}.service_at_location_id is not one of this service's locations")
    attending = raw.get("attending_type")
    return {
        "id": _uuid(raw, "id", where),
        "service_at_location_id": sal_id,
        "valid_from": _date(raw, "valid_from", where),
        "valid_to": _date(raw, "valid_to", where),
        "dtstart": _date(raw, "dtstart", where),
        "freq": freq,
        "interval": _integer(raw, "interval", where, 1, 52) or 1,
        "byday": ",".join(f"{nth or ''}{code}" for nth, code in byday),
        "bymonthday": raw.get("bymonthday") or None,
        "opens_at": opens_at,
        "closes_at": closes_at,
        "description": _text(raw, "description", Schedule, where),
        # ORUK allows free text here; only our own codes carry meaning, anything else is dropped.
        "attending_type": AttendingType(attending) if attending in {a.value for a in AttendingType} else None,
        "notes": _text(raw, "notes", Schedule, where),
    }


def _parse_cost(raw: dict, where: str) -> dict:
    amount = raw.get("amount")
    if amount is not None:
        try:
            amount = Decimal(str(amount))
        except InvalidOperation:
            raise RecordProblem(f"{where}.amount must be a number") from None
        if not amount.is_finite() or amount < 0 or amount > 100_000:
            raise RecordProblem(f"{where}.amount must be between 0 and 100000")
    return {
        "id": _uuid(raw, "id", where),
        "option": _text(raw, "option", CostOption, where) or "Cost",
        "amount": amount,
        "currency": _text(raw, "currency", CostOption, where) or "GBP",
        "amount_description": _text(raw, "amount_description", CostOption, where),
        "valid_from": _date(raw, "valid_from", where),
        "valid_to": _date(raw, "valid_to", where),
    }


def _parse_language(raw: dict, where: str) -> dict:
    return {
        "id": _uuid(raw, "id", where),
        "name": _text(raw, "name", Language, where) or "English",
        "code": _text(raw, "code", Language, where),
        "note": _text(raw, "note", Language, where),
    }


def _parse_contact(raw: dict, where: str) -> dict:
    return {
        "id": _uuid(raw, "id", where),
        "name": _text(raw, "name", Contact, where),
        "title": _text(raw, "title", Contact, where),
        "email": _text(raw, "email", Contact, where),
    }


def _parse_phone(raw: dict, where: str) -> dict:
    number = _text(raw, "number", Phone, where, required=True)
    if not any(c.isdigit() for c in number or "") or not set(number or "") <= set("0123456789 +()-"):
        raise RecordProblem(f"{where}.number {number!r} is not a phone number")
    return {
        "id": _uuid(raw, "id", where),
        "number": number,
        "description": _text(raw, "description", Phone, where),
    }


# Child rows are upserted by their own ids: an id that already belongs to another service is a clash.
_OWNED_CHILDREN = {
    "schedules": Schedule,
    "cost_options": CostOption,
    "languages": Language,
    "contacts": Contact,
    "phones": Phone,
    "areas": ServiceArea,
    "attributes": ServiceAttribute,
    "locations": ServiceAtLocation,
}


def _check_children_belong(session: Session, service_id: str, parsed: dict) -> None:
    for key, model in _OWNED_CHILDREN.items():
        ids = [child["id"] for child in parsed[key]]
        if len(ids) != len(set(ids)):
            raise RecordProblem(f"{key} has the same id twice")
        for child_id in ids:
            existing = session.get(model, child_id)
            if existing is not None and existing.service_id not in (None, service_id):
                raise RecordProblem(f"{key} id {child_id} already belongs to another service")


def _apply_service(session: Session, parsed: dict) -> None:
    organization = _upsert(session, Organization, parsed["organization"])
    service = _upsert(session, Service, parsed["service"])
    service.organization = organization
    links = []
    for entry in parsed["locations"]:
        location = _upsert(session, Location, entry["location"])
        location.addresses = [_upsert(session, Address, a) for a in entry["addresses"]]
        location.accessibility = [_upsert(session, Accessibility, a) for a in entry["accessibility"]]
        link = _upsert(session, ServiceAtLocation, {"id": entry["id"]})
        link.location = location
        links.append(link)
    service.service_at_locations = links
    by_link = {link.id: link for link in links}
    schedules = []
    for values in parsed["schedules"]:
        schedule = _upsert(
            session, Schedule, {k: v for k, v in values.items() if k != "service_at_location_id"}
        )
        schedule.service_at_location = by_link.get(values["service_at_location_id"])
        schedules.append(schedule)
    service.schedules = schedules
    service.attributes = [_upsert(session, ServiceAttribute, a) for a in parsed["attributes"]]
    service.cost_options = [_upsert(session, CostOption, c) for c in parsed["cost_options"]]
    service.languages = [_upsert(session, Language, x) for x in parsed["languages"]]
    service.contacts = [_upsert(session, Contact, x) for x in parsed["contacts"]]
    service.phones = [_upsert(session, Phone, x) for x in parsed["phones"]]
    service.service_areas = [_upsert(session, ServiceArea, x) for x in parsed["areas"]]


def _upsert(session: Session, model: type, values: dict) -> Any:
    row = session.get(model, values["id"])
    if row is None:
        row = model(id=values["id"])
        session.add(row)
    for key, value in values.items():
        if getattr(row, key) != value:
            setattr(row, key, value)
    return row


# ---- field readers ----------------------------------------------------------------------------


def _geocode(postcode: str, where: str) -> tuple[float, float]:
    from web.geo import find_postcode

    place = find_postcode(postcode)
    if place is None:
        raise RecordProblem(
            f"{where}: postcode {postcode} was not found, and no latitude and longitude are given"
        )
    return place.latitude, place.longitude


def _first_sentence(text: str) -> str:
    sentence = text.split(". ")[0].strip()
    return sentence if len(sentence) <= 300 else sentence[:297].rstrip() + "..."


def _list(raw: dict, key: str, where: str) -> list[dict]:
    value = raw.get(key) or []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise RecordProblem(f"{where}.{key} must be a list of objects")
    return value


def _uuid(raw: dict, key: str, where: str, required: bool = True) -> str | None:
    value = raw.get(key)
    if value is None and not required:
        return None
    try:
        return str(uuid.UUID(str(value))) if isinstance(value, str) else _bad_uuid(where, key)
    except ValueError:
        return _bad_uuid(where, key)


def _bad_uuid(where: str, key: str) -> str:
    raise RecordProblem(f"{where}.{key} must be a UUID")


def _text(
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


def _integer(raw: dict, key: str, where: str, low: int, high: int) -> int | None:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise RecordProblem(f"{where}.{key} must be a whole number from {low} to {high}")
    return value


def _number(raw: dict, key: str, where: str, low: float, high: float) -> float | None:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise RecordProblem(f"{where}.{key} must be a number from {low:g} to {high:g}")
    return float(value)


def _date(raw: dict, key: str, where: str) -> date | None:
    value = raw.get(key)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise RecordProblem(f"{where}.{key} must be a date like 2025-01-31") from None


def _time(raw: dict, key: str, where: str) -> time | None:
    value = raw.get(key)
    if value is None:
        return None
    try:
        return time.fromisoformat(value)
    except (TypeError, ValueError):
        raise RecordProblem(f"{where}.{key} must be a time like 10:00") from None
