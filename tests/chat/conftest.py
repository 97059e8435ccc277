"""Helpers for the chat tests.

The end-to-end test talks to the real Rasa server. The rendering tests need replies of a known shape,
so they start a small stand-in for Rasa's REST channel on 127.0.0.1 that answers with the replies a test
gives it and records what it was sent. "Rasa is down" is a closed loopback port.
"""

import json
import re
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from bs4 import BeautifulSoup

WEBHOOK = "/webhooks/rest/webhook"


def closed_port() -> int:
    """A loopback port nothing listens on: taken from the system, then released."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class RasaStandIn:
    url: str
    replies: list[dict[str, Any]] = field(default_factory=list)
    status: int = 200
    raw_body: bytes | None = None  # sent instead of the replies, for broken answers
    intent: str | None = None  # what the tracker endpoint names; None answers 404 (API off)
    received: list[dict[str, Any]] = field(default_factory=list)


def _handler(stand_in: RasaStandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            stand_in.received.append(json.loads(self.rfile.read(length)))
            body = (
                stand_in.raw_body if stand_in.raw_body is not None else json.dumps(stand_in.replies).encode()
            )
            self._answer(stand_in.status if self.path == WEBHOOK else 404, body)

        def do_GET(self) -> None:
            if stand_in.intent and re.match(r"^/conversations/[^/]+/tracker", self.path):
                tracker = {"latest_message": {"text": "never stored", "intent": {"name": stand_in.intent}}}
                self._answer(200, json.dumps(tracker).encode())
            else:
                self._answer(404, b"{}")

        def _answer(self, status: int, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


@contextmanager
def serve_rasa_stand_in() -> Iterator[RasaStandIn]:
    """A stand-in Rasa REST channel on 127.0.0.1, served from a thread."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    stand_in = RasaStandIn(url=f"http://127.0.0.1:{server.server_port}")
    server.RequestHandlerClass = _handler(stand_in)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield stand_in
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def rasa_stand_in(app) -> Iterator[RasaStandIn]:
    """The stand-in, with the app pointed at it for one test."""
    previous = app.config["RASA_URL"]
    with serve_rasa_stand_in() as stand_in:
        app.config["RASA_URL"] = stand_in.url
        try:
            yield stand_in
        finally:
            app.config["RASA_URL"] = previous


@pytest.fixture
def rasa_down(app) -> Iterator[None]:
    previous = app.config["RASA_URL"]
    app.config["RASA_URL"] = f"http://127.0.0.1:{closed_port()}"
    yield
    app.config["RASA_URL"] = previous


def parse(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def text_of(element) -> str:
    return re.sub(r"\s+", " ", element.get_text(" ")).strip()


def conversation_entries(soup: BeautifulSoup) -> list[str]:
    """The text of each entry in the conversation, in order."""
    return [text_of(item) for item in soup.select(".app-chat-entry")]


def send(client, message: str, follow: bool = True):
    return client.post("/chat", data={"message": message}, follow_redirects=follow)


def text_reply(text: str) -> dict[str, Any]:
    return {"recipient_id": "someone", "text": text}


def listing_reply(
    *results: dict[str, Any], total: int = 9, search_url: str = "/search?q=dementia", text: str | None = None
) -> dict:
    return {
        "recipient_id": "someone",
        "text": text if text is not None else f"I found {total} places. Here are the nearest.",
        "custom": {"type": "listings", "results": list(results), "search_url": search_url, "total": total},
    }


def listing(name: str = "Wigan Memory Cafe", **overrides: object) -> dict[str, object]:
    result = {
        "id": "6a1f6a2e-4c1e-4d8b-9a55-0d5b7e1c2f10",
        "name": name,
        "url": "http://127.0.0.1:5000/services/6a1f6a2e-4c1e-4d8b-9a55-0d5b7e1c2f10",
        "summary": "A relaxed cafe for people living with dementia and their carers.",
        "where": "0.3 miles away",
        "when": "Tuesdays, 10am to 12 noon",
        "cost": "Free",
        "phone": "01942 111 222",
    }
    result.update(overrides)
    return result
