"""One rule decides what the public sees: a listing is shown only while it is published.

Suspending a listing (an officer can do it at once, for example over a safeguarding concern) takes it
off search, the listing page, the ORUK API, /api/search and the shortlist with the same commit.
"""

import ast
from pathlib import Path

import pytest

from search_index import SearchQuery
from tests.factories import make_service
from web.extensions import db
from web.models import Publication
from web.services.index_store import get_index

WEB = Path(__file__).resolve().parent.parent / "web"
# The one place the rule is written: Service.is_public in the directory models.
RULE_MODULE = WEB / "models" / "directory.py"
HIDDEN = [Publication.DRAFT, Publication.AWAITING_CHECKS, Publication.SUSPENDED, Publication.ARCHIVED]


def ids(client, url: str, key: str) -> list[str]:
    return [item["id"] for item in client.get(url).json[key]]


def what_the_public_sees(client, service_id: str) -> dict[str, bool]:
    shortlisted = client.post(f"/shortlist/add/{service_id}").status_code == 302
    indexed = [hit.service_id for hit in get_index().search(SearchQuery(text="pottery")).hits]
    return {
        "index": service_id in indexed,
        "search page": service_id in client.get("/search?q=pottery").text,
        "listing page": client.get(f"/services/{service_id}").status_code == 200,
        "shortlist": shortlisted and service_id in client.get("/shortlist").text,
        "ORUK service": client.get(f"/api/oruk/services/{service_id}").status_code == 200,
        "ORUK list": service_id in ids(client, "/api/oruk/services", "contents"),
        "ORUK search": service_id in ids(client, "/api/oruk/services?search=pottery", "contents"),
        "/api/search": service_id in ids(client, "/api/search?q=pottery", "results"),
    }


def test_a_published_listing_is_everywhere(client):
    service = make_service("Atherton Pottery Circle", description="Pottery for beginners.")
    assert all(what_the_public_sees(client, service.id).values())


@pytest.mark.parametrize("publication", HIDDEN)
def test_a_listing_that_is_not_published_is_nowhere(client, publication):
    service = make_service("Atherton Pottery Circle", description="Pottery.", publication=publication)
    assert not any(what_the_public_sees(client, service.id).values())


def test_suspending_takes_a_listing_down_at_once_and_the_page_says_so_plainly(client):
    service = make_service("Atherton Pottery Circle", description="Pottery for beginners.")
    client.post(f"/shortlist/add/{service.id}")
    service.publication = Publication.SUSPENDED
    db.session.commit()
    seen = what_the_public_sees(client, service.id)
    assert not any(seen.values()), seen
    page = client.get(f"/services/{service.id}")
    assert page.status_code == 404
    assert "This listing is not available" in page.text and "Atherton Pottery Circle" not in page.text
    api = client.get(f"/api/oruk/services/{service.id}")
    assert api.status_code == 404 and api.json["error"]["detail"] == "There is no service with that id."


def test_new_listings_start_as_drafts():
    from web.models import Service

    column = Service.__table__.c.publication
    assert column.default.arg is Publication.DRAFT and not column.nullable


def _direct_uses_of_the_publication_column(tree: ast.AST) -> list[int]:
    """Lines that compare `.publication`, or read `Service.publication` (a SQL expression), or pass
    publication= to filter_by: each is the rule written again instead of using Service.is_public."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(isinstance(side, ast.Attribute) and side.attr == "publication" for side in sides):
                lines.append(node.lineno)
        elif isinstance(node, ast.Attribute) and node.attr == "publication":
            if isinstance(node.value, ast.Name) and node.value.id == "Service":
                lines.append(node.lineno)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "filter_by":
            if any(keyword.arg == "publication" for keyword in node.keywords):
                lines.append(node.lineno)
    return sorted(lines)


def test_only_the_one_rule_reads_the_publication_column():
    offenders = []
    for path in sorted(WEB.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        if "is_published" in source:
            offenders.append(f"{path.relative_to(WEB)}: is_published")
        if path == RULE_MODULE:
            continue
        for line in _direct_uses_of_the_publication_column(ast.parse(source)):
            offenders.append(f"{path.relative_to(WEB)}:{line}")
    assert offenders == [], "Use Service.is_public (web/models/directory.py) instead: " + ", ".join(offenders)


def test_the_convention_check_catches_the_rule_written_again():
    written_again = """
select(Service).where(Service.publication == Publication.PUBLISHED)
if service.publication is not Publication.PUBLISHED: pass
query.filter_by(publication="published")
"""
    assert _direct_uses_of_the_publication_column(ast.parse(written_again)) == [2, 2, 3, 4]
    allowed = "service.publication = Publication.SUSPENDED\nselect(Service).where(Service.is_public)"
    assert _direct_uses_of_the_publication_column(ast.parse(allowed)) == []
