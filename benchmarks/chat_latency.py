"""End-to-end reply latency of the assistant, as the chat panel sees it: POST /chat/messages on the web app,
through the real Rasa server and action server (and, for a search, back to the web app's /api/search).

Needs bot/.venv and a trained model in bot/models/ (`make bot-train`). Loads the demo region into a
temporary SQLite database, starts everything on loopback, warms up, then times N questions of each kind,
each in a fresh conversation, and prints p50/p95 side by side. For comparison it also times the same
questions sent straight to Rasa's REST webhook, which is the part Flask adds nothing to.

    .venv/bin/python benchmarks/chat_latency.py [-n 50] [--warm-up 5]
"""

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import requests

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from tests.chat.assistant_stack import (  # noqa: E402
    latest_model,
    missing_prerequisites,
    running_assistant,
    serve_in_thread,
)
from web import create_app  # noqa: E402
from web.extensions import db  # noqa: E402

QUESTIONS = {
    "search": "is there a dementia group near WN1 1AA",
    "knowledge": "what is a direct payment",
}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-n", type=int, default=50, help="timed questions of each kind (default 50)")
    parser.add_argument("--warm-up", type=int, default=5, help="untimed questions of each kind first")
    args = parser.parse_args()
    reason = missing_prerequisites()
    if reason:
        sys.exit(f"Cannot run the chat benchmark: {reason}")

    with tempfile.TemporaryDirectory() as tmp:
        tmp_dir = Path(tmp)
        app = demo_app(tmp_dir)
        print(f"Model: {latest_model().name}")
        with (
            serve_in_thread(app) as web_url,
            running_assistant(web_url, tmp_dir / "logs") as assistant,
        ):
            app.config["RASA_URL"] = assistant.rasa_url
            results: dict[str, dict[str, list[float]]] = {}
            for kind, question in QUESTIONS.items():
                through_flask = lambda q=question: ask_through_flask(web_url, q)  # noqa: E731
                straight_to_rasa = lambda q=question: ask_rasa(assistant.rasa_url, q)  # noqa: E731
                results[kind] = {
                    "/chat/messages": timed(through_flask, args.n, args.warm_up),
                    "Rasa webhook": timed(straight_to_rasa, args.n, args.warm_up),
                }
        print_table(results, args.n)


def demo_app(tmp_dir: Path):
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_dir / 'demo.sqlite3'}",
            "INSTANCE_PATH": tmp_dir,
            "SEARCH_INDEX_PATH": tmp_dir / "search_index",
            "MAIL_DIR": tmp_dir / "mail",
            "RATELIMIT_ENABLED": False,  # the benchmark sends far more than a person would
        }
    )
    with app.app_context():
        db.create_all()
    print("Loading the demo region...")
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    if result.exit_code != 0:
        sys.exit(f"Could not load the demo data:\n{result.output}")
    return app


def ask_through_flask(web_url: str, question: str) -> Callable[[], None]:
    """A fresh conversation (new cookie) each time, as a new visitor would have; only the post is timed."""
    http = requests.Session()
    token = http.get(f"{web_url}/chat/messages", timeout=10).json()["csrf_token"]

    def post() -> None:
        response = http.post(
            f"{web_url}/chat/messages", json={"message": question}, headers={"X-CSRFToken": token}, timeout=30
        )
        response.raise_for_status()
        if "cannot answer right now" in response.json()["html"]:
            raise RuntimeError(f"The assistant did not answer {question!r}")

    return post


def ask_rasa(rasa_url: str, question: str) -> Callable[[], None]:
    sender = f"benchmark-{time.monotonic_ns()}"

    def post() -> None:
        response = requests.post(
            f"{rasa_url}/webhooks/rest/webhook", json={"sender": sender, "message": question}, timeout=30
        )
        response.raise_for_status()

    return post


def timed(prepare: Callable[[], Callable[[], None]], n: int, warm_up: int) -> list[float]:
    for _ in range(warm_up):
        prepare()()
    durations = []
    for _ in range(n):
        send = prepare()
        started = time.perf_counter()
        send()
        durations.append((time.perf_counter() - started) * 1000)
    return durations


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def print_table(results: dict[str, dict[str, list[float]]], n: int) -> None:
    print(f"\nReply latency in ms, N={n} each after warm-up (p95 aim for search through /chat: < 300 ms)")
    print(f"{'':16}" + "".join(f"{kind + ' p50':>16}{kind + ' p95':>16}" for kind in results))
    routes = next(iter(results.values())).keys()
    for route in routes:
        cells = []
        for kind in results:
            values = results[kind][route]
            cells.append(f"{statistics.median(values):16.0f}{percentile(values, 0.95):16.0f}")
        print(f"{route:16}" + "".join(cells))


if __name__ == "__main__":
    main()
