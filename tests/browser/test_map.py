"""The map is an extra: drawn only with JavaScript and a configured tile server, here one on loopback."""

import base64
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.browser.conftest import only_loopback, serve_app

pytestmark = pytest.mark.browser

# A 1x1 transparent PNG: every tile the map asks for.
TILE = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


class TileHandler(BaseHTTPRequestHandler):
    requested: list[str] = []

    def do_GET(self):
        TileHandler.requested.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(TILE)))
        self.end_headers()
        self.wfile.write(TILE)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def tile_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), TileHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def map_server(live_server, tile_server, tmp_path_factory):
    # live_server first: it skips the module when chromium or the assets are missing.
    settings = {"MAP_TILE_URL": tile_server + "/{z}/{x}/{y}.png", "MAP_TILE_ATTRIBUTION": "Test tiles"}
    with serve_app(tmp_path_factory.mktemp("map_app"), **settings) as server:
        yield server


def test_results_map_shows_a_marker_for_each_venue_and_keeps_the_list(browser, map_server):
    context = browser.new_context(base_url=map_server.url)
    context.route("**/*", only_loopback(map_server))
    page = context.new_page()
    page.goto("/search?q=dementia&location=WN1+1AA")
    page.locator(".app-map.leaflet-container").wait_for()
    # Venues only: home visits and phone services have no single place to mark.
    assert page.locator(".leaflet-marker-icon").count() == 2
    assert page.locator(".app-result").count() == 4
    assert TileHandler.requested, "the map asked the configured tile server for tiles"
    assert map_server.blocked_requests == []
    context.close()


def test_without_javascript_there_is_no_map_only_the_list(browser, map_server):
    context = browser.new_context(base_url=map_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/search?q=dementia&location=WN1+1AA")
    assert not page.locator(".app-map").is_visible()
    assert page.locator(".app-result").count() == 4
    context.close()
