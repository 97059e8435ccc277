"""Our listings as Open Referral UK 3.0 JSON: the shapes web.services.oruk_import reads back.

Identifiers are our own UUIDs. Keys whose value is unknown are left out rather than sent as null,
because the ORUK schemas type them as strings or numbers. A few HSDS 3.0 fields beyond the UK profile
(service summary and phones, language names, contact emails, cost currency, term codes, organisation
size) are included: the profile's schemas allow extra properties and the importer reads them.

Facts the UK profile has no field for travel as service attributes with link_type "listing_fact" and
terms from the "Listing facts" taxonomy, whose codes read "kind:<ListingKind>",
"attending:<AttendingType>", "free" and "direct_payment". Their ids are derived from the code, so
they are the same in every export. A venue's accessibility entry carries its AccessibilityFeature code
in `accessibility`, the words in `description` and any detail in `details`. A home-visiting area is a
service_area whose `extent` is a GeoJSON Feature: a Point at the base (or no geometry) with
`radius_km`, `base_postcode` and `postcode_districts` in its properties.
"""

import json
import math
import uuid
from collections.abc import Iterable
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from web.models import (
    Accessibility,
    Address,
    AttendingType,
    Contact,
    CostOption,
    Language,
    ListingKind,
    Location,
    Offering,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceAttribute,
    Taxonomy,
    TaxonomyTerm,
)
from web.services.oruk_import import FACT_LINK_TYPE, FACTS_TAXONOMY

ORUK_VERSION = "3.0"
ORUK_PROFILE_URL = "https://github.com/openreferral/uk-profile"

TERM_LINK_TYPE = "taxonomy_term"
SERVICE_AREA_EXTENT_TYPE = "geojson"
# Namespace for the ids we derive rather than store: listing fact terms and their attributes.
_FACT_NAMESPACE = uuid.UUID("5d1f3c7e-2b8a-4c1e-9f47-6a0e8d2b9c31")

Json = dict[str, Any]


def _present(fields: Iterable[tuple[str, Any]]) -> Json:
    return {key: value for key, value in fields if value is not None}


def _iso_date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _iso_time(value: time | None) -> str | None:
    return value.strftime("%H:%M:%S") if value else None


def _iso_timestamp(value: datetime | None) -> str | None:
    # Stored as naive UTC.
    return value.strftime("%Y-%m-%dT%H:%M:%SZ") if value else None


def _number(value: Decimal | float | None) -> float | int | None:
    if value is None:
        return None
    number = float(value)
    return int(number) if number.is_integer() else number


# --- Taxonomies --------------------------------------------------------------------------------------


def taxonomy_json(taxonomy: Taxonomy, *, with_terms: bool = False) -> Json:
    body = _present(
        [
            ("id", taxonomy.id),
            ("name", taxonomy.name),
            ("description", taxonomy.description or taxonomy.name),
            ("uri", taxonomy.uri),
            ("version", taxonomy.version),
        ]
    )
    if with_terms:
        body["taxonomy_terms"] = [taxonomy_term_json(term) for term in taxonomy.terms]
    return body


def taxonomy_term_json(term: TaxonomyTerm) -> Json:
    return _present(
        [
            ("id", term.id),
            ("code", term.code),
            ("name", term.name),
            ("term", term.name),
            ("description", term.description or term.name),
            ("parent_id", term.parent_id),
            ("taxonomy", term.taxonomy.name),
            ("taxonomy_id", term.taxonomy_id),
            ("term_uri", term.term_uri),
        ]
    )


# --- Listing facts -----------------------------------------------------------------------------------

YES_NO_FACT_NAMES = {"free": "Free to use", "direct_payment": "Can be paid for with a direct payment"}


def listing_fact_codes(service: Service) -> list[str]:
    codes = [f"kind:{service.kind.value}"]
    codes += [f"attending:{attending.value}" for attending in service.attending_types]
    if service.is_free:
        codes.append("free")
    if service.dp_payable:
        codes.append("direct_payment")
    return codes


def listing_fact_term_id(code: str) -> str:
    return str(uuid.uuid5(_FACT_NAMESPACE, f"term:{code}"))


def _listing_fact_name(code: str) -> str:
    group, _, value = code.partition(":")
    if group == "kind":
        return ListingKind(value).label
    if group == "attending":
        return AttendingType(value).label
    return YES_NO_FACT_NAMES[code]


def listing_fact_attributes(service: Service) -> list[Json]:
    attributes = []
    for code in listing_fact_codes(service):
        term_id = listing_fact_term_id(code)
        name = _listing_fact_name(code)
        attributes.append(
            {
                "id": str(uuid.uuid5(_FACT_NAMESPACE, f"attribute:{service.id}:{code}")),
                "link_id": service.id,
                "link_type": FACT_LINK_TYPE,
                "taxonomy_term_id": term_id,
                "taxonomy_term": {
                    "id": term_id,
                    "code": code,
                    "name": name,
                    "term": name,
                    "description": name,
                    "taxonomy": FACTS_TAXONOMY,
                },
            }
        )
    return attributes


# --- Services ----------------------------------------------------------------------------------------


def organization_json(organization: Organization) -> Json:
    return _present(
        [
            ("id", organization.id),
            ("name", organization.name),
            ("description", organization.description or organization.name),
            ("email", organization.email),
            ("website", organization.website),
            ("worker_count", organization.worker_count),
        ]
    )


def service_summary_json(service: Service) -> Json:
    """The one-to-one fields of a service, for list pages."""
    return _present(
        [
            ("id", service.id),
            ("organization_id", service.organization_id),
            ("name", service.name),
            ("summary", service.summary or None),
            ("description", service.description),
            ("url", service.url),
            ("email", service.email),
            ("status", service.status.value),
            ("fees", service.fees),
            ("accreditations", service.accreditations),
            ("minimum_age", service.minimum_age),
            ("maximum_age", service.maximum_age),
            ("assured_date", _iso_date(service.assured_date)),
            ("assurer_email", service.assurer_email),
            ("alert", service.alert),
            ("last_modified", _iso_timestamp(service.last_modified)),
            ("organization", organization_json(service.organization)),
        ]
    )


def service_list_item_json(service: Service, offerings: Iterable[Offering] = ()) -> Json:
    """A service on a /services page: its one-to-one fields and what it costs."""
    body = service_summary_json(service)
    body["cost_options"] = cost_options_json(service, offerings)
    return body


def service_full_json(service: Service, offerings: Iterable[Offering] = ()) -> Json:
    """A fully nested service, as /services/{id} returns it. `offerings` are what a provider sells on it
    through the marketplace, given as cost options beside the listing's own."""
    body = service_summary_json(service)
    body.update(
        schedules=[schedule_json(schedule) for schedule in service.schedules],
        service_areas=[service_area_json(area) for area in service.service_areas],
        service_at_locations=[service_at_location_json(link) for link in service.service_at_locations],
        languages=[language_json(language) for language in service.languages],
        funding=[],
        cost_options=cost_options_json(service, offerings),
        contacts=[contact_json(contact) for contact in service.contacts],
        phones=[phone_json(phone) for phone in service.phones],
        attributes=[term_attribute_json(attribute) for attribute in service.attributes]
        + listing_fact_attributes(service),
    )
    return body


def schedule_json(schedule: Schedule) -> Json:
    return _present(
        [
            ("id", schedule.id),
            ("service_id", schedule.service_id),
            ("service_at_location_id", schedule.service_at_location_id),
            ("valid_from", _iso_date(schedule.valid_from)),
            ("valid_to", _iso_date(schedule.valid_to)),
            ("dtstart", _iso_date(schedule.dtstart)),
            ("freq", schedule.freq),
            ("interval", schedule.interval),
            ("byday", schedule.byday or None),
            ("bymonthday", schedule.bymonthday),
            ("opens_at", _iso_time(schedule.opens_at)),
            ("closes_at", _iso_time(schedule.closes_at)),
            ("description", schedule.description),
            ("attending_type", schedule.attending_type.value if schedule.attending_type else None),
            ("notes", schedule.notes),
        ]
    )


def service_area_json(area: ServiceArea) -> Json:
    has_point = area.latitude is not None and area.longitude is not None
    extent = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [area.longitude, area.latitude]} if has_point else None,
        "properties": _present(
            [
                ("radius_km", area.radius_km),
                ("base_postcode", area.base_postcode),
                ("postcode_districts", sorted(area.districts) or None),
            ]
        ),
    }
    return _present(
        [
            ("id", area.id),
            ("service_id", area.service_id),
            ("name", area.name),
            ("service_area", describe_service_area(area)),
            ("extent", json.dumps(extent, separators=(",", ":"))),
            ("extent_type", SERVICE_AREA_EXTENT_TYPE),
        ]
    )


def describe_service_area(area: ServiceArea) -> str:
    parts = []
    if area.radius_km is not None and area.base_postcode:
        parts.append(f"Within {area.radius_km:g} km of {area.base_postcode}")
    if area.districts:
        parts.append("Postcode areas " + ", ".join(sorted(area.districts)))
    return "; or ".join(parts) or area.name


def service_at_location_json(link: ServiceAtLocation) -> Json:
    """A place where a service runs, as nested inside a full service."""
    return {
        "id": link.id,
        "service_id": link.service_id,
        "location_id": link.location_id,
        "location": location_json(link.location, nested=True),
    }


def service_at_location_summary_json(link: ServiceAtLocation) -> Json:
    """For list pages: the place and the service's one-to-one fields."""
    return {
        "id": link.id,
        "service_id": link.service_id,
        "location_id": link.location_id,
        "location": location_json(link.location),
        "service": service_summary_json(link.service),
    }


def service_at_location_full_json(link: ServiceAtLocation) -> Json:
    """/service_at_locations/{id}: the place in full, its own schedules and the whole service."""
    service = service_full_json(link.service)
    # The service's other places are a request away; repeating them here would only nest this one again.
    del service["service_at_locations"]
    return {
        **service_at_location_json(link),
        "schedules": [schedule_json(schedule) for schedule in link.schedules],
        "service": service,
    }


def location_json(location: Location, *, nested: bool = False) -> Json:
    """The place; nested, its addresses and accessibility too."""
    body = _present(
        [
            ("id", location.id),
            ("location_type", location.location_type),
            ("name", location.name),
            ("description", location.description),
            ("latitude", location.latitude),
            ("longitude", location.longitude),
        ]
    )
    if nested:
        body["addresses"] = [address_json(address) for address in location.addresses]
        body["accessibility"] = [accessibility_json(item) for item in location.accessibility]
    return body


def address_json(address: Address) -> Json:
    return _present(
        [
            ("id", address.id),
            ("location_id", address.location_id),
            ("address_1", address.address_1),
            ("address_2", address.address_2),
            ("city", address.city),
            ("region", address.region),
            ("state_province", address.state_province),
            ("postal_code", address.postal_code),
            ("country", address.country),
            ("address_type", address.address_type),
        ]
    )


def accessibility_json(item: Accessibility) -> Json:
    return _present(
        [
            ("id", item.id),
            ("location_id", item.location_id),
            ("description", item.feature.label),
            ("details", item.description),
            ("accessibility", item.feature.value),
        ]
    )


def language_json(language: Language) -> Json:
    return _present(
        [
            ("id", language.id),
            ("service_id", language.service_id),
            ("name", language.name),
            ("code", language.code),
            ("note", language.note),
        ]
    )


def cost_option_json(option: CostOption) -> Json:
    return _present(
        [
            ("id", option.id),
            ("service_id", option.service_id),
            ("option", option.option),
            ("amount", _number(option.amount)),
            ("currency", option.currency),
            ("amount_description", option.amount_description),
            ("valid_from", _iso_date(option.valid_from)),
            ("valid_to", _iso_date(option.valid_to)),
        ]
    )


def offering_cost_option_json(offering: Offering) -> Json:
    """An offering's price as ORUK words one: pounds as a number, "per hour", and what it is for."""
    who = offering.who_it_is_for.strip()
    return {
        "id": offering.id,
        "service_id": offering.service_id,
        "option": f"{offering.name} ({who})" if who else offering.name,
        "amount": _number(Decimal(offering.price_pence) / 100),
        "currency": "GBP",
        "amount_description": offering.price_unit.label,
    }


def cost_options_json(service: Service, offerings: Iterable[Offering]) -> list[Json]:
    return [cost_option_json(option) for option in service.cost_options] + [
        offering_cost_option_json(offering) for offering in offerings
    ]


def contact_json(contact: Contact) -> Json:
    return _present(
        [
            ("id", contact.id),
            ("service_id", contact.service_id),
            ("name", contact.name),
            ("title", contact.title),
            ("email", contact.email),
        ]
    )


def phone_json(phone: Phone) -> Json:
    return _present(
        [
            ("id", phone.id),
            ("service_id", phone.service_id),
            ("number", phone.number),
            ("description", phone.description),
        ]
    )


def term_attribute_json(attribute: ServiceAttribute) -> Json:
    return {
        "id": attribute.id,
        "link_id": attribute.service_id,
        "link_entity": "service",
        "link_type": TERM_LINK_TYPE,
        "taxonomy_term_id": attribute.taxonomy_term_id,
        "taxonomy_term": taxonomy_term_json(attribute.taxonomy_term),
    }


# --- Pages -------------------------------------------------------------------------------------------


def page_json(contents: list[Json], *, total_items: int, page_number: int, per_page: int) -> Json:
    """The ORUK page wrapper. size is how many items this page holds; pages past the last are empty."""
    total_pages = math.ceil(total_items / per_page)
    return {
        "total_items": total_items,
        "total_pages": total_pages,
        "page_number": page_number,
        "size": len(contents),
        "first_page": page_number == 1,
        "last_page": page_number >= total_pages,
        "empty": not contents,
        "contents": contents,
    }
