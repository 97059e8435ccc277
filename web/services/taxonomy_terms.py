"""The terms people filter by (types of support, who it is for), read once per transaction.

A results page asks for them three or four times (the filter choices, then checking the codes in the
address); one query answers every ask until the transaction ends. Nothing outlives the transaction, so
a term added by the import in another process is seen by the next request.
"""

from sqlalchemy import select

from web.extensions import db
from web.models import Taxonomy, TaxonomyTerm

_KEY = "taxonomy_terms"
# Built once, so its cache key is worked out once per process.
_TERMS = (
    select(Taxonomy.name, TaxonomyTerm.code, TaxonomyTerm.name)
    .join(TaxonomyTerm.taxonomy)
    .order_by(TaxonomyTerm.name)
)


def taxonomy_terms(taxonomy_name: str) -> list[tuple[str, str]]:
    """(code, name) of each term in the taxonomy, by name."""
    session = db.session()
    remembered = session.info.get(_KEY)
    if remembered is None or remembered[0] is not session.get_transaction():
        by_taxonomy: dict[str, list[tuple[str, str]]] = {}
        for taxonomy, code, name in session.execute(_TERMS):
            by_taxonomy.setdefault(taxonomy, []).append((code, name))
        remembered = (session.get_transaction(), by_taxonomy)
        session.info[_KEY] = remembered
    return list(remembered[1].get(taxonomy_name, []))


def term_codes(taxonomy_name: str) -> list[str]:
    return [code for code, _ in taxonomy_terms(taxonomy_name)]
