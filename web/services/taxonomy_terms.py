"""The terms people filter by (types of support, who it is for), read once while the listings stay
the same.

A results page asks for them three or four times (the filter choices, then checking the codes in the
address); the process keeps them under the listing version token (web/services/listing_views.py), so
a term added by the import in another process is seen by the next request.
"""

from sqlalchemy import select

from web.extensions import db
from web.models import Taxonomy, TaxonomyTerm
from web.services.listing_views import kept_value

# Built once, so its cache key is worked out once per process.
_TERMS = (
    select(Taxonomy.name, TaxonomyTerm.code, TaxonomyTerm.name)
    .join(TaxonomyTerm.taxonomy)
    .order_by(TaxonomyTerm.name)
)


def _read_terms() -> dict[str, list[tuple[str, str]]]:
    by_taxonomy: dict[str, list[tuple[str, str]]] = {}
    for taxonomy, code, name in db.session.execute(_TERMS):
        by_taxonomy.setdefault(taxonomy, []).append((code, name))
    return by_taxonomy


def taxonomy_terms(taxonomy_name: str) -> list[tuple[str, str]]:
    """(code, name) of each term in the taxonomy, by name."""
    return list(kept_value("taxonomy_terms", _read_terms).get(taxonomy_name, []))


def term_codes(taxonomy_name: str) -> list[str]:
    return [code for code, _ in taxonomy_terms(taxonomy_name)]
