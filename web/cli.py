"""Command-line tools: `flask users create`, `flask search reindex`, `flask demo load`."""

import json
from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup
from sqlalchemy import func, select

from web.extensions import db
from web.models import Publication, Service

SEED_DIR = Path(__file__).resolve().parent.parent / "seed_data"
TAXONOMY_FILE = SEED_DIR / "taxonomy.json"
DEMO_SERVICES_FILE = SEED_DIR / "demo" / "services.json"

demo_cli = AppGroup("demo", help="The fictional demo region.")
search_cli = AppGroup("search", help="The search index.")
marketplace_cli = AppGroup("marketplace", help="Bookings.")


def register_commands(app: Flask) -> None:
    from web.accounts.commands import users_cli
    from web.payments.commands import payments_cli

    for group in (users_cli, demo_cli, search_cli, marketplace_cli, payments_cli):
        app.cli.add_command(group)


@demo_cli.command("load")
@click.option("--force", is_flag=True, help="Import again even if the demo is already loaded.")
def load_demo(force: bool) -> None:
    """Load the demo taxonomy and listings through the ORUK importer, then rebuild the search index."""
    from web.services.indexing import index_sync_paused
    from web.services.oruk_import import import_services, import_taxonomies

    services = json.loads(DEMO_SERVICES_FILE.read_text(encoding="utf-8"))
    demo_ids = [record["id"] for record in services]
    loaded = db.session.scalar(select(func.count()).select_from(Service).where(Service.id.in_(demo_ids)))
    if loaded == len(demo_ids) and not force:
        click.echo(f"The demo is already loaded ({loaded} listings). Use --force to import it again.")
        _load_demo_marketplace()
        _reindex_if_empty()
        return
    import_taxonomies(db.session, json.loads(TAXONOMY_FILE.read_text(encoding="utf-8")))
    # The demo region's listings are written to be shown, so they go live as they are added.
    report = import_services(db.session, services, new_listings=Publication.PUBLISHED)
    for error in report.errors:
        click.echo(f"Skipped: {error}", err=True)
    # The index is rebuilt below in one go, so the commit need not update it listing by listing.
    with index_sync_paused(db.session):
        db.session.commit()
    click.echo(
        f"Demo listings: {len(report.created)} added, {len(report.updated)} updated, "
        f"{len(report.unchanged)} unchanged, {len(report.errors)} skipped."
    )
    _load_demo_marketplace()
    _reindex()


@demo_cli.command("accounts")
def demo_accounts() -> None:
    """Print the demo-only sign-in details."""
    from seed_data.demo_marketplace import demo_accounts_text

    click.echo(demo_accounts_text())


def _load_demo_marketplace() -> None:
    from seed_data.demo_marketplace import load_demo_marketplace
    from web.services.indexing import index_sync_paused

    with index_sync_paused(db.session):
        businesses, accounts = load_demo_marketplace(db.session)
    click.echo(f"Demo marketplace: {businesses} bookable providers added, {accounts} demo accounts added.")


@search_cli.command("reindex")
def reindex() -> None:
    """Rebuild the search index from the database."""
    _reindex()


def _reindex() -> None:
    from web.services.index_store import get_index
    from web.services.indexing import indexed_documents

    documents = list(indexed_documents(db.session))
    with click.progressbar(length=len(documents), label="Indexing listings") as bar:
        # The index reports how many listings are done so far; the bar wants the step since last time.
        count = get_index().rebuild(documents, progress=lambda done: bar.update(done - bar.pos))
    click.echo(f"Indexed {count} listings.")


def _reindex_if_empty() -> None:
    """A second `make run` skips the import, but still builds the index if it has gone missing."""
    from search_index import SearchQuery
    from web.services.index_store import get_index

    if get_index().search(SearchQuery(per_page=1)).total == 0:
        _reindex()


@marketplace_cli.command("tick")
def marketplace_tick() -> None:
    """Expire unanswered requests, remind and auto-confirm delivered visits, and in a month's first days
    invoice last month's sessions to managed accounts and ISFs. Safe to run anywhere, often."""
    from web.marketplace.booking_lifecycle import tick
    from web.marketplace.notifications import notify
    from web.models.base import utcnow

    report = tick(db.session, utcnow(), notify=notify)
    click.echo(
        f"Expired {len(report.expired)}, reminded {len(report.reminded)}, "
        f"confirmed automatically {len(report.confirmed)}."
    )
    from web.payments.invoices import issue_due

    invoiced = issue_due(db.session, utcnow())
    if invoiced.issued:
        click.echo(f"Issued {len(invoiced.issued)} invoices for last month; emailed {invoiced.emailed}.")
