"""`flask demo load` and `flask search reindex`, run as a person would run them."""

from sqlalchemy import func, select

from search_index import SearchQuery
from tests.factories import make_service
from web.extensions import db
from web.models import Publication, Service
from web.services.index_store import get_index


def test_demo_load_imports_indexes_and_then_skips(app, app_context):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    assert "skipped" in result.output and "Indexed" in result.output
    total = db.session.scalar(select(func.count()).select_from(Service))
    assert total >= 300
    # The demo region is written to be shown: every listing goes live.
    assert db.session.scalar(select(func.count()).select_from(Service).where(Service.is_public)) == total
    hits = get_index().search(SearchQuery(text="dementia", per_page=5))
    assert hits.total > 0

    again = runner.invoke(args=["demo", "load"])
    assert again.exit_code == 0 and "already loaded" in again.output
    suspended = db.session.scalars(select(Service).order_by(Service.name)).first()
    suspended.publication = Publication.SUSPENDED
    db.session.commit()
    forced = runner.invoke(args=["demo", "load", "--force"])
    assert forced.exit_code == 0 and "0 added" in forced.output and f"{total} unchanged" in forced.output
    db.session.expire_all()
    assert suspended.publication is Publication.SUSPENDED  # loading again never puts it back


def test_search_reindex_rebuilds_and_prints_the_count(app, app_context):
    make_service("Tyldesley Tea Dance", description="Dancing with tea.")
    make_service("Tyldesley Choir", description="Singing together.")
    result = app.test_cli_runner().invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert "Indexed 2 listings." in result.output


def test_users_commands_are_registered(app):
    result = app.test_cli_runner().invoke(args=["users", "--help"])
    assert result.exit_code == 0 and "create" in result.output
