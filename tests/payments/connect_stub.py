"""A small stand-in for Stripe's Connect endpoints on loopback (localstripe has no Connect): it answers
as Stripe does and keeps every request, so tests can check the form fields the stripe library sent."""

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest


@dataclass
class Seen:
    method: str
    path: str
    form: dict[str, str]
    headers: dict[str, str]


@dataclass
class ConnectStub:
    url: str = ""
    requests: list[Seen] = field(default_factory=list)
    ready: bool = False  # whether the accounts have finished onboarding
    accounts: list[str] = field(default_factory=list)

    def posted(self, path: str) -> list[Seen]:
        return [seen for seen in self.requests if seen.method == "POST" and seen.path == path]


ACCOUNT = "acct_1StubConnect"


def _answer(stub: ConnectStub, seen: Seen) -> tuple[int, dict]:
    if seen.method == "POST" and seen.path == "/v1/accounts":
        stub.accounts.append(ACCOUNT + (str(len(stub.accounts) + 1) if stub.accounts else ""))
        return 200, _account(stub.accounts[-1], False)
    if seen.method == "GET" and seen.path.removeprefix("/v1/accounts/") in stub.accounts:
        return 200, _account(seen.path.removeprefix("/v1/accounts/"), stub.ready)
    if seen.method == "POST" and seen.path == "/v1/account_links":
        return 200, {
            "object": "account_link",
            "url": f"https://connect.stripe.com/setup/e/{seen.form['account']}/stub",
            "created": 1_800_000_000,
            "expires_at": 1_800_000_300,
        }
    if seen.method == "POST" and seen.path == "/v1/payment_intents":
        return 200, {
            "id": "pi_1StubConnect",
            "object": "payment_intent",
            "status": "succeeded",
            "amount": int(seen.form["amount"]),
            "metadata": {},
        }
    return 404, {"error": {"type": "invalid_request_error", "message": "Unrecognized request URL"}}


def _account(account_id: str, ready: bool) -> dict:
    return {
        "id": account_id,
        "object": "account",
        "type": "express",
        "charges_enabled": ready,
        "payouts_enabled": ready,
        "details_submitted": ready,
    }


def serve() -> tuple[ConnectStub, ThreadingHTTPServer]:
    stub = ConnectStub()

    class Handler(BaseHTTPRequestHandler):
        def _handle(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode() if length else ""
            path, _, query = self.path.partition("?")
            form = {key: values[-1] for key, values in parse_qs(body or query).items()}
            seen = Seen(self.command, path, form, dict(self.headers))
            stub.requests.append(seen)
            status, answer = _answer(stub, seen)
            payload = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = _handle

        def log_message(self, *args):  # keep the test output quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    stub.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return stub, server


@pytest.fixture
def connect_stub(app):
    """The app with Connect on (and a 5% platform fee) talking to the stand-in, for one test."""
    stub, server = serve()
    before = {key: app.config[key] for key in ("STRIPE_API_BASE", "STRIPE_CONNECT", "PLATFORM_FEE_PERCENT")}
    app.config.update(STRIPE_API_BASE=stub.url, STRIPE_CONNECT=True, PLATFORM_FEE_PERCENT=5)
    app.extensions["stripe_client"] = None
    yield stub
    app.config.update(before)
    app.extensions["stripe_client"] = None
    server.shutdown()
