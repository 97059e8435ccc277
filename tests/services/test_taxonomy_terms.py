"""The filter terms are read once per request, and a term added elsewhere shows on the next request."""

from sqlalchemy import insert, select

from tests.directory.conftest import parse
from tests.factories import make_service
from tests.statements import counted_statements
from web.extensions import db
from web.models import CATEGORY_TAXONOMY, Taxonomy, TaxonomyTerm
from web.models.base import new_uuid


def test_a_filtered_results_page_reads_the_terms_once(client):
    make_service("Wigan Carers Cafe", categories=("carers_support",), audiences=("carers",))
    db.session.remove()  # a request of its own, as in production
    with counted_statements() as statements:
        response = client.get("/search?q=carers&category=carers_support&audience=carers")
    assert response.status_code == 200
    assert sum("FROM taxonomy_term" in statement for statement in statements) == 1


def test_a_term_added_by_another_process_is_offered_on_the_next_request(client):
    make_service("Wigan Carers Cafe", categories=("carers_support",))
    assert "Befriending" not in client.get("/").get_data(as_text=True)
    db.session.remove()  # the request is over
    taxonomy_id = db.session.scalar(select(Taxonomy.id).where(Taxonomy.name == CATEGORY_TAXONOMY))
    db.session.remove()
    with db.engine.begin() as connection:  # as the import command would, from its own process
        connection.execute(
            insert(TaxonomyTerm).values(
                id=new_uuid(), taxonomy_id=taxonomy_id, code="befriending", name="Befriending", description=""
            )
        )
    page = parse(client.get("/search?q=carers"))
    assert page.find("input", {"name": "category", "value": "befriending"}) is not None
    assert client.get("/search?q=carers&category=befriending").status_code == 200
