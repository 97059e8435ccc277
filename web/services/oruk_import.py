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

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from web.models import (
    Accessibility,
    Address,
    AttendingType,
    Contact,
    CostOption,
    Language,
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
    ServiceStatus,
    Taxonomy,
    TaxonomyTerm,
)
from web.services.oruk_records import (
    RecordProblem,
    first_sentence,
    parse_area,
    parse_contact,
    parse_cost,
    parse_language,
    parse_organization,
    parse_phone,
    parse_schedule,
    parse_service_at_location,
    read_date,
    read_integer,
    read_list,
    read_text,
    read_uuid,
)

FACTS_TAXONOMY = "Listing facts"
FACT_LINK_TYPE = "listing_fact"
# Older spellings of the two yes/no facts, accepted on import.
_FACT_ALIASES = {"cost:free": "free", "payment:direct_payment": "direct_payment"}

# Ids of the directory's own taxonomies and seed records are derived from names, so they never change.
ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://community-directory.example.org/")


def stable_id(*parts: object) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, "/".join(str(part) for part in parts)))


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
            "id": read_uuid(raw, "id", "taxonomy"),
            "name": read_text(raw, "name", Taxonomy, "taxonomy", required=True),
            "description": read_text(raw, "description", Taxonomy, "taxonomy") or "",
            "uri": read_text(raw, "uri", Taxonomy, "taxonomy"),
            "version": read_text(raw, "version", Taxonomy, "taxonomy"),
        }
        _upsert(session, Taxonomy, values)
    session.flush()
    count = 0
    for raw in data.get("taxonomy_terms", []):
        where = f"taxonomy term {raw.get('code') or raw.get('id')}"
        taxonomy_id = read_uuid(raw, "taxonomy_id", where)
        if session.get(Taxonomy, taxonomy_id) is None:
            raise RecordProblem(f"{where}: taxonomy {taxonomy_id} is not in the data")
        values = {
            "id": read_uuid(raw, "id", where),
            "taxonomy_id": taxonomy_id,
            "parent_id": read_uuid(raw, "parent_id", where, required=False),
            "code": read_text(raw, "code", TaxonomyTerm, where, required=True),
            "name": read_text(raw, "name", TaxonomyTerm, where, required=True),
            "description": read_text(raw, "description", TaxonomyTerm, where) or "",
            "term_uri": read_text(raw, "term_uri", TaxonomyTerm, where),
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


def import_services(
    session: Session, services: Iterable[dict], new_listings: Publication = Publication.AWAITING_CHECKS
) -> ImportReport:
    """Check and upsert ORUK service records; bad ones are skipped whole and listed in report.errors.

    A listing new to the directory gets `new_listings` as its publication: by default an officer checks
    it before the public sees it. A listing already here keeps its own, so importing a feed again never
    puts back a listing an officer has suspended or archived.

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
            service = _apply_service(session, parsed)
            if not existed:
                service.publication = new_listings
        changed = bool(session.new or session.deleted) or any(session.is_modified(o) for o in session.dirty)
        session.flush()
        outcome = report.updated if changed else report.unchanged
        (outcome if existed else report.created).append(parsed["service"]["id"])
    return report


def _parse_service(session: Session, raw: Any, terms: _Terms) -> dict:
    if not isinstance(raw, dict):
        raise RecordProblem("a service must be a JSON object")
    where = "service"
    service_id = read_uuid(raw, "id", where)
    status = raw.get("status")
    if status not in {s.value for s in ServiceStatus}:
        raise RecordProblem(
            f"status must be one of active, inactive, defunct or temporarily closed, not {status!r}"
        )
    description = read_text(raw, "description", Service, where) or ""
    service = {
        "id": service_id,
        "name": read_text(raw, "name", Service, where, required=True),
        "summary": read_text(raw, "summary", Service, where) or first_sentence(description),
        "description": description,
        "url": read_text(raw, "url", Service, where),
        "email": read_text(raw, "email", Service, where),
        "status": ServiceStatus(status),
        "fees": read_text(raw, "fees", Service, where),
        "accreditations": read_text(raw, "accreditations", Service, where),
        "minimum_age": read_integer(raw, "minimum_age", where, 0, 130),
        "maximum_age": read_integer(raw, "maximum_age", where, 0, 130),
        "alert": read_text(raw, "alert", Service, where),
        "assured_date": read_date(raw, "assured_date", where),
        "assurer_email": read_text(raw, "assurer_email", Service, where),
    }
    organization = parse_organization(raw.get("organization"))
    service["organization_id"] = organization["id"]

    facts: set[str] = set()
    attributes = []
    for i, attribute in enumerate(read_list(raw, "attributes", where)):
        fact = _listing_fact(attribute)
        if fact is not None:
            facts.add(fact)
        else:
            term, _ = terms.find(attribute.get("taxonomy_term"), f"attributes[{i}]")
            attributes.append(
                {"id": read_uuid(attribute, "id", f"attributes[{i}]"), "taxonomy_term_id": term.id}
            )
    kinds = [code.split(":", 1)[1] for code in facts if code.startswith("kind:")]
    if len(kinds) != 1 or kinds[0] not in {k.value for k in ListingKind}:
        raise RecordProblem("attributes must give exactly one kind of listing (a 'kind:' Listing facts term)")
    service["kind"] = ListingKind(kinds[0])
    service["is_free"] = "free" in facts
    service["dp_payable"] = "direct_payment" in facts

    locations = [
        parse_service_at_location(sal, f"service_at_locations[{i}]")
        for i, sal in enumerate(read_list(raw, "service_at_locations", where))
    ]
    areas = [
        parse_area(area, f"service_areas[{i}]")
        for i, area in enumerate(read_list(raw, "service_areas", where))
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
            parse_schedule(s, f"schedules[{i}]", sal_ids)
            for i, s in enumerate(read_list(raw, "schedules", where))
        ],
        "cost_options": [
            parse_cost(c, f"cost_options[{i}]") for i, c in enumerate(read_list(raw, "cost_options", where))
        ],
        "languages": [
            parse_language(x, f"languages[{i}]") for i, x in enumerate(read_list(raw, "languages", where))
        ],
        "contacts": [
            parse_contact(x, f"contacts[{i}]") for i, x in enumerate(read_list(raw, "contacts", where))
        ],
        "phones": [parse_phone(x, f"phones[{i}]") for i, x in enumerate(read_list(raw, "phones", where))],
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


def _apply_service(session: Session, parsed: dict) -> Service:
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
    return service


def _upsert(session: Session, model: type, values: dict) -> Any:
    row = session.get(model, values["id"])
    if row is None:
        row = model(id=values["id"])
        session.add(row)
    for key, value in values.items():
        if getattr(row, key) != value:
            setattr(row, key, value)
    return row
