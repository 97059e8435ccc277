"""The ORUK OpenAPI document is valid OpenAPI 3.0, and the API does what it says (checked by schemathesis)."""

import json
from pathlib import Path

import hypothesis.strategies as st
import pytest
import schemathesis
from jsonschema_path import SchemaPath
from openapi_spec_validator import OpenAPIV30SpecValidator

from web.api.openapi import SCHEMA_BASE
from web.api.params import is_uuid

DOCUMENT_URL = "/api/oruk/openapi.json"


def oruk_schema_file(folder: Path, uri: str) -> Path:
    """The local copy of an ORUK schema the document names by URL (compiled/ and plain share a folder)."""
    if not uri.startswith(SCHEMA_BASE):
        raise LookupError(f"Not an ORUK schema, and nothing is fetched from the network: {uri}")
    return folder / "schema" / uri.removeprefix(SCHEMA_BASE).removeprefix("compiled/")


def served_document(client) -> dict:
    response = client.get(DOCUMENT_URL)
    assert response.status_code == 200
    return response.get_json()


def test_the_document_is_valid_openapi_3_0(client, oruk):
    document = served_document(client)
    assert document["openapi"] == "3.0.3"

    def local_schema(uri: str) -> dict:
        return json.loads(oruk_schema_file(oruk.folder, uri).read_text())

    handlers = {"http": local_schema, "https": local_schema, "<all_urls>": local_schema}
    validator = OpenAPIV30SpecValidator(SchemaPath.from_dict(document, handlers=handlers))
    assert [error.message for error in validator.iter_errors()] == []


def with_local_schema_files(node, folder: Path):
    """The document with each ORUK schema URL pointing at the same file on disk."""
    if isinstance(node, dict):
        return {
            key: oruk_schema_file(folder, value).as_uri()
            if key == "$ref" and value.startswith("https://")
            else with_local_schema_files(value, folder)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [with_local_schema_files(value, folder) for value in node]
    return node


# Bounded and repeatable: a fixed seed, no example database, no stateful phase (the API has no links).
SCHEMATHESIS_CONFIG = {
    "seed": 20250101,
    # How fast examples are made depends on how busy the machine is, not on the API.
    "suppress-health-check": ["too_slow"],
    "generation": {"max-examples": 100, "deterministic": True, "database": "none"},
    "phases": {"stateful": {"enabled": False}},
    # A well-formed id or postcode that names nothing is refused with a 400 naming the field, by design:
    # "schema-valid means accepted" cannot hold for look-ups, so that one check is left out.
    "checks": {"positive_data_acceptance": {"enabled": False}},
}


@pytest.fixture
def api_schema(app, client, directory, oruk):
    document = with_local_schema_files(served_document(client), oruk.folder)
    schema = schemathesis.openapi.from_dict(
        document, config=schemathesis.config.SchemathesisConfig.from_dict(SCHEMATHESIS_CONFIG)
    )
    schema.app = app
    term = directory.venue_near.attributes[0].taxonomy_term
    real_ids = {
        "/services/{id}": [directory.venue_near.id, directory.online.id, directory.visits_covering.id],
        "/service_at_locations/{id}": [directory.venue_3km.service_at_locations[0].id],
        "/taxonomies/{id}": [term.taxonomy_id],
        "/taxonomy_terms/{id}": [term.id],
    }
    real_query = {"taxonomy_term_id": term.id, "taxonomy_id": term.taxonomy_id, "postcode": "WN1 1AA"}

    # Generated ids and postcodes almost never name anything, so some are swapped for real ones, and
    # then the answers hold real listings for the response schemas to check. Only a value that already
    # fits the document is swapped, so a case meant to be refused still is.
    def fits(name: str, value) -> bool:
        return isinstance(value, str) and (name == "postcode" or is_uuid(value))

    @schema.hook
    def flatmap_path_parameters(context, path_parameters):
        ids = real_ids.get(context.operation.path, [])
        if not fits("id", (path_parameters or {}).get("id")):
            return st.just(path_parameters)
        return st.sampled_from([path_parameters, *({"id": value} for value in ids)])

    @schema.hook
    def flatmap_query(context, query):
        swaps = {name: value for name, value in real_query.items() if fits(name, (query or {}).get(name))}
        if not swaps:
            return st.just(query)
        return st.sampled_from([query, query | swaps])

    return schema


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
def test_the_api_does_what_its_document_says(case):
    """No 5xx; status codes, content types, headers and bodies as documented; bad input refused."""
    case.call_and_validate()
