"""The OpenAPI 3 document for our ORUK API, served at /api/oruk/openapi.json.

Bodies refer to the Open Referral UK schemas by URL, as the standard's own document does, so
validators check our responses against the published profile.
"""

from typing import Any

from web.api.oruk_listing import DEFAULT_PER_PAGE, MAX_PAGE, MAX_PER_PAGE

SCHEMA_BASE = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"


def _query(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


_TIME = {"type": "string", "pattern": "^[0-9]{2}:[0-9]{2}(:[0-9]{2})?$"}
_ID = {"type": "string", "format": "uuid"}
_AGE = {"type": "number", "minimum": 0, "maximum": 150}
_POSTCODE_HELP = (
    "A GB postcode or postcode district. Results are venues within proximity of its centroid and "
    "home-visiting services whose area contains it, nearest first; online-only and phone-only services "
    "are left out."
)
_PROXIMITY_HELP = "Metres from the postcode's centroid, more than 0 and at most 80000 (default 5000)."

PARAMETERS: dict[str, dict[str, Any]] = {
    "search": _query(
        "search", "Words to look for, with synonyms and stemming.", {"type": "string", "maxLength": 200}
    ),
    "page": _query(
        "page",
        "Page number, from 1. A page past the last is returned empty.",
        {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
    ),
    "per_page": _query(
        "per_page",
        f"Results per page, 1 to {MAX_PER_PAGE}.",
        {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": DEFAULT_PER_PAGE},
    ),
    "taxonomy_term_id": _query(
        "taxonomy_term_id", "Only services with this term (see /taxonomy_terms).", _ID
    ),
    "taxonomy_id": _query(
        "taxonomy_id", "Only services with a term from this taxonomy (see /taxonomies).", _ID
    ),
    "minimum_age": _query("minimum_age", "Only services whose minimum age is at least this.", _AGE),
    "maximum_age": _query("maximum_age", "Only services whose maximum age is at most this.", _AGE),
    "day": _query(
        "day", "Only services that run on this day: MO..SU, or a name like monday.", {"type": "string"}
    ),
    "start_time": _query("start_time", "Only services with a session opening at or after this time.", _TIME),
    "end_time": _query("end_time", "Only services with a session closing at or before this time.", _TIME),
    "postcode": _query("postcode", _POSTCODE_HELP, {"type": "string"}),
    "proximity": _query(
        "proximity",
        _PROXIMITY_HELP,
        {"type": "number", "minimum": 0, "exclusiveMinimum": True, "maximum": 80000},
    ),
}

LIST_FILTERS = ["search", "page", "per_page", "taxonomy_term_id", "taxonomy_id", "minimum_age", "maximum_age"]
LIST_FILTERS += ["day", "start_time", "end_time", "postcode", "proximity"]


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/parameters/{name}"}


# ORUK requires every response to be open to other sites.
_OPEN_TO_OTHER_SITES = {
    "Access-Control-Allow-Origin": {
        "description": "Any site may read the answer.",
        "required": True,
        "schema": {"type": "string", "enum": ["*"]},
    }
}


def _json_response(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "description": description,
        "headers": _OPEN_TO_OTHER_SITES,
        "content": {"application/json": {"schema": schema}},
    }


def _page_of(schema_file: str) -> dict[str, Any]:
    return {
        "allOf": [{"$ref": "#/components/schemas/Page"}],
        "properties": {"contents": {"type": "array", "items": {"$ref": SCHEMA_BASE + schema_file}}},
    }


ERRORS = {
    "400": {"$ref": "#/components/responses/BadRequest"},
}
NOT_FOUND = {"404": {"$ref": "#/components/responses/NotFound"}}


def _list(summary: str, operation_id: str, schema_file: str, parameters: list[str]) -> dict[str, Any]:
    return {
        "get": {
            "summary": summary,
            "operationId": operation_id,
            "parameters": [_ref(name) for name in parameters],
            "responses": {"200": _json_response(summary, _page_of(schema_file)), **ERRORS},
        }
    }


def _item(summary: str, operation_id: str, schema_file: str) -> dict[str, Any]:
    return {
        "parameters": [
            {"in": "path", "name": "id", "required": True, "schema": {"type": "string", "format": "uuid"}}
        ],
        "get": {
            "summary": summary,
            "operationId": operation_id,
            "responses": {"200": _json_response(summary, {"$ref": SCHEMA_BASE + schema_file}), **NOT_FOUND},
        },
    }


def _error_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["status", "title", "detail"],
                "properties": {
                    "status": {"type": "integer"},
                    "title": {"type": "string"},
                    "detail": {"type": "string", "description": "What to correct, in plain English."},
                    "field": {"type": "string", "description": "The query parameter to correct."},
                },
            }
        },
    }


def _page_schema() -> dict[str, Any]:
    fields = {
        "total_items": ("integer", "How many results there are in all."),
        "total_pages": ("integer", "How many pages of per_page results there are (0 when there are none)."),
        "page_number": ("integer", "This page's number, from 1."),
        "size": ("integer", "How many results this page holds."),
        "first_page": ("boolean", "Whether this is page 1."),
        "last_page": ("boolean", "Whether no page after this one holds results."),
        "empty": ("boolean", "Whether this page holds no results."),
    }
    return {
        "type": "object",
        "required": [*fields, "contents"],
        "properties": {name: {"type": kind, "description": text} for name, (kind, text) in fields.items()},
    }


def oruk_openapi_document(server_url: str) -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Community directory: Open Referral UK API",
            "version": "3.0",
            "description": (
                "Published listings of the community directory in the Open Referral UK 3.0 profile. "
                "Every endpoint is a public GET with no key, answers JSON and carries "
                "Access-Control-Allow-Origin: *. Bad parameters get a 400 whose error names the field. "
                "Facts the profile has no field for (kind of listing, how people attend, free, payable by "
                "direct payment) are service attributes with terms from the 'Listing facts' taxonomy."
            ),
            "license": {"name": "Open Government Licence v3.0"},
        },
        "servers": [{"url": server_url.rstrip("/")}],
        "paths": {
            "/": {
                "get": {
                    "summary": "The ORUK version and profile this API follows, and where this document is.",
                    "operationId": "getAPIMetaInformation",
                    "responses": {
                        "200": _json_response(
                            "About this API",
                            {
                                "type": "object",
                                "required": ["version", "profile", "openapi_url"],
                                "properties": {
                                    "version": {"type": "string", "example": "3.0"},
                                    "profile": {"type": "string", "format": "uri"},
                                    "openapi_url": {"type": "string", "format": "uri"},
                                },
                            },
                        )
                    },
                }
            },
            "/services": _list(
                "Published services, one-to-one fields only",
                "getPaginatedListOfServices",
                "compiled/service_list.json",
                LIST_FILTERS,
            ),
            "/services/{id}": _item(
                "A published service with everything about it",
                "getFullyNestedServiceById",
                "compiled/service.json",
            ),
            "/service_at_locations": _list(
                "Places where published services run, with the service's one-to-one fields",
                "getPaginatedListOfServiceAtLocation",
                "compiled/service_at_location_list.json",
                LIST_FILTERS,
            ),
            "/service_at_locations/{id}": _item(
                "A place where a service runs, with the place and the service in full",
                "getServiceAtLocationWithNestedDataById",
                "compiled/service_at_location.json",
            ),
            "/taxonomies": _list(
                "Taxonomies", "getPaginatedListOfTaxonomies", "taxonomy.json", ["page", "per_page"]
            ),
            "/taxonomies/{id}": _item("A taxonomy with its terms", "getTaxonomyById", "taxonomy.json"),
            "/taxonomy_terms": _list(
                "Taxonomy terms",
                "getPaginatedListOfTaxonomyTerms",
                "taxonomy_term.json",
                ["page", "per_page"],
            ),
            "/taxonomy_terms/{id}": _item("A taxonomy term", "getTaxonomyTermById", "taxonomy_term.json"),
        },
        "components": {
            "parameters": PARAMETERS,
            "schemas": {"Page": _page_schema(), "Error": _error_schema()},
            "responses": {
                "BadRequest": _json_response(
                    "A parameter is wrong; error.field names it", {"$ref": "#/components/schemas/Error"}
                ),
                "NotFound": _json_response(
                    "Nothing published has that id", {"$ref": "#/components/schemas/Error"}
                ),
            },
        },
    }
