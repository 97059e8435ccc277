"""Issuing the month's invoices to managed accounts and ISFs, the PDF and email they make, and marking
them paid."""

import re
import threading
from datetime import date, datetime

import pytest
from itsdangerous import URLSafeSerializer

from tests.factories import make_bookable_provider, make_user
from tests.payments.invoicing import clear_mail, confirmed_visit, hold_money, mails, pdf_text
from web import create_app
from web.extensions import db
from web.models.invoices import Invoice, InvoiceLine, InvoiceStatus
from web.models.payments import HolderKind, Payment, PaymentMethod, PaymentStatus
from web.payments import ledger
from web.payments.holders import HolderDetails, set_holder
from web.payments.invoice_pdf import invoice_pdf
from web.payments.invoices import (
    PAID_LINK_SALT,
    MonthNotOver,
    invoice_for_token,
    issue_due,
    issue_invoices,
    mark_paid,
    paid_link_token,
    parse_month,
)

NOVEMBER = date(2026, 11, 1)
ISSUED_AT = datetime(2026, 12, 1, 6, 0)  # UTC


@pytest.fixture
def world(app, app_context):
    clear_mail(app)
    business, offering, _owner = make_bookable_provider()
    other_business, other_offering, _ = make_bookable_provider(
        "Leigh Gardeners", owner_email="leigh@example.org"
    )
    person = make_user("person@example.org")
    hold_money(person)
    return {
        "business": business,
        "offering": offering,
        "other_business": other_business,
        "other_offering": other_offering,
        "person": person,
    }


def test_one_invoice_per_person_per_provider_with_every_session(world):
    w = world
    first = confirmed_visit(w["business"], w["offering"], w["person"], datetime(2026, 11, 5, 14, 0))
    second = confirmed_visit(
        w["business"],
        w["offering"],
        w["person"],
        datetime(2026, 11, 19, 16, 0),
        minutes=90,
        amount_pence=2550,
    )
    garden = confirmed_visit(
        w["other_business"], w["other_offering"], w["person"], datetime(2026, 11, 20, 12)
    )
    confirmed_visit(w["business"], w["offering"], w["person"], datetime(2026, 12, 1, 12, 0))  # next month
    assert first.method is PaymentMethod.INVOICE

    issued = issue_invoices(db.session, NOVEMBER, ISSUED_AT)

    assert len(issued) == 2
    helpers = next(i for i in issued if i.business_id == w["business"].id)
    assert {line.payment_id for line in helpers.lines} == {first.id, second.id}
    assert helpers.total_pence == 4550 == sum(line.amount_pence for line in helpers.lines)
    assert [line.minutes for line in helpers.lines] == [60, 90]
    assert helpers.holder_name == "Wigan Money Management" and helpers.holder_reference == "DP-0042"
    assert helpers.month == NOVEMBER and helpers.issued_on == date(2026, 12, 1)
    assert helpers.status is InvoiceStatus.ISSUED
    gardens = next(i for i in issued if i.business_id == w["other_business"].id)
    assert [line.payment_id for line in gardens.lines] == [garden.id]
    assert sorted(i.number for i in issued) == ["INV-2026-00001", "INV-2026-00002"]
    # Nothing is paid until the holder pays.
    db.session.expire_all()
    assert db.session.get(Payment, first.id).status is PaymentStatus.PENDING


def test_running_again_issues_nothing_twice(world):
    w = world
    confirmed_visit(w["business"], w["offering"], w["person"], datetime(2026, 11, 5, 14, 0))
    assert len(issue_invoices(db.session, NOVEMBER, ISSUED_AT)) == 1

    assert issue_invoices(db.session, NOVEMBER, ISSUED_AT) == []
    assert db.session.query(Invoice).count() == 1 and db.session.query(InvoiceLine).count() == 1


def test_the_month_is_the_month_in_london(world):
    w = world
    # 23:30 UTC on 30 September is 00:30 on 1 October in London (summer time).
    october = confirmed_visit(w["business"], w["offering"], w["person"], datetime(2026, 9, 30, 23, 30))

    assert issue_invoices(db.session, date(2026, 9, 1), ISSUED_AT) == []
    [invoice] = issue_invoices(db.session, date(2026, 10, 1), ISSUED_AT)
    assert [line.payment_id for line in invoice.lines] == [october.id]


def test_card_payments_and_waived_ones_are_not_invoiced(world):
    w = world
    card_payer = make_user("card@example.org")
    card = confirmed_visit(w["business"], w["offering"], card_payer, datetime(2026, 11, 5, 14, 0))
    waived = confirmed_visit(w["business"], w["offering"], w["person"], datetime(2026, 11, 6, 14, 0))
    ledger.advance(db.session, waived, PaymentStatus.CANCELLED, ISSUED_AT)
    db.session.commit()
    assert card.method is PaymentMethod.CARD

    assert issue_invoices(db.session, NOVEMBER, ISSUED_AT) == []


def test_numbers_follow_on_within_a_year_and_start_again_in_the_next(world):
    w = world
    confirmed_visit(w["business"], w["offering"], w["person"], datetime(2026, 10, 5, 14, 0))
    confirmed_visit(w["business"], w["offering"], w["person"], datetime(2026, 11, 5, 14, 0))
    confirmed_visit(w["business"], w["offering"], w["person"], datetime(2026, 12, 5, 14, 0))

    [october] = issue_invoices(db.session, date(2026, 10, 1), datetime(2026, 11, 1, 7, 0))
    [november] = issue_invoices(db.session, NOVEMBER, ISSUED_AT)
    [december] = issue_invoices(db.session, date(2026, 12, 1), datetime(2027, 1, 1, 7, 0))

    assert (october.number, november.number, december.number) == (
        "INV-2026-00001",
        "INV-2026-00002",
        "INV-2027-00001",
    )


def test_the_pdf_reads_back_with_number_reference_each_session_and_total(world):
    w = world
    confirmed_visit(w["business"], w["offering"], w["person"], datetime(2026, 11, 5, 14, 0))
    confirmed_visit(
        w["business"],
        w["offering"],
        w["person"],
        datetime(2026, 11, 19, 16, 0),
        minutes=90,
        amount_pence=2550,
    )
    [invoice] = issue_invoices(db.session, NOVEMBER, ISSUED_AT)

    text = pdf_text(invoice_pdf(invoice))

    assert "Invoice INV-2026-00001" in text
    assert "Date issued: 1 December 2026" in text
    assert "For sessions in: November 2026" in text
    assert "Reference: DP-0042" in text
    assert "Wigan Home Helpers" in text and "Wigan Money Management" in text
    assert re.search(r"5 November 2026\s+Help at home\s+1 hour\s+£20\.00", text), text
    assert re.search(r"19 November 2026\s+Help at home\s+1 hour 30 minutes\s+£25\.50", text), text
    assert re.search(r"Total\s+£45\.50", text), text


def test_letters_the_pdf_fonts_lack_do_not_break_it(world):
    w = world
    details = HolderDetails(HolderKind.ISF, "Łódź Care — Ścieżka", "isf@example.org", "R-1")
    set_holder(db.session, w["person"].id, details)
    confirmed_visit(w["business"], w["offering"], w["person"], datetime(2026, 11, 5, 14, 0))
    [invoice] = issue_invoices(db.session, NOVEMBER, ISSUED_AT)

    text = pdf_text(invoice_pdf(invoice))

    assert "Lodz Care - Sciezka" in text


def test_the_holder_is_emailed_the_pdf_and_a_link_to_mark_it_paid(app, world):
    w = world
    confirmed_visit(w["business"], w["offering"], w["person"], datetime(2026, 11, 5, 14, 0))
    runner = app.test_cli_runner()

    result = runner.invoke(args=["payments", "invoices", "--month", "2026-11"])

    assert result.exit_code == 0, result.output
    assert "Issued 1 invoices for November 2026; emailed 1." in result.output
    [message] = mails(app)
    assert message["To"] == "accounts@example.org"
    assert message["Subject"] == "Invoice INV-2026-00001"
    body = message.get_body(("plain",)).get_content()
    assert "Reference: DP-0042" in body and "Total: £20.00" in body
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == "INV-2026-00001.pdf"
    assert attachment.get_content_type() == "application/pdf"
    assert "Reference: DP-0042" in pdf_text(attachment.get_content())
    token = re.search(r"/payments/invoices/paid/(\S+)", body).group(1)
    assert invoice_for_token(db.session, token).number == "INV-2026-00001"
    # Run again: nothing new, nothing sent.
    result = runner.invoke(args=["payments", "invoices", "--month", "2026-11"])
    assert "Issued 0 invoices" in result.output and len(mails(app)) == 1


def test_the_command_refuses_a_month_it_cannot_read(app, world):
    result = app.test_cli_runner().invoke(args=["payments", "invoices", "--month", "November"])

    assert result.exit_code != 0
    assert "Give the month like 2026-11" in result.output


def test_a_month_is_invoiced_only_once_it_is_over(app, world):
    w = world
    confirmed_visit(w["business"], w["offering"], w["person"], datetime(2026, 11, 5, 14, 0))

    with pytest.raises(MonthNotOver, match="November 2026 is not over yet"):
        issue_invoices(db.session, NOVEMBER, datetime(2026, 11, 30, 23, 59))
    result = app.test_cli_runner().invoke(args=["payments", "invoices", "--month", "2999-01"])
    assert result.exit_code != 0 and "January 2999 is not over yet" in result.output
    assert db.session.query(Invoice).count() == 0


def test_a_changed_token_finds_nothing(app, world):
    w = world
    confirmed_visit(w["business"], w["offering"], w["person"], datetime(2026, 11, 5, 14, 0))
    [invoice] = issue_invoices(db.session, NOVEMBER, ISSUED_AT)
    token = paid_link_token(invoice)

    assert invoice_for_token(db.session, token).id == invoice.id
    assert invoice_for_token(db.session, token[:5] + ("x" if token[5] != "x" else "y") + token[6:]) is None
    assert (
        invoice_for_token(db.session, URLSafeSerializer("another key", salt=PAID_LINK_SALT).dumps(invoice.id))
        is None
    )
    assert (
        invoice_for_token(db.session, URLSafeSerializer(app.config["SECRET_KEY"]).dumps(invoice.id)) is None
    )
    assert invoice_for_token(db.session, "not-a-token") is None


def test_marking_paid_pays_every_session_once(world):
    w = world
    payments = [
        confirmed_visit(w["business"], w["offering"], w["person"], datetime(2026, 11, day, 14, 0))
        for day in (5, 12)
    ]
    [invoice] = issue_invoices(db.session, NOVEMBER, ISSUED_AT)
    paid_at = datetime(2026, 12, 4, 10, 0)

    assert mark_paid(db.session, invoice, paid_at)
    assert not mark_paid(db.session, invoice, datetime(2026, 12, 5, 10, 0))

    assert invoice.status is InvoiceStatus.PAID and invoice.paid_at == paid_at and invoice.paid_by_id is None
    db.session.expire_all()
    for payment in payments:
        stored = db.session.get(Payment, payment.id)
        assert stored.status is PaymentStatus.SUCCEEDED and stored.succeeded_at == paid_at
    assert "Paid on 4 December 2026" in pdf_text(invoice_pdf(invoice))


def test_the_scheduler_issues_last_months_invoices_in_the_first_days_only(world):
    w = world
    confirmed_visit(w["business"], w["offering"], w["person"], datetime(2026, 11, 5, 14, 0))

    assert issue_due(db.session, datetime(2026, 11, 20, 6, 0)).issued == []  # November is not over
    assert issue_due(db.session, datetime(2026, 12, 15, 6, 0)).issued == []  # not the first days
    report = issue_due(db.session, datetime(2026, 12, 2, 6, 0))
    assert [invoice.month for invoice in report.issued] == [NOVEMBER] and report.emailed == 1
    assert issue_due(db.session, datetime(2026, 12, 3, 6, 0)).issued == []


def test_parse_month():
    assert parse_month(" 2026-11 ") == NOVEMBER


# ---- Two runs at once ---------------------------------------------------------------------------


@pytest.fixture
def race_app(app, app_context):
    config = {
        key: app.config[key]
        for key in ("SQLALCHEMY_DATABASE_URI", "INSTANCE_PATH", "SEARCH_INDEX_PATH", "MAIL_DIR")
    }
    config["SQLALCHEMY_ENGINE_OPTIONS"] = {"pool_size": 6, "max_overflow": 0, "pool_timeout": 60}
    racing = create_app(config)
    yield racing
    with racing.app_context():
        db.engine.dispose()


def test_two_runs_at_once_invoice_each_session_once_with_unbroken_numbers(world, race_app):
    w = world
    people = [w["person"]] + [make_user(f"person{i}@example.org") for i in range(3)]
    for person in people[1:]:
        hold_money(person)
    expected = set()
    for person in people:
        for business, offering in (
            (w["business"], w["offering"]),
            (w["other_business"], w["other_offering"]),
        ):
            expected.add(confirmed_visit(business, offering, person, datetime(2026, 11, 5, 14, 0)).id)
    runs = 4
    barrier = threading.Barrier(runs, timeout=30)
    counts: list[int] = []
    errors: list[BaseException] = []

    def run() -> None:
        with race_app.app_context():
            try:
                barrier.wait()
                counts.append(len(issue_invoices(db.session, NOVEMBER, ISSUED_AT)))
            except BaseException as error:  # reported below
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run) for _ in range(runs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    db.session.expire_all()
    invoices = db.session.query(Invoice).all()
    assert sum(counts) == len(invoices) == 8
    assert sorted(i.sequence for i in invoices) == list(range(1, 9))
    lines = db.session.query(InvoiceLine).all()
    assert sorted(line.payment_id for line in lines) == sorted(expected)


def test_marking_paid_from_two_places_at_once_marks_it_once(world, race_app):
    w = world
    payment = confirmed_visit(w["business"], w["offering"], w["person"], datetime(2026, 11, 5, 14, 0))
    [invoice] = issue_invoices(db.session, NOVEMBER, ISSUED_AT)
    invoice_id, payment_id = invoice.id, payment.id
    clicks = 4
    barrier = threading.Barrier(clicks, timeout=30)
    marked: list[bool] = []

    def click(minute: int) -> None:
        with race_app.app_context():
            try:
                mine = db.session.get(Invoice, invoice_id)
                barrier.wait()
                marked.append(mark_paid(db.session, mine, datetime(2026, 12, 4, 10, minute)))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=click, args=(minute,)) for minute in range(clicks)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(marked) == [False, False, False, True]
    db.session.expire_all()
    stored = db.session.get(Invoice, invoice_id)
    assert stored.status is InvoiceStatus.PAID
    assert db.session.get(Payment, payment_id).succeeded_at == stored.paid_at
