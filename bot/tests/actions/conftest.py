"""Action tests run against the real web app: its /api/search on a loopback port, with the demo data.

The web app needs Python 3.11 and its own packages, so it runs in a subprocess with the project's .venv
(WEB_PYTHON overrides where that Python is).
"""

import os
import selectors
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.settings import get_settings

PROJECT_ROOT = Path(__file__).resolve().parents[3]
SERVER_SCRIPT = Path(__file__).with_name("directory_server.py")
WEB_PYTHON = Path(os.environ.get("WEB_PYTHON", PROJECT_ROOT / ".venv" / "bin" / "python"))
# Creating the database and indexing the demo region takes a while on a busy two-core machine.
SERVER_START_SECONDS = 240
COUNCIL_ENV = {
    "COUNCIL_NAME": "Test Borough Council",
    "COUNCIL_PHONE": "0161 000 1111",
    "COUNCIL_EMAIL": "help@test-council.example",
    "COUNCIL_OPENING_HOURS": "Monday to Thursday, 10am to 4pm",
    "SAFEGUARDING_PHONE": "0161 000 2222",
}


@pytest.fixture(scope="session")
def directory_url(tmp_path_factory) -> Iterator[str]:
    work_dir = tmp_path_factory.mktemp("directory")
    log_path = work_dir / "server.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [str(WEB_PYTHON), str(SERVER_SCRIPT), str(work_dir)],
            cwd=PROJECT_ROOT,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
        )
    try:
        port = _read_port(server, log_path)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def _read_port(server: subprocess.Popen, log_path: Path) -> int:
    assert server.stdout is not None
    selector = selectors.DefaultSelector()
    selector.register(server.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if selector.select(timeout=1):
            line = server.stdout.readline()
            if line.startswith("PORT "):
                return int(line.split()[1])
            if not line:
                break
    server.kill()
    pytest.fail(f"The test web server did not start:\n{log_path.read_text()[-3000:]}")


@pytest.fixture(autouse=True)
def action_settings(directory_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The actions read their settings once; each test starts from this environment."""
    monkeypatch.setenv("DIRECTORY_API_URL", directory_url)
    monkeypatch.delenv("SITE_URL", raising=False)
    for name, value in COUNCIL_ENV.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
def without_contract_fields(directory_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The web app's /api/search as it was before it reported widening and broader results."""
    monkeypatch.setenv("DIRECTORY_API_URL", f"{directory_url}/without-contract-fields")
    get_settings.cache_clear()


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


DEFAULT_SLOTS: dict[str, Any] = {
    "location": None,
    "day": None,
    "audience": None,
    "need_category": None,
    "need_text": None,
    "location_asked": False,
    "awaiting_location": False,
}


def entity(text: str, name: str, words: str, value: str | None = None) -> dict[str, Any]:
    """An entity as the NLU gives it: the words' place in the message and its (synonym-mapped) value."""
    start = text.index(words)
    return {"entity": name, "start": start, "end": start + len(words), "value": value or words}


def user_event(text: str, intent: str) -> dict[str, Any]:
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent, "confidence": 0.9}}}


def tracker_for(
    text: str,
    intent: str,
    entities: list[dict[str, Any]] | None = None,
    slots: dict[str, Any] | None = None,
    earlier: list[dict[str, Any]] | None = None,
) -> Tracker:
    latest = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": entities or []}
    events = [*(earlier or []), user_event(text, intent)]
    return Tracker(
        "test-person", {**DEFAULT_SLOTS, **(slots or {})}, latest, events, False, None, {}, "action_listen"
    )


def slot_events(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {event["name"]: event["value"] for event in events if event.get("event") == "slot"}
