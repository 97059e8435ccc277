"""Open Referral UK 3.0 under /api/oruk: open, read-only, paged, published listings only."""

from flask import Blueprint, current_app, jsonify, url_for
from flask.typing import ResponseReturnValue
from sqlalchemy import func, select
from werkzeug.exceptions import NotFound

from web.access import public
from web.api.errors import ApiInputError
from web.api.openapi import oruk_openapi_document
from web.api.oruk_listing import (
    DEFAULT_PER_PAGE,
    MAX_PAGE,
    MAX_PER_PAGE,
    OrukFilters,
    find_oruk_service_at_locations,
    find_oruk_services,
)
from web.api.params import (
    day_param,
    int_param,
    is_uuid,
    number_param,
    text_param,
    time_param,
    uuid_param,
)
from web.extensions import db
from web.geo import find_postcode
from web.marketplace.offerings import current_offerings_by_listing
from web.models import Service, ServiceAtLocation, Taxonomy, TaxonomyTerm
from web.services.listings import listing_loading
from web.services.oruk_export import (
    ORUK_PROFILE_URL,
    ORUK_VERSION,
    page_json,
    service_at_location_full_json,
    service_at_location_summary_json,
    service_full_json,
    service_list_item_json,
    taxonomy_json,
    taxonomy_term_json,
)
from web.services.search import SearchInputError

bp = Blueprint("oruk", __name__, url_prefix="/oruk")


@public
@bp.get("/")
def show_api_information() -> ResponseReturnValue:
    return jsonify(
        version=ORUK_VERSION,
        profile=ORUK_PROFILE_URL,
        openapi_url=url_for("api.oruk.show_openapi_document", _external=True),
    )


@public
@bp.get("/openapi.json")
def show_openapi_document() -> ResponseReturnValue:
    return jsonify(oruk_openapi_document(server_url=url_for("api.oruk.show_api_information", _external=True)))


@public
@bp.get("/services")
def list_services() -> ResponseReturnValue:
    filters = _filters()
    services, total = _searching(find_oruk_services, filters)
    offerings = current_offerings_by_listing(service.id for service in services)
    contents = [service_list_item_json(service, offerings.get(service.id, [])) for service in services]
    return _page(contents, total, filters.page, filters.per_page)


@public
@bp.get("/services/<service_id>")
def show_service(service_id: str) -> ResponseReturnValue:
    service = _published_service(service_id)
    offerings = current_offerings_by_listing([service.id]).get(service.id, [])
    return jsonify(service_full_json(service, offerings))


@public
@bp.get("/service_at_locations")
def list_service_at_locations() -> ResponseReturnValue:
    filters = _filters()
    links, total = _searching(find_oruk_service_at_locations, filters)
    contents = [service_at_location_summary_json(link) for link in links]
    return _page(contents, total, filters.page, filters.per_page)


@public
@bp.get("/service_at_locations/<link_id>")
def show_service_at_location(link_id: str) -> ResponseReturnValue:
    link = db.session.get(ServiceAtLocation, link_id) if is_uuid(link_id) else None
    if link is None or not link.service.is_public:
        raise NotFound("There is no service at a location with that id.")
    return jsonify(service_at_location_full_json(link))


@public
@bp.get("/taxonomies")
def list_taxonomies() -> ResponseReturnValue:
    page, per_page = _paging()
    total = db.session.scalar(select(func.count()).select_from(Taxonomy)) or 0
    taxonomies = db.session.scalars(
        select(Taxonomy).order_by(Taxonomy.name, Taxonomy.id).offset((page - 1) * per_page).limit(per_page)
    )
    return _page([taxonomy_json(taxonomy) for taxonomy in taxonomies], total, page, per_page)


@public
@bp.get("/taxonomies/<taxonomy_id>")
def show_taxonomy(taxonomy_id: str) -> ResponseReturnValue:
    taxonomy = db.session.get(Taxonomy, taxonomy_id) if is_uuid(taxonomy_id) else None
    if taxonomy is None:
        raise NotFound("There is no taxonomy with that id.")
    return jsonify(taxonomy_json(taxonomy, with_terms=True))


@public
@bp.get("/taxonomy_terms")
def list_taxonomy_terms() -> ResponseReturnValue:
    page, per_page = _paging()
    total = db.session.scalar(select(func.count()).select_from(TaxonomyTerm)) or 0
    terms = db.session.scalars(
        select(TaxonomyTerm)
        .join(TaxonomyTerm.taxonomy)
        .order_by(Taxonomy.name, TaxonomyTerm.name, TaxonomyTerm.id)
        .offset((page - 1) * per_page)
        .limit(per_page)
    )
    return _page([taxonomy_term_json(term) for term in terms], total, page, per_page)


@public
@bp.get("/taxonomy_terms/<term_id>")
def show_taxonomy_term(term_id: str) -> ResponseReturnValue:
    term = db.session.get(TaxonomyTerm, term_id) if is_uuid(term_id) else None
    if term is None:
        raise NotFound("There is no taxonomy term with that id.")
    return jsonify(taxonomy_term_json(term))


def _published_service(service_id: str) -> Service:
    service = db.session.get(Service, service_id, options=listing_loading()) if is_uuid(service_id) else None
    if service is None or not service.is_public:
        raise NotFound("There is no service with that id.")
    return service


def _paging() -> tuple[int, int]:
    page = int_param("page", default=1, minimum=1, maximum=MAX_PAGE)
    per_page = int_param("per_page", default=DEFAULT_PER_PAGE, minimum=1, maximum=MAX_PER_PAGE)
    return page, per_page


def _page(contents: list[dict], total: int, page: int, per_page: int) -> ResponseReturnValue:
    return jsonify(page_json(contents, total_items=total, page_number=page, per_page=per_page))


def _filters() -> OrukFilters:
    page, per_page = _paging()
    filters = OrukFilters(
        search=text_param("search"),
        taxonomy_term_id=uuid_param("taxonomy_term_id"),
        taxonomy_id=uuid_param("taxonomy_id"),
        minimum_age=number_param("minimum_age", minimum=0, maximum=150),
        maximum_age=number_param("maximum_age", minimum=0, maximum=150),
        day=day_param("day"),
        start_time=time_param("start_time"),
        end_time=time_param("end_time"),
        page=page,
        per_page=per_page,
    )
    if filters.taxonomy_term_id and db.session.get(TaxonomyTerm, filters.taxonomy_term_id) is None:
        raise ApiInputError("taxonomy_term_id", "There is no taxonomy term with that id: see /taxonomy_terms")
    if filters.taxonomy_id and db.session.get(Taxonomy, filters.taxonomy_id) is None:
        raise ApiInputError("taxonomy_id", "There is no taxonomy with that id: see /taxonomies")
    _add_place(filters)
    return filters


def _add_place(filters: OrukFilters) -> None:
    """postcode, and proximity in metres from its centroid (the configured default radius without it)."""
    max_metres = float(current_app.config["SEARCH_MAX_RADIUS_KM"]) * 1000
    proximity = number_param("proximity", minimum=0, maximum=max_metres, above_minimum=True)
    postcode = text_param("postcode")
    if not postcode:
        if proximity is not None:
            raise ApiInputError("postcode", "Give a postcode to measure proximity from")
        return
    place = find_postcode(postcode)
    if place is None:
        raise ApiInputError("postcode", "Enter a real postcode or postcode district, like WN1 1AA or WN1")
    filters.place = place
    filters.radius_km = (
        proximity / 1000 if proximity is not None else current_app.config["SEARCH_DEFAULT_RADIUS_KM"]
    )


def _searching(finder, filters: OrukFilters):
    """Run a finder, turning what the search function refuses into a 400 naming our parameter."""
    try:
        return finder(filters)
    except SearchInputError as error:
        field = {"text": "search", "location": "postcode", "radius_km": "proximity"}.get(
            error.field, error.field
        )
        raise ApiInputError(field, error.message) from None
