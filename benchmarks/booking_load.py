"""Booking requests under load: 50 concurrent clients POST booking requests over HTTP to gunicorn
(2 workers) on loopback, on SQLite and PostgreSQL side by side.

For each database it makes a fresh instance (as benchmarks/load_test.py does, with its helpers),
migrates it, adds one bookable provider and 50 people, and signs each person in over HTTP. Then:

1. the race: all 50 ask for the same time at once; exactly one may get it;
2. the load: each client sends --requests requests for times picked at random from a small pool, so
   most are "taken" and some succeed.

It prints requests a second, p50 and p95 latency, successes, "taken" answers, "busy" answers (SQLite's
write lock not got in time) and other errors, and then counts double bookings in the database: any two
bookings of the provider that hold overlapping time (this must be 0).

    .venv/bin/python benchmarks/booking_load.py [--requests 10] [--databases sqlite postgresql]
        [--postgres-url postgresql://postgres@127.0.0.1:5432/booking_benchmark]
"""

import argparse
import http.client
import json
import os
import random
import re
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from load_test import (
    PROJECT_ROOT,
    PYTHON,
    WORKERS,
    _check_loopback,
    _empty_postgres_database,
    _gunicorn,
    _instance_env,
    _load_average,
    _run,
)

CLIENTS = 50
PASSWORD = "benchmark password 1"  # noqa: S105 (made-up accounts in a throwaway instance)
DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/booking_benchmark"
TAKEN = "That time has just been taken"
BUSY = "A lot of people are booking at the moment"
SLOT_POOL = 40  # times the load picks from: fewer than the requests, so most requests clash
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@dataclass
class Outcome:
    seconds: list[float] = field(default_factory=list)
    successes: int = 0
    taken: int = 0
    busy: int = 0
    errors: int = 0
    elapsed: float = 0.0

    def add(self, other: "Outcome") -> None:
        self.seconds += other.seconds
        self.successes += other.successes
        self.taken += other.taken
        self.busy += other.busy
        self.errors += other.errors


class Client:
    """One signed-in person with their own session cookie, a new connection per request."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.csrf = ""

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode()
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    key, _, rest = value.partition("=")
                    self.cookies[key] = rest.split(";", 1)[0]
            return response.status, response.getheader("Location") or "", text
        finally:
            connection.close()

    def sign_in(self, email: str, offering_id: str) -> None:
        status, _, page = self.request("GET", "/account/sign-in")
        token = CSRF.search(page).group(1)
        status, _, _ = self.request(
            "POST", "/account/sign-in", {"csrf_token": token, "email": email, "password": PASSWORD}
        )
        if status != 302:
            sys.exit(f"Could not sign in {email}: {status}")
        status, _, page = self.request("GET", f"/book/{offering_id}")
        if status != 200:
            sys.exit(f"The booking page answered {status}")
        self.csrf = CSRF.search(page).group(1)

    def book(self, offering_id: str, start: str, outcome: Outcome) -> None:
        form = {"csrf_token": self.csrf, "start": start, "minutes": "30", "weeks": "1", "visits": "1"}
        form["visit_address"] = "1 Benchmark Road, Wigan WN1 1AA"
        began = time.perf_counter()
        status, location, page = self.request("POST", f"/book/{offering_id}/check", form)
        outcome.seconds.append(time.perf_counter() - began)
        if status == 302 and location.startswith("/book/sent/"):
            outcome.successes += 1
        elif status == 400 and TAKEN in page:
            outcome.taken += 1
        elif status == 400 and BUSY in page:
            outcome.busy += 1
        else:
            outcome.errors += 1


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--requests", type=int, default=10, help="requests per client in the load (default 10)"
    )
    parser.add_argument(
        "--databases", nargs="+", choices=("sqlite", "postgresql"), default=["sqlite", "postgresql"]
    )
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("BOOKING_BENCHMARK_DATABASE_URL", DEFAULT_POSTGRES_URL),
        help="a PostgreSQL database on loopback, created if missing and emptied first",
    )
    args = parser.parse_args()
    if "postgresql" in args.databases:
        _check_loopback(args.postgres_url)
        _empty_postgres_database(args.postgres_url)
    print(f"gunicorn workers: {WORKERS}  clients: {CLIENTS}  load average: {_load_average()}")
    results = {}
    with tempfile.TemporaryDirectory(prefix="booking-benchmark-") as tmp:
        for database in args.databases:
            url = args.postgres_url if database == "postgresql" else None
            results[database] = _measure(Path(tmp) / database, url, args.requests)
    print(f"Load average at the end: {_load_average()}")
    _print_table(results)


def _measure(instance: Path, postgres_url: str | None, requests: int) -> dict:
    instance.mkdir(parents=True)
    env = _instance_env(PROJECT_ROOT, instance, postgres_url)
    name = "postgresql" if postgres_url else "sqlite"
    print(f"\n{name}: migrating and adding a provider and {CLIENTS} people...", flush=True)
    _run([PYTHON, "-m", "flask", "--app", "wsgi", "db", "upgrade"], PROJECT_ROOT, env)
    seeded = json.loads(_run([PYTHON, __file__, "seed"], PROJECT_ROOT, env))
    offering_id = seeded["offering"]
    with _gunicorn(PROJECT_ROOT, "load_apps:directory_app()", env, instance / "gunicorn.log") as base_url:
        port = urlsplit(base_url).port
        clients = [Client(port) for _ in range(CLIENTS)]
        _all_at_once(
            [
                lambda c=c, e=e: c.sign_in(e, offering_id)
                for c, e in zip(clients, seeded["emails"], strict=True)
            ]
        )
        print("  signed in; the race...", flush=True)
        first_day = date.fromisoformat(seeded["first_day"])
        race_start = f"{first_day.isoformat()}T10:00"
        race = _run_clients(clients, lambda c, o: c.book(offering_id, race_start, o))
        pool = [_slot(first_day + timedelta(days=1 + i // 20), i % 20) for i in range(SLOT_POOL)]
        print("  the load...", flush=True)

        def load(client: Client, outcome: Outcome) -> None:
            for _ in range(requests):
                client.book(offering_id, random.choice(pool), outcome)

        loaded = _run_clients(clients, load)
    counted = json.loads(_run([PYTHON, __file__, "count"], PROJECT_ROOT, env))
    return {"race": race, "load": loaded, **counted}


def _slot(day: date, half_hours_after_eight: int) -> str:
    hours, half = divmod(half_hours_after_eight, 2)
    return f"{day.isoformat()}T{8 + hours:02d}:{30 * half:02d}"


def _all_at_once(calls: list) -> None:
    threads = [threading.Thread(target=call) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def _run_clients(clients: list[Client], work) -> Outcome:
    """Each client in its own thread, all released together."""
    outcomes = [Outcome() for _ in clients]
    gate = threading.Barrier(len(clients) + 1)

    def run(client: Client, outcome: Outcome) -> None:
        gate.wait()
        work(client, outcome)

    threads = [threading.Thread(target=run, args=pair) for pair in zip(clients, outcomes, strict=True)]
    for thread in threads:
        thread.start()
    gate.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    total = Outcome(elapsed=time.perf_counter() - began)
    for outcome in outcomes:
        total.add(outcome)
    return total


def _print_table(results: dict) -> None:
    print()
    header = f"{'':28}" + "".join(f"| {database:>12} " for database in results)
    print(header)
    print("-" * len(header))
    rows = [
        ("race: successes (must be 1)", lambda r: r["race"].successes),
        ("race: taken", lambda r: r["race"].taken),
        ("race: busy / errors", lambda r: f"{r['race'].busy} / {r['race'].errors}"),
        ("load: requests", lambda r: len(r["load"].seconds)),
        ("load: requests/s", lambda r: f"{len(r['load'].seconds) / r['load'].elapsed:.1f}"),
        ("load: p50 ms", lambda r: f"{_percentile(r['load'].seconds, 50):.0f}"),
        ("load: p95 ms", lambda r: f"{_percentile(r['load'].seconds, 95):.0f}"),
        ("load: successes", lambda r: r["load"].successes),
        ("load: taken", lambda r: r["load"].taken),
        ("load: busy / errors", lambda r: f"{r['load'].busy} / {r['load'].errors}"),
        ("bookings in the database", lambda r: r["bookings"]),
        ("double bookings (must be 0)", lambda r: r["double_bookings"]),
    ]
    for label, value in rows:
        print(f"{label:28}" + "".join(f"| {value(r)!s:>12} " for r in results.values()))


def _percentile(seconds: list[float], percent: int) -> float:
    return statistics.quantiles(seconds, n=100)[percent - 1] * 1000 if len(seconds) > 1 else 0.0


# ---- run in the instance's own environment (a subprocess) -------------------------------------------


def seed() -> None:
    """One provider free 08:00-20:00 every day with no notice or travel time, and 50 people."""
    from load_apps import directory_app

    from tests.factories import make_bookable_provider
    from web.extensions import db
    from web.marketplace.availability import LONDON
    from web.models import User
    from web.models.accounts import Role
    from web.services.passwords import hash_password

    app = directory_app()
    with app.app_context():
        _business, offering, _owner = make_bookable_provider(
            "Benchmark Helpers",
            weekly_hours=tuple((day, "08:00", "20:00") for day in range(7)),
            minimum_minutes=30,
            minimum_notice_hours=0,
            travel_minutes=0,
            max_bookings_per_day=100,
        )
        password_hash = hash_password(PASSWORD)  # once: hashing is slow on purpose
        emails = [f"person{i}@example.org" for i in range(CLIENTS)]
        db.session.add_all(
            User(email=e, display_name="Person", password_hash=password_hash, role=Role.PERSON)
            for e in emails
        )
        db.session.commit()
        first_day = datetime.now(LONDON).date() + timedelta(days=2)
        print(json.dumps({"offering": offering.id, "emails": emails, "first_day": first_day.isoformat()}))


def count() -> None:
    """Bookings held, and pairs of them for one provider whose held time overlaps."""
    from load_apps import directory_app
    from sqlalchemy import func, select
    from sqlalchemy.orm import aliased

    from web.extensions import db
    from web.models import Booking
    from web.models.marketplace import HOLDING_STATUSES

    app = directory_app()
    with app.app_context():
        a, b = aliased(Booking), aliased(Booking)
        overlapping = select(func.count()).where(
            a.business_id == b.business_id,
            a.id < b.id,
            a.blocked_from < b.blocked_until,
            b.blocked_from < a.blocked_until,
            a.status.in_(HOLDING_STATUSES),
            b.status.in_(HOLDING_STATUSES),
        )
        held = select(func.count()).select_from(Booking).where(Booking.status.in_(HOLDING_STATUSES))
        print(
            json.dumps(
                {"bookings": db.session.scalar(held), "double_bookings": db.session.scalar(overlapping)}
            )
        )


if __name__ == "__main__":
    {"seed": seed, "count": count}.get(sys.argv[1] if len(sys.argv) > 1 else "", main)()
