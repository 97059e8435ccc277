"""Card payments through localstripe on loopback, ours beside the naive way.

1. Confirmed to charged: the time from a booking's payment row being opened (its confirmation) to the
   row saying it is paid, over --charges charges. Ours reuses one Stripe client (one kept-alive
   connection) and takes the status from the charge's own answer; the naive way makes a new client per
   charge and asks Stripe again for the PaymentIntent before writing the row.
2. Reconcile over --payments payments (made in localstripe and the database, a few of them with the
   PaymentIntent id never written, as after a process killed mid-charge). Ours reads the rows in one
   query and lists Stripe's PaymentIntents a page of 100 at a time; the naive way retrieves each row's
   PaymentIntent one by one (and cannot find the rows whose id was never written); on a busy machine
   --naive-rows measures it over fewer rows and scales the time to all of them, saying so.

    .venv/bin/python benchmarks/payments_benchmark.py [--charges 300] [--payments 10000] [--lost 100]
        [--database-url postgresql://postgres@127.0.0.1:5432/payments_benchmark]
"""

import argparse
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import requests

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from tests.factories import make_bookable_provider, make_user  # noqa: E402
from tests.payments import cards  # noqa: E402
from web import create_app  # noqa: E402
from web.extensions import db  # noqa: E402
from web.models.base import utcnow  # noqa: E402
from web.models.marketplace import Booking  # noqa: E402
from web.models.payments import Payment, PaymentPurpose, PaymentStatus  # noqa: E402
from web.payments import gateway, ledger, localstripe_server  # noqa: E402
from web.payments.reconcile import reconcile  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--charges", type=int, default=300)
    parser.add_argument("--payments", type=int, default=10_000)
    parser.add_argument(
        "--lost", type=int, default=100, help="payments whose PaymentIntent id was never written"
    )
    parser.add_argument("--database-url", default="", help="PostgreSQL to use instead of a new SQLite file")
    parser.add_argument(
        "--naive-rows", type=int, default=0, help="retrieve only this many rows the naive way"
    )
    args = parser.parse_args()

    port = localstripe_server.free_port()
    server = localstripe_server.start(port)
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(
            {
                "TESTING": True,
                "SQLALCHEMY_DATABASE_URI": args.database_url or f"sqlite:///{tmp}/payments.sqlite3",
                "INSTANCE_PATH": Path(tmp),
                "SEARCH_INDEX_PATH": Path(tmp) / "search_index",
                "MAIL_DIR": Path(tmp) / "mail",
                "STRIPE_API_BASE": base,
                "STRIPE_SECRET_KEY": "sk_test_localstripe",
                "STRIPE_NETWORK_RETRIES": 0,
                "STRIPE_TIMEOUT_SECONDS": 120,  # localstripe slows as it fills up
            }
        )
        try:
            with app.app_context():
                db.drop_all()
                db.create_all()
                print(f"Database: {db.engine.dialect.name}; localstripe on {base}")
                world = _world(base)
                _confirmed_to_charged(world, args.charges)
                _reconcile_many(world, base, args.payments, args.lost, args.naive_rows)
                db.session.remove()
                db.drop_all()
        finally:
            server.kill()
            server.wait()


def _world(base: str) -> dict:
    business, offering, _ = make_bookable_provider()
    person = make_user("person@example.org")
    customer = gateway.create_customer("person@example.org", "Sam", idempotency_key="customer-bench")
    started = gateway.start_saving_card(customer, idempotency_key="setup-bench")
    cards.finish_setup(base, started.setup_intent_id)
    method = gateway.saved_card(started.setup_intent_id).payment_method_id
    return {
        "business": business,
        "offering": offering,
        "person": person,
        "customer": customer,
        "method": method,
    }


def _payments(world: dict, count: int) -> list[Payment]:
    """`count` visits' payments opened at once, as their confirmations would."""
    now = utcnow().replace(microsecond=0)
    bookings = []
    for number in range(count):
        starts = now + timedelta(days=1, hours=2 * number)
        bookings.append(
            Booking(
                business=world["business"],
                offering=world["offering"],
                booker=world["person"],
                starts_at=starts,
                minutes=60,
                blocked_from=starts - timedelta(minutes=15),
                blocked_until=starts + timedelta(minutes=75),
                price_pence=2000,
                total_pence=2000,
                free_cancellation_hours=24,
                late_fee_percent=50,
                requested_at=now,
            )
        )
    db.session.add_all(bookings)
    db.session.flush()
    payments = [ledger.open_payment(db.session, booking, PaymentPurpose.VISIT, 2000) for booking in bookings]
    db.session.commit()
    return payments


def _charge(world: dict, payment: Payment) -> gateway.Charge:
    return gateway.charge_saved_card(
        amount_pence=payment.amount_pence,
        customer_id=world["customer"],
        payment_method_id=world["method"],
        idempotency_key=payment.idempotency_key,
        metadata={"payment_id": payment.id, "for": "Visit"},
    )


def _confirmed_to_charged(world: dict, count: int) -> None:
    from flask import current_app

    def ours(payment: Payment) -> None:
        charge = _charge(world, payment)
        ledger.apply_intent_status(db.session, payment, charge.status, utcnow(), charge.payment_intent_id)
        db.session.commit()

    def naive(payment: Payment) -> None:
        current_app.extensions["stripe_client"] = None  # a new client and connection for each charge
        charge = _charge(world, payment)
        status = gateway.payment_intent(charge.payment_intent_id).status
        ledger.apply_intent_status(db.session, payment, status, utcnow(), charge.payment_intent_id)
        db.session.commit()

    print(f"\nConfirmed to charged, {count} charges each (milliseconds)")
    print(f"  {'':<40}{'p50':>8}{'p95':>8}{'per second':>12}")
    for name, take in (
        ("ours (one client, status from the answer)", ours),
        ("naive (new client, read back)", naive),
    ):
        seconds = []
        started_all = time.perf_counter()
        for _ in range(count // 50 + (count % 50 > 0)):
            for payment in _payments(world, min(50, count - len(seconds))):
                started = time.perf_counter()
                take(payment)
                seconds.append(time.perf_counter() - started)
        elapsed = time.perf_counter() - started_all
        print(f"  {name:<40}{_ms(seconds, 50):>8.1f}{_ms(seconds, 95):>8.1f}{len(seconds) / elapsed:>12.1f}")
    current_app.extensions["stripe_client"] = None


def _ms(seconds: list[float], percent: int) -> float:
    return statistics.quantiles(seconds, n=100)[percent - 1] * 1000


def _reconcile_many(world: dict, base: str, count: int, lost: int, naive_rows: int) -> None:
    print(f"\nReconcile over {count} payments ({lost} with the PaymentIntent id never written)")
    started = time.perf_counter()
    payments = _payments(world, count)
    with ThreadPoolExecutor(4) as pool:  # straight over HTTP: the setup is not what is measured
        work = [(payment.id, payment.amount_pence) for payment in payments]  # read here, not in the threads
        made = list(pool.map(lambda row: _made_in_localstripe(world, base, *row), work))
    ids = dict(made)
    now = utcnow()
    for number, payment in enumerate(payments):
        if number >= lost:
            payment.status, payment.stripe_payment_intent_id = PaymentStatus.SUCCEEDED, ids[payment.id]
            payment.succeeded_at = now
    db.session.commit()
    checked_rows = db.session.query(Payment).count()
    print(f"  made in {time.perf_counter() - started:.0f} s; {checked_rows} payment rows in all")
    db.session.expunge_all()

    started = time.perf_counter()
    rows = db.session.query(Payment).all()
    looked_at = rows[: naive_rows or len(rows)]
    found = missing = 0
    for row in looked_at:  # the naive way: one retrieve per row
        if row.stripe_payment_intent_id:
            gateway.intent_seen(row.stripe_payment_intent_id)
            found += 1
        else:
            missing += 1
    naive_seconds = (time.perf_counter() - started) * len(rows) / len(looked_at)
    db.session.rollback()

    started = time.perf_counter()
    report = reconcile(db.session, utcnow())
    ours_seconds = time.perf_counter() - started
    started = time.perf_counter()
    again = reconcile(db.session, utcnow())
    again_seconds = time.perf_counter() - started

    print(f"  {'':<44}{'seconds':>9}{'completed':>11}")
    print(f"  {'ours (one query, listed 100 a page)':<44}{ours_seconds:>9.1f}{len(report.completed):>11}")
    print(f"  {'ours again (nothing left to complete)':<44}{again_seconds:>9.1f}{len(again.completed):>11}")
    naive = "naive (one retrieve per row)" + (" *" if len(looked_at) < len(rows) else "")
    print(f"  {naive:<44}{naive_seconds:>9.1f}{0:>11}")
    print(f"  the naive way read {found} PaymentIntents and could not look for {missing} rows without an id")
    if len(looked_at) < len(rows):
        print(f"  * measured over {len(looked_at)} of the {len(rows)} rows and scaled to all of them")
    print(f"  ours: {report.lines()[0]}")


_local = threading.local()


def _made_in_localstripe(world: dict, base: str, payment_id: str, amount_pence: int) -> tuple[str, str]:
    if not hasattr(_local, "http"):
        _local.http = requests.Session()
    made = _local.http.post(
        f"{base}/v1/payment_intents",
        data={
            "amount": amount_pence,
            "currency": "gbp",
            "customer": world["customer"],
            "payment_method": world["method"],
            "off_session": "true",
            "confirm": "true",
            "metadata[payment_id]": payment_id,
        },
        auth=("sk_test_localstripe", ""),
        timeout=30,
    )
    made.raise_for_status()
    return payment_id, made.json()["id"]


if __name__ == "__main__":
    main()
