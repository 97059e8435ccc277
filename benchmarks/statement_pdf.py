"""The statement PDF for a year of weekly sessions: ours (two queries for every line, charges and refunds,
each joined to its booking, offering and provider) against the naive way (the payments, then a query
per line for its booking, offering, provider and refunds), side by side.

It makes a throwaway SQLite database (or uses --postgres-url, whose tables it drops and remakes), adds
one person with --weeks weekly sessions charged a day after each visit, every 7th partly refunded and
every 10th a late cancellation fee, then times building the statement's lines and its PDF --repeat
times each way, and checks both ways give the same totals to the penny.

    .venv/bin/python benchmarks/statement_pdf.py [--weeks 52] [--repeat 20]
        [--postgres-url postgresql://postgres@127.0.0.1:5432/statement_benchmark]
"""

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event, select

from tests.factories import make_bookable_provider, make_booking, make_user
from tests.payments.money import charge, refund
from web import create_app
from web.config import database_url
from web.extensions import db
from web.marketplace.budgets import utc_bounds
from web.models.marketplace import BookingStatus
from web.models.payments import Payment, PaymentPurpose, PaymentStatus, RefundStatus
from web.payments import statements
from web.payments.statements import Statement, StatementLine


def make_year(weeks: int):
    business, offering, _ = make_bookable_provider()
    person = make_user("person@example.org")
    first = datetime(2027, 1, 4, 10)
    for week in range(weeks):
        starts = first + timedelta(weeks=week)
        booking = make_booking(business, offering, person, now=starts, starts_in=timedelta(0))
        paid_at = starts + timedelta(days=1)
        if week % 10 == 9:
            booking.status = BookingStatus.CANCELLED_BY_PERSON
            charge(booking, 1000, paid_at, PaymentPurpose.LATE_CANCELLATION)
        else:
            booking.status = BookingStatus.CONFIRMED
            payment = charge(booking, 2000 + week, paid_at)
            if week % 7 == 3:
                refund(payment, 667, paid_at + timedelta(days=2))
    return person, first.date(), (first + timedelta(weeks=weeks)).date()


def naive_statement(person, first: date, last: date) -> Statement:
    """The same statement read a line at a time, as code walking the relationships would."""
    start, until = utc_bounds(first, last)
    ids = db.session.scalars(
        select(Payment.id).where(Payment.payer_id == person.id, Payment.status == PaymentStatus.SUCCEEDED)
    ).all()
    events = []
    for payment_id in ids:
        payment = db.session.get(Payment, payment_id)
        booking = payment.booking
        line = {
            "provider": payment.business.trading_name,
            "service": statements.service_words(
                payment.purpose.label, booking.offering.name, payment.purpose is PaymentPurpose.VISIT
            ),
            "minutes": booking.delivered_minutes or booking.minutes,
            "reference": statements.payment_reference(payment),
            "payment_id": payment.id,
        }
        if start <= payment.succeeded_at < until:
            on = statements.london_date(payment.succeeded_at)
            events.append((payment.succeeded_at, 0, {**line, "on": on, "amount_pence": payment.amount_pence}))
        for given_back in payment.refunds:
            if given_back.status is RefundStatus.SUCCEEDED and start <= given_back.succeeded_at < until:
                on = statements.london_date(given_back.succeeded_at)
                refund_line = {**line, "on": on, "amount_pence": 0, "refund_pence": given_back.amount_pence}
                events.append((given_back.succeeded_at, 1, refund_line))
    events.sort(key=lambda e: (e[0], e[1], e[2]["payment_id"]))
    result = Statement(person.display_name, "", first, last)
    running = 0
    for _, _, line in events:
        line.setdefault("refund_pence", 0)
        running += line["amount_pence"] - line["refund_pence"]
        result.lines.append(StatementLine(**line, running_total_pence=running))
    return result


def timed(build, repeat: int) -> tuple[float, float, int, Statement]:
    """Median milliseconds for the lines alone and with the PDF, and SQL statements per statement."""
    count = [0]

    def counter(*_args):
        count[0] += 1

    lines_ms, pdf_ms = [], []
    for _ in range(repeat):
        db.session.expire_all()  # every run reads the database afresh, as a new request would
        event.listen(db.engine, "before_cursor_execute", counter)
        count[0] = 0
        started = time.perf_counter()
        statement = build()
        lines_done = time.perf_counter()
        event.remove(db.engine, "before_cursor_execute", counter)
        statements.statement_pdf(statement)
        finished = time.perf_counter()
        lines_ms.append((lines_done - started) * 1000)
        pdf_ms.append((finished - started) * 1000)
    return statistics.median(lines_ms), statistics.median(pdf_ms), count[0], statement


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--postgres-url")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = (
            database_url(args.postgres_url) if args.postgres_url else f"sqlite:///{folder}/statement.sqlite3"
        )
        app = create_app(
            {"SQLALCHEMY_DATABASE_URI": url, "INSTANCE_PATH": Path(folder), "WTF_CSRF_ENABLED": False}
        )
        with app.app_context():
            db.drop_all()
            db.create_all()
            person, first, last = make_year(args.weeks)
            ours = timed(lambda: statements.statement_for(db.session, person, first, last), args.repeat)
            naive = timed(lambda: naive_statement(person, first, last), args.repeat)
            assert ours[3].net_pence == naive[3].net_pence and len(ours[3].lines) == len(naive[3].lines)
            print(f"{url.split(':')[0]}: {args.weeks} weekly sessions, {len(ours[3].lines)} statement lines")
            print(f"{'':8}{'lines ms':>10}{'lines+PDF ms':>14}{'SQL statements':>16}")
            for name, (lines_ms, pdf_ms, queries, _) in (("ours", ours), ("naive", naive)):
                print(f"{name:8}{lines_ms:10.1f}{pdf_ms:14.1f}{queries:16}")
            print(f"total paid £{statements.pounds(ours[3].net_pence)} both ways")
            db.session.remove()
            if args.postgres_url:
                db.drop_all()
            db.engine.dispose()


if __name__ == "__main__":
    main()
