"""A live server for the browser tests, and Debian's Chromium driven by Playwright.

The app runs on 127.0.0.1 with its own temporary SQLite database and search index, seeded with a few
listings near WN1 1AA. Every request the browser makes to anywhere else is refused and recorded, so a
test can prove nothing was fetched from the internet.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from flask import Flask
from werkzeug.serving import make_server

from tests.factories import make_service, make_term, weekly
from tests.prerequisites import missing_prerequisite
from web import create_app
from web.extensions import db
from web.models import AccessibilityFeature, ListingKind

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE_SCRIPT = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
BUILT_CSS = PROJECT_ROOT / "web" / "static" / "build" / "govuk" / "govuk-frontend.min.css"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _skip_unless_ready() -> None:
    if not CHROMIUM.exists():
        missing_prerequisite(
            "Browser tests need Debian's chromium at /usr/bin/chromium: apt-get install chromium"
        )
    if not AXE_SCRIPT.exists() or not BUILT_CSS.exists():
        missing_prerequisite(
            "Browser tests need the npm packages and built assets: run `npm ci && npm run build`"
        )


def seed_listings() -> None:
    make_term("dementia", "Dementia")
    make_term("carers_breaks", "Carers' breaks")
    make_service(
        "Wigan Memory Cafe",
        categories=("dementia",),
        audiences=("carers",),
        description="A relaxed cafe for people living with dementia and the people who care for them.",
        accessibility=(AccessibilityFeature.STEP_FREE, AccessibilityFeature.HEARING_LOOP),
        schedules=(weekly("TU", "10:00", "12:00"),),
        phone="01942 111 222",
        email="memorycafe@example.org",
    )
    make_service(
        "Dementia Helpers at Home",
        kind=ListingKind.MICRO_PROVIDER,
        categories=("dementia",),
        description="Help at home for people with dementia: shopping, cooking and company.",
        visiting_radius_km=10,
        is_free=False,
        dp_payable=True,
        price=Decimal("18"),
    )
    make_service(
        "Dementia Friends on the Phone",
        categories=("dementia",),
        description="A weekly phone call for people living with dementia.",
        postcode=None,
        by_phone=True,
    )
    make_service(
        "Wigan Community Hub",
        kind=ListingKind.COMMUNITY_HUB,
        categories=("carers_breaks",),
        description="Drop in for advice, a cafe and activities, including dementia support.",
        schedules=(weekly("MO,TU,WE,TH,FR", "09:00", "17:00"),),
        latitude=53.548,
        longitude=-2.64,
    )


@dataclass
class LiveServer:
    url: str
    app: Flask
    blocked_requests: list[str] = field(default_factory=list)


@contextmanager
def serve_app(tmp_dir: Path, **settings) -> Iterator[LiveServer]:
    """The app with a fresh seeded database and index, served from a thread on 127.0.0.1."""
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_dir / 'browser.sqlite3'}",
            "INSTANCE_PATH": tmp_dir,
            "SEARCH_INDEX_PATH": tmp_dir / "search_index",
            "MAIL_DIR": tmp_dir / "mail",
            "MAP_TILE_URL": "",
            **settings,
        }
    )
    with app.app_context():
        db.create_all()
        seed_listings()
        db.session.remove()
        # The server thread opens its own SQLite connections.
        db.engine.dispose()

    server = make_server("127.0.0.1", 0, app, threaded=False)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LiveServer(url=f"http://127.0.0.1:{server.server_port}", app=app)
    finally:
        server.shutdown()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory) -> Iterator[LiveServer]:
    _skip_unless_ready()
    with serve_app(tmp_path_factory.mktemp("browser_app")) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    _skip_unless_ready()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def only_loopback(live_server: LiveServer):
    def handle(route):
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            live_server.blocked_requests.append(route.request.url)
            route.abort()

    return handle


@pytest.fixture(params=[True, False], ids=["with-javascript", "without-javascript"])
def page(request, browser, live_server):
    """A fresh browser tab, once with JavaScript on and once with it off."""
    context = browser.new_context(java_script_enabled=request.param, base_url=live_server.url)
    context.route("**/*", only_loopback(live_server))
    tab = context.new_page()
    tab.javascript_enabled = request.param
    tab.csp_errors = []
    tab.on("console", lambda message: _note_csp_error(tab, message))
    yield tab
    context.close()


@pytest.fixture
def js_page(browser, live_server):
    """A tab with JavaScript on, for axe-core."""
    context = browser.new_context(base_url=live_server.url)
    context.route("**/*", only_loopback(live_server))
    tab = context.new_page()
    tab.csp_errors = []
    tab.on("console", lambda message: _note_csp_error(tab, message))
    yield tab
    context.close()


def _note_csp_error(tab, message) -> None:
    if "Content Security Policy" in message.text:
        tab.csp_errors.append(message.text)
