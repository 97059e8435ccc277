"""Serve the real web app on a free loopback port with the demo data, for the action tests.

Run with the web app's own Python (3.11), not the bot's: `python directory_server.py <work dir>`.
It creates a fresh SQLite database and search index in the work dir, loads the demo region with the
app's own `demo load` command, then prints `PORT <n>` on one line and serves until it is killed.

/api/search carries three fields the assistant relies on (its contract with the web app): a top-level
"widened" (null, or what the directory did when too little was near: {"asked_km", "used_km", "message"}),
"broader": true on a result that is a broader match than the words asked for, and "bookable" (true or false)
on every result. While the web app does not send one, this server adds it from the app's own answers: it
asks the app again at the contract's steps (5, 10 and 20 miles) when a near search finds nothing, marks a
result broader when none of the words searched for is in its name or summary. The app sends "bookable"
itself. Once the app sends a field, it passes through untouched. Under /without-contract-fields/ the app
answers without the three fields, as it did before them, so tests can check the assistant copes without them.
"""

import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import parse_qs, urlencode

from flask import Flask
from werkzeug.serving import make_server
from werkzeug.test import Client
from werkzeug.wrappers import Request, Response

PROJECT_ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(PROJECT_ROOT))

from web import create_app  # noqa: E402  (the project root must be importable first)
from web.extensions import db  # noqa: E402

KM_PER_MILE = 1.609344
WIDENING_MILES = (5, 10, 20)
WITHOUT_CONTRACT_FIELDS = "/without-contract-fields"
CONTRACT_FIELDS = ("widened",)
RESULT_CONTRACT_FIELDS = ("broader", "broader_text", "bookable")


class SearchContractFields:
    """WSGI middleware: /api/search answers carry "widened", "broader" and "bookable", from the app or
    added here."""

    def __init__(self, flask_app: Flask, default_radius_km: float):
        self.flask_app = flask_app
        self.app = flask_app.wsgi_app
        self.client = Client(self.app)
        self.default_radius_km = default_radius_km

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        request = Request(environ)
        without_fields = request.path.startswith(WITHOUT_CONTRACT_FIELDS + "/")
        path = request.path.removeprefix(WITHOUT_CONTRACT_FIELDS) if without_fields else request.path
        if path != "/api/search":
            environ["PATH_INFO"] = path
            return self.app(environ, start_response)
        response = self.client.get("/api/search", query_string=request.query_string.decode())
        body = response.get_json(silent=True)
        if response.status_code == 200 and isinstance(body, dict):
            if without_fields:
                body = _without_contract_fields(body)
            else:
                if "widened" not in body:
                    body = self._with_contract_fields(request.query_string.decode(), body)
            response = Response(json.dumps(body), status=200, mimetype="application/json")
        return response(environ, start_response)

    def _with_contract_fields(self, query_string: str, body: dict) -> dict:
        params = {name: values[-1] for name, values in parse_qs(query_string).items()}
        body["widened"] = None
        if body["total"] == 0 and params.get("location") and not params.get("radius"):
            for miles in WIDENING_MILES:
                wider = self.client.get(
                    "/api/search", query_string=urlencode(params | {"radius": miles * KM_PER_MILE})
                )
                wider_body = wider.get_json()
                if wider.status_code == 200 and wider_body["total"]:
                    asked_miles = round(self.default_radius_km / KM_PER_MILE)
                    body = wider_body | {
                        "widened": {
                            "asked_km": self.default_radius_km,
                            "used_km": round(miles * KM_PER_MILE, 1),
                            "message": f"Nothing within {asked_miles} miles. These are within {miles} miles.",
                        }
                    }
                    break
        words = [word for word in (params.get("q") or "").lower().split() if len(word) > 2]
        for result in body["results"]:
            text = f"{result.get('name', '')} {result.get('summary') or ''}".lower()
            result.setdefault("broader", bool(words) and not any(word in text for word in words))
        return body


def _without_contract_fields(body: dict) -> dict:
    for name in CONTRACT_FIELDS:
        body.pop(name, None)
    for result in body["results"]:
        for name in RESULT_CONTRACT_FIELDS:
            result.pop(name, None)
    return body


def main(work_dir: Path) -> None:
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{work_dir / 'directory.sqlite3'}",
            "INSTANCE_PATH": work_dir,
            "SEARCH_INDEX_PATH": work_dir / "search_index",
            "MAIL_DIR": work_dir / "mail",
            "RATELIMIT_ENABLED": False,
        }
    )
    with app.app_context():
        db.create_all()
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    if result.exit_code != 0:
        sys.stderr.write(result.output)
        raise SystemExit(f"demo load failed: {result.exception!r}")
    served = SearchContractFields(app, float(app.config["SEARCH_DEFAULT_RADIUS_KM"]))
    server = make_server("127.0.0.1", 0, served, threaded=True)
    print(f"PORT {server.server_port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
