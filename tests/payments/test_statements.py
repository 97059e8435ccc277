"""Statements over a generated year of weekly sessions, with refunds and late fees: the totals equal the
sum of the lines to the penny on the page, in the CSV, in the PDF and in the audit pack, each parsed back."""

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from pypdf import PdfReader

from tests.factories import make_bookable_provider, make_booking, make_user
from tests.payments.money_rows import charge, refund
from tests.statements import counted_statements
from web.extensions import db
from web.marketplace import budgets
from web.models.budgets import BudgetPeriod
from web.models.marketplace import BookingStatus
from web.models.payments import HolderKind, MoneyHolder, Payment, PaymentPurpose, PaymentStatus
from web.payments import ledger
from web.payments.statements import audit_pack, pounds, quarter_before, statement_for, statement_query

PASSWORD = "correct horse battery"
YEAR = {"first": ["1", "1", "2027"], "last": ["31", "12", "2027"]}


def query(first=("1", "1", "2027"), last=("31", "12", "2027")) -> str:
    return urlencode([("first", v) for v in first] + [("last", v) for v in last])


def sign_in(client, email_address):
    assert (
        client.post("/account/sign-in", data={"email": email_address, "password": PASSWORD}).status_code
        == 302
    )


def pdf_text(body: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)


def to_pence(text: str) -> int:
    return int(Decimal(text) * 100)


@dataclass
class Year:
    charged: int  # what the statement for 2027 must show, worked out as the rows were made
    refunded: int
    references: list[str]
    payment_ids: list[str]


def make_year(person, business, offering, other_business, other_offering) -> Year:
    """52 weekly sessions from Monday 4 January 2027, at prices with odd pence, alternating providers;
    every 7th partly refunded three days later, every 10th cancelled late with a fee instead."""
    charged = refunded = 0
    references, payment_ids = [], []
    for week in range(52):
        starts = datetime(2027, 1, 4, 10) + timedelta(weeks=week)
        biz, off = (business, offering) if week % 2 == 0 else (other_business, other_offering)
        price = 1850 + (week % 3) * 333 + week
        booking = make_booking(
            biz,
            off,
            person,
            now=starts,
            starts_in=timedelta(0),
            total_pence=price,
            minutes=60 + 30 * (week % 2),
        )
        paid_at = starts + timedelta(hours=26)
        if week % 10 == 9:
            booking.status = BookingStatus.CANCELLED_BY_PERSON
            fee = price // 2
            payment = charge(booking, fee, paid_at, PaymentPurpose.LATE_CANCELLATION)
            charged += fee
        else:
            booking.status = BookingStatus.CONFIRMED
            payment = charge(booking, price, paid_at)
            charged += price
            if week % 7 == 3:
                back = price // 3
                refunded_at = paid_at + timedelta(days=3)
                refund(payment, back, refunded_at)
                refunded += back if refunded_at.year == 2027 else 0
        references.append(payment.stripe_payment_intent_id)
        payment_ids.append(payment.id)
    return Year(charged, refunded, references, payment_ids)


@pytest.fixture
def world(client):
    business, offering, _ = make_bookable_provider()
    other_business, other_offering, _ = make_bookable_provider(
        "Leigh Companions", owner_email="other@example.org"
    )
    person = make_user("person@example.org")
    another = make_user("another@example.org")
    budgets.record_budget(
        db.session,
        person.id,
        budgets.BudgetDetails(2500, BudgetPeriod.WEEK, date(2027, 1, 4), None, "WIG-DP-000123", 0),
    )
    year = make_year(person, business, offering, other_business, other_offering)
    # Not on the person's 2027 statement: another person's payment, one not taken yet, one from 2026.
    charge(
        make_booking(business, offering, another, now=datetime(2027, 5, 1, 10)), 4444, datetime(2027, 5, 2)
    )
    waiting = make_booking(business, offering, person, now=datetime(2027, 6, 9, 14))
    ledger.open_payment(db.session, waiting, PaymentPurpose.VISIT, 7777)
    db.session.commit()
    charge(
        make_booking(business, offering, person, now=datetime(2026, 12, 1, 10)),
        5555,
        datetime(2026, 12, 31, 23, 0),
    )
    sign_in(client, "person@example.org")
    return {"client": client, "person": person, "year": year}


def test_every_total_equals_the_sum_of_its_lines_to_the_penny_over_a_year(world):
    person, year = world["person"], world["year"]
    statement = statement_for(db.session, person, date(2027, 1, 1), date(2027, 12, 31), "WIG-DP-000123")

    assert statement.charged_pence == year.charged
    assert statement.refunded_pence == year.refunded
    assert statement.net_pence == year.charged - year.refunded
    charges = [line for line in statement.lines if line.amount_pence]
    refunds = [line for line in statement.lines if line.refund_pence]
    assert len(charges) == 52 and len(refunds) == 7  # the last refund falls on 2028's statement
    assert [line.on for line in statement.lines] == sorted(line.on for line in statement.lines)
    running = 0
    for line in statement.lines:
        running += line.amount_pence - line.refund_pence
        assert line.running_total_pence == running
    assert running == statement.net_pence
    assert sum(1 for line in charges if line.service.startswith("Late cancellation fee")) == 5
    assert {line.provider for line in statement.lines} == {"Wigan Home Helpers", "Leigh Companions"}


def test_the_csv_parses_back_with_totals_equal_to_its_lines(world):
    client, year = world["client"], world["year"]
    response = client.get(f"/payments/statement.csv?{query()}")
    assert response.status_code == 200
    assert (
        response.headers["Content-Disposition"]
        == 'attachment; filename="statement-2027-01-01-to-2027-12-31.csv"'
    )
    assert response.headers["Cache-Control"] == "no-store"
    rows = list(csv.DictReader(io.StringIO(response.text)))
    lines, total = rows[:-1], rows[-1]
    assert total["Date"] == "Total"
    assert sum(to_pence(r["Amount"]) for r in lines) == to_pence(total["Amount"]) == year.charged
    assert sum(to_pence(r["Refunds"]) for r in lines) == to_pence(total["Refunds"]) == year.refunded
    assert (
        to_pence(lines[-1]["Running total"])
        == to_pence(total["Running total"])
        == year.charged - year.refunded
    )
    assert {r["Payment reference"] for r in lines} == set(year.references)
    first = lines[0]
    assert (first["Date"], first["Provider"], first["Service"], first["Length"]) == (
        "2027-01-05",
        "Wigan Home Helpers",
        "Help at home",
        "1 hr",
    )
    assert lines[1]["Length"] == "1 hr 30 min"


def test_the_pdf_parses_back_with_the_person_the_dates_every_line_and_the_totals(world):
    client, year = world["client"], world["year"]
    response = client.get(f"/payments/statement.pdf?{query()}")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = pdf_text(response.data)
    assert "Statement of payments" in text
    assert "Sam" in text and "WIG-DP-000123" in text
    assert "1 January 2027 to 31 December 2027" in text
    assert f"Total charged £{pounds(year.charged)}" in text
    assert f"Total refunded £{pounds(year.refunded)}" in text
    assert f"Total paid £{pounds(year.charged - year.refunded)}" in text
    for reference in year.references:
        assert reference in text
    assert "pi_test" in text and text.count("pi_test_") == 52 + 7  # every charge and every refund line
    assert len(PdfReader(io.BytesIO(response.data)).pages) > 1


def test_the_audit_pack_holds_the_statement_and_a_receipt_for_every_payment(world):
    client, year = world["client"], world["year"]
    response = client.get(f"/payments/audit-pack.zip?{query()}")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    pack = zipfile.ZipFile(io.BytesIO(response.data))
    assert pack.testzip() is None
    names = pack.namelist()
    assert "statement-2027-01-01-to-2027-12-31.csv" in names
    assert "statement-2027-01-01-to-2027-12-31.pdf" in names
    receipts = [n for n in names if n.startswith("receipts/")]
    assert len(receipts) == 52
    assert (
        pack.read("statement-2027-01-01-to-2027-12-31.csv").decode()
        == client.get(f"/payments/statement.csv?{query()}").text
    )
    assert "WIG-DP-000123" in pdf_text(pack.read("statement-2027-01-01-to-2027-12-31.pdf"))
    amounts = 0
    for name in receipts:
        text = pdf_text(pack.read(name))
        assert "Receipt" in text and "Paid by Sam" in text
        reference = name.removesuffix(".pdf").split("-", 4)[-1]
        assert f"Payment reference {reference}" in text
        amounts += to_pence(text.split("Amount £", 1)[1].split()[0].replace(",", ""))
    assert amounts == year.charged


def test_a_receipt_shows_the_payment_and_what_was_refunded(world):
    client, year = world["client"], world["year"]
    refunded = year.payment_ids[3]  # week 4: refunded a third
    response = client.get(f"/payments/receipts/{refunded}.pdf")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith(
        'attachment; filename="receipt-2027-01-26-pi_test_'
    )
    text = pdf_text(response.data)
    price = 1850 + 0 * 333 + 3
    assert "Paid to Leigh Companions" in text and "Provider's phone 01942 000000" in text
    assert f"Amount £{pounds(price)}" in text
    assert f"Refunded £{pounds(price // 3)}" in text
    assert f"Paid in the end £{pounds(price - price // 3)}" in text
    assert "Visit 25 January 2027" in text and "How it was paid Card" in text


def test_a_payment_not_taken_yet_has_no_receipt(world):
    waiting = db.session.scalar(db.select(Payment).where(Payment.status == PaymentStatus.PENDING))
    assert world["client"].get(f"/payments/receipts/{waiting.id}.pdf").status_code == 404


def test_the_statement_page_shows_the_lines_totals_and_downloads(world):
    client, year = world["client"], world["year"]
    page = client.get(f"/payments/statement?{query()}")
    assert page.status_code == 200
    assert "1 January 2027 to 31 December 2027" in page.text
    assert page.text.count('class="govuk-table__row"') == 1 + 52 + 7
    assert f"/payments/audit-pack.zip?{query()}" in page.text.replace("&amp;", "&")
    assert f"/payments/receipts/{year.payment_ids[0]}.pdf" in page.text


def test_a_charge_late_on_31_march_in_summer_time_is_on_1_april(client):
    business, offering, _ = make_bookable_provider()
    person = make_user("self@example.org")
    booking = make_booking(business, offering, person, now=datetime(2027, 3, 31, 10))
    charge(booking, 2000, datetime(2027, 3, 31, 23, 30))  # 00:30 on 1 April in London

    assert statement_for(db.session, person, date(2027, 3, 1), date(2027, 3, 31)).lines == []
    (line,) = statement_for(db.session, person, date(2027, 4, 1), date(2027, 4, 30)).lines
    assert line.on == date(2027, 4, 1)


def test_someone_paying_for_themselves_gets_a_statement_without_a_budget(client):
    business, offering, _ = make_bookable_provider()
    person = make_user("self@example.org")
    charge(
        make_booking(business, offering, person, now=datetime(2027, 2, 1, 10)), 2000, datetime(2027, 2, 2, 9)
    )
    sign_in(client, "self@example.org")
    text = pdf_text(client.get(f"/payments/statement.pdf?{query()}").data)
    assert "Council reference None given" in text and "Total paid £20.00" in text
    rows = list(csv.reader(io.StringIO(client.get(f"/payments/statement.csv?{query()}").text)))
    assert rows[-1] == ["Total", "", "", "", "20.00", "", "0.00", "20.00"]
    assert "Add your budget" in client.get("/budget").text


def test_a_statement_with_nothing_in_it_says_so(world):
    page = world["client"].get(f"/payments/statement?{query(('1', '1', '2025'), ('31', '1', '2025'))}")
    assert "No payments or refunds between these dates" in page.text
    text = pdf_text(
        world["client"].get(f"/payments/statement.pdf?{query(('1', '1', '2025'), ('31', '1', '2025'))}").data
    )
    assert "No payments or refunds between these dates" in text and "Total paid £0.00" in text


@pytest.mark.parametrize(
    "path", ["/payments/statement", "/payments/statement.csv", "/payments/audit-pack.zip"]
)
@pytest.mark.parametrize(
    ("first", "last", "field", "message"),
    [
        (("", "", ""), ("31", "12", "2027"), "first", "Enter the date the statement starts from"),
        (("1", "1", "2027"), ("", "", ""), "last", "Enter the date the statement goes up to"),
        (
            ("31", "2", "2027"),
            ("31", "12", "2027"),
            "first",
            "The date the statement starts from must be a real date",
        ),
        (
            ("1", "1", "2027"),
            ("1", "", "2027"),
            "last",
            "The date the statement goes up to must be a real date",
        ),
        (
            ("1", "1", "2027"),
            ("31", "12", "2026"),
            "last",
            "must be the same as or after the date it starts from",
        ),
        (("1", "1", "2027"), ("1", "1", "2029"), "last", "A statement can cover up to 2 years"),
    ],
)
def test_bad_dates_are_refused_beside_the_field(client, path, first, last, field, message):
    make_user("person@example.org")
    sign_in(client, "person@example.org")
    page = client.get(f"{path}?{query(first, last)}")
    assert page.status_code == 400
    assert page.mimetype == "text/html"
    assert message in page.text
    assert f'href="#{field}' in page.text


def test_two_years_less_a_day_is_allowed(world):
    response = world["client"].get(
        f"/payments/statement.csv?{query(('1', '1', '2027'), ('31', '12', '2028'))}"
    )
    assert response.status_code == 200


def test_the_statement_and_audit_pack_read_the_same_few_queries_for_a_month_or_a_year(world):
    person = world["person"]

    def queries(last: date) -> tuple[int, int]:
        db.session.expire_all()
        person_id = person.id  # loaded before counting, as the signed-in user already is
        with counted_statements() as lines_sql:
            statement = statement_for(db.session, person, date(2027, 1, 1), last)
        with counted_statements() as pack_sql:
            audit_pack(db.session, statement)
        assert person_id and statement.lines
        return len(lines_sql), len(pack_sql)

    assert queries(date(2027, 1, 31)) == queries(date(2027, 12, 31)) == (2, 1)


def test_a_provider_name_that_looks_like_a_formula_stays_text_in_the_csv(client):
    business, offering, _ = make_bookable_provider('=HYPERLINK("http://example.com","Click")')
    person = make_user("self@example.org")
    charge(
        make_booking(business, offering, person, now=datetime(2027, 2, 1, 10)), 2000, datetime(2027, 2, 2, 9)
    )
    sign_in(client, "self@example.org")
    (line, _total) = list(csv.DictReader(io.StringIO(client.get(f"/payments/statement.csv?{query()}").text)))
    assert line["Provider"] == '\'=HYPERLINK("http://example.com","Click")'
    assert line["Amount"] == "20.00"


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2027, 2, 14), (date(2026, 10, 1), date(2026, 12, 31))),
        (date(2027, 4, 1), (date(2027, 1, 1), date(2027, 3, 31))),
        (date(2027, 6, 30), (date(2027, 1, 1), date(2027, 3, 31))),
        (date(2027, 12, 31), (date(2027, 7, 1), date(2027, 9, 30))),
    ],
)
def test_the_last_whole_quarter(today, expected):
    assert quarter_before(today) == expected


def test_the_statement_form_offers_the_last_quarter(world):
    client = world["client"]
    first, last = quarter_before(date.today())
    form = client.get("/payments/statement").text.replace("&amp;", "&")
    assert f"/payments/statement?{statement_query(first, last)}" in form
    assert client.get(f"/payments/statement?{statement_query(first, last)}").status_code == 200


def test_names_beyond_the_pdf_fonts_letters_still_make_a_statement_and_receipt(client):
    business, offering, _ = make_bookable_provider("Zofia\u2019s Łódź Café Helpers")
    person = make_user("self@example.org")
    paid = charge(
        make_booking(business, offering, person, now=datetime(2027, 2, 1, 10)), 2000, datetime(2027, 2, 2)
    )
    sign_in(client, "self@example.org")
    statement = pdf_text(client.get(f"/payments/statement.pdf?{query()}").data)
    receipt = pdf_text(client.get(f"/payments/receipts/{paid.id}.pdf").data)
    assert "Zofia's ?ód? Café Helpers" in statement and "Paid to Zofia's ?ód? Café Helpers" in receipt
    assert "Zofia\u2019s Łódź Café Helpers" in client.get(f"/payments/statement.csv?{query()}").text


def test_an_invoiced_payment_counts_once_paid_with_our_own_reference(client):
    business, offering, _ = make_bookable_provider()
    person = make_user("managed@example.org")
    db.session.add(
        MoneyHolder(
            user_id=person.id,
            kind=HolderKind.MANAGED_ACCOUNT,
            name="Wigan Accounts",
            email="a@example.org",
            reference="M1",
        )
    )
    db.session.commit()
    invoiced = ledger.open_payment(
        db.session,
        make_booking(business, offering, person, now=datetime(2027, 2, 1, 10)),
        PaymentPurpose.VISIT,
        2000,
    )
    db.session.commit()
    sign_in(client, "managed@example.org")
    assert statement_for(db.session, person, date(2027, 1, 1), date(2027, 12, 31)).lines == []  # not paid yet

    ledger.advance(db.session, invoiced, PaymentStatus.SUCCEEDED, datetime(2027, 3, 1, 12))
    db.session.commit()
    (line,) = statement_for(db.session, person, date(2027, 1, 1), date(2027, 12, 31)).lines
    assert line.reference == f"INV-{invoiced.id[:8].upper()}" and line.on == date(2027, 3, 1)
    receipt = pdf_text(client.get(f"/payments/receipts/{invoiced.id}.pdf").data)
    assert "How it was paid Invoice to the account that holds the money" in receipt
    assert f"Payment reference {line.reference}" in receipt
