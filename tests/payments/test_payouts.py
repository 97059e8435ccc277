"""The payout ledger: what each provider is owed for card payments, the weekly file finance pays from,
and the rules that keep every penny paid exactly once."""

import csv
import io
import threading
from datetime import date, datetime

import pytest

from tests.factories import make_bookable_provider, make_user
from tests.payments.payout_data import paid, refunded
from web import create_app
from web.extensions import db
from web.models import User
from web.models.accounts import Role
from web.models.payments import HolderKind, MoneyHolder, PaymentMethod, PaymentPurpose
from web.models.payouts import Payout, PayoutItem, PayoutStatus
from web.payments import payouts

WEEK = date(2026, 11, 29)  # a Sunday
IN_WEEK = datetime(2026, 11, 25, 10, 0)
NEXT_WEEK = datetime(2026, 12, 2, 10, 0)
NOW = datetime(2026, 11, 30, 9, 0)  # the Monday after


@pytest.fixture
def world(app_context):
    business, offering, _ = make_bookable_provider()
    other, other_offering, _ = make_bookable_provider("Other Helpers", owner_email="other@example.org")
    return {
        "business": business,
        "offering": offering,
        "other": other,
        "other_offering": other_offering,
        "person": make_user("person@example.org"),
        "officer": make_user("officer@example.org", role=Role.OFFICER),
    }


def _rows(payout_list) -> list[dict]:
    return list(csv.DictReader(io.StringIO(payouts.payout_file(payout_list))))


def _pence(pounds: str) -> int:
    whole, pence = pounds.split(".")
    assert len(pence) == 2
    return int(whole) * 100 + int(pence)


def test_the_file_pays_each_provider_its_payments_less_fees_and_refunds(world):
    w = world
    first = paid(w["business"], w["offering"], w["person"], IN_WEEK, 2000)
    paid(w["business"], w["offering"], w["person"], IN_WEEK, 1999, fee_percent=10)  # fee 199
    late_fee = paid(
        w["business"], w["offering"], w["person"], IN_WEEK, 1000, purpose=PaymentPurpose.LATE_CANCELLATION
    )
    refunded(first, 750, IN_WEEK)
    paid(w["other"], w["other_offering"], w["person"], IN_WEEK, 3333)
    paid(w["business"], w["offering"], w["person"], NEXT_WEEK, 5000)  # after the week: not in this file

    made = payouts.make_weekly_payouts(db.session, WEEK, w["officer"], NOW)
    rows = _rows(made)

    assert list(rows[0]) == payouts.CSV_COLUMNS
    by_name = {row["Payee name"]: row for row in rows}
    assert by_name["Wigan Home Helpers"]["Amount (GBP)"] == "40.50"  # 2000 + 1800 + 1000 - 750
    assert by_name["Wigan Home Helpers"]["Number of sessions"] == "2"  # the late fee is not a session
    assert by_name["Other Helpers"]["Amount (GBP)"] == "33.33"
    assert by_name["Other Helpers"]["Number of sessions"] == "1"
    for row in rows:
        assert row["Week ending"] == "2026-11-29"
        payout = db.session.scalar(db.select(Payout).filter_by(reference=row["Payout reference"]))
        assert row["Provider reference"] == payouts.provider_reference(payout.business)
        # Every total is the sum of its lines, to the penny.
        assert _pence(row["Amount (GBP)"]) == sum(item.amount_pence for item in payout.items)
    assert late_fee.id in {i.payment_id for i in db.session.scalars(db.select(PayoutItem))}
    # The payment after the week's end is still owed, and nothing else is.
    assert payouts.owed_to(db.session, w["business"]).amount_pence == 5000
    assert payouts.owed_to(db.session, w["other"]).amount_pence == 0


def test_a_refund_after_the_payout_comes_off_the_next_one(world):
    w = world
    payment = paid(w["business"], w["offering"], w["person"], IN_WEEK, 2000)
    first_file = payouts.make_weekly_payouts(db.session, WEEK, w["officer"], NOW)
    assert _rows(first_file)[0]["Amount (GBP)"] == "20.00"

    refunded(payment, 500, NEXT_WEEK)
    paid(w["business"], w["offering"], w["person"], NEXT_WEEK, 3000)
    assert payouts.owed_to(db.session, w["business"]).amount_pence == 2500

    second_file = payouts.make_weekly_payouts(db.session, date(2026, 12, 6), w["officer"], NEXT_WEEK)
    row = _rows(second_file)[0]
    assert row["Amount (GBP)"] == "25.00"
    assert row["Number of sessions"] == "1"
    payout = second_file[0]
    assert sorted(item.amount_pence for item in payout.items) == [-500, 3000]
    # The first payout is as it was: what was sent to finance does not change afterwards.
    db.session.refresh(first_file[0])
    assert first_file[0].amount_pence == 2000


def test_refunds_alone_wait_for_a_week_with_money_to_pay(world):
    w = world
    payment = paid(w["business"], w["offering"], w["person"], IN_WEEK, 2000)
    payouts.make_weekly_payouts(db.session, WEEK, w["officer"], NOW)
    refunded(payment, 2000, NEXT_WEEK)

    assert payouts.make_weekly_payouts(db.session, date(2026, 12, 6), w["officer"], NEXT_WEEK) == []
    assert payouts.owed_to(db.session, w["business"]).amount_pence == -2000

    paid(w["business"], w["offering"], w["person"], datetime(2026, 12, 9, 10, 0), 3000)
    later = payouts.make_weekly_payouts(db.session, date(2026, 12, 13), w["officer"], NEXT_WEEK)
    assert _rows(later)[0]["Amount (GBP)"] == "10.00"


def test_invoiced_payments_are_never_paid_out(world):
    w = world
    managed = make_user("managed@example.org")
    db.session.add(
        MoneyHolder(
            user=managed,
            kind=HolderKind.MANAGED_ACCOUNT,
            name="Wigan Money",
            email="m@example.org",
            reference="R1",
        )
    )
    db.session.commit()
    invoiced = paid(w["business"], w["offering"], managed, IN_WEEK, 4000)
    assert invoiced.method is PaymentMethod.INVOICE
    refunded(invoiced, 1000, IN_WEEK)

    assert payouts.owed_to(db.session, w["business"]).amount_pence == 0
    assert payouts.make_weekly_payouts(db.session, WEEK, w["officer"], NOW) == []
    assert db.session.scalar(db.select(db.func.count()).select_from(PayoutItem)) == 0


def test_making_the_file_again_gives_the_same_file_and_pays_nothing_twice(world):
    w = world
    paid(w["business"], w["offering"], w["person"], IN_WEEK, 2000)
    first = payouts.make_weekly_payouts(db.session, WEEK, w["officer"], NOW)
    again = payouts.make_weekly_payouts(db.session, WEEK, w["officer"], NOW)

    assert [p.id for p in again] == [p.id for p in first]
    assert payouts.payout_file(again) == payouts.payout_file(first)
    assert db.session.scalar(db.select(db.func.count()).select_from(PayoutItem)) == 1


def test_the_week_ends_at_midnight_in_london(world):
    w = world
    week = date(2026, 6, 28)  # British Summer Time: London is an hour ahead of UTC
    inside = paid(w["business"], w["offering"], w["person"], datetime(2026, 6, 28, 22, 30), 1000)
    outside = paid(w["business"], w["offering"], w["person"], datetime(2026, 6, 28, 23, 30), 2000)

    made = payouts.make_weekly_payouts(db.session, week, w["officer"], datetime(2026, 6, 29, 9, 0))

    assert [item.payment_id for item in made[0].items] == [inside.id]
    assert payouts.owed_to(db.session, w["business"]).amount_pence == outside.amount_pence


def test_last_week_ending_is_the_sunday_before():
    assert payouts.last_week_ending(date(2026, 11, 30)) == WEEK  # Monday
    assert payouts.last_week_ending(date(2026, 12, 6)) == WEEK  # the next Sunday: that week is not over


def test_marking_the_file_paid(world):
    w = world
    paid(w["business"], w["offering"], w["person"], IN_WEEK, 2000)
    paid(w["other"], w["other_offering"], w["person"], IN_WEEK, 1000)
    payouts.make_weekly_payouts(db.session, WEEK, w["officer"], NOW)

    for bad, message in [
        (None, "Enter the date finance paid the file, like 27 3 2027"),
        (date(2026, 12, 1), "The date paid must be today or in the past"),
        (date(2026, 11, 29), "The date paid must be on or after the day the file was made"),
    ]:
        with pytest.raises(payouts.PayoutProblems) as refused:
            payouts.mark_paid(db.session, WEEK, bad, w["officer"], NOW)
        assert refused.value.problems == {"paid_on": message}
    assert all(p.status is PayoutStatus.EXPORTED for p in payouts.payouts_of_week(db.session, WEEK))

    assert payouts.mark_paid(db.session, WEEK, date(2026, 11, 30), w["officer"], NOW) == 2
    for payout in payouts.payouts_of_week(db.session, WEEK):
        assert (payout.status, payout.paid_on, payout.paid_by_id) == (
            PayoutStatus.PAID,
            date(2026, 11, 30),
            w["officer"].id,
        )
    with pytest.raises(payouts.PayoutProblems):
        payouts.mark_paid(db.session, WEEK, date(2026, 11, 30), w["officer"], NOW)


def test_a_name_that_looks_like_a_formula_is_written_as_text(world):
    w = world
    w["business"].trading_name = "=HYPERLINK(1)"
    db.session.commit()
    paid(w["business"], w["offering"], w["person"], IN_WEEK, 2000)
    rows = _rows(payouts.make_weekly_payouts(db.session, WEEK, w["officer"], NOW))
    assert rows[0]["Payee name"] == "'=HYPERLINK(1)"


@pytest.fixture
def race_app(app, app_context):
    """The same database through a second app, so each officer has a connection of their own."""
    config = {
        key: app.config[key] for key in ("SQLALCHEMY_DATABASE_URI", "INSTANCE_PATH", "SEARCH_INDEX_PATH")
    }
    config["SQLALCHEMY_ENGINE_OPTIONS"] = {"pool_size": 6, "max_overflow": 0}
    racing = create_app(config)
    yield racing
    with racing.app_context():
        db.engine.dispose()


def test_officers_making_the_file_at_once_pay_each_payment_once(race_app, world):
    w = world
    for i in range(6):
        paid(w["business"], w["offering"], w["person"], IN_WEEK, 1000 + i)
        paid(w["other"], w["other_offering"], w["person"], IN_WEEK, 2000 + i)
    officers = [w["officer"].id] + [
        make_user(f"officer{i}@example.org", role=Role.OFFICER).id for i in range(3)
    ]
    barrier = threading.Barrier(len(officers), timeout=30)
    files: list[str] = []
    lock = threading.Lock()

    def export(officer_id: int) -> None:
        with race_app.app_context():
            officer = db.session.get(User, officer_id)
            barrier.wait()
            made = payouts.make_weekly_payouts(db.session, WEEK, officer, NOW)
            text = payouts.payout_file(made)
            db.session.remove()
            with lock:
                files.append(text)

    threads = [threading.Thread(target=export, args=(o,)) for o in officers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(files) == len(officers)
    assert len(set(files)) == 1  # every officer got the same file
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count()).select_from(Payout)) == 2
    assert db.session.scalar(db.select(db.func.count()).select_from(PayoutItem)) == 12
    amounts = {
        row["Payee name"]: _pence(row["Amount (GBP)"])
        for row in _rows(payouts.payouts_of_week(db.session, WEEK))
    }
    assert amounts == {"Wigan Home Helpers": 6015, "Other Helpers": 12015}
