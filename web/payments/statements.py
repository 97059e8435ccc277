"""Statements of what a person paid, for their own records and the council's audit of a direct payment.

A statement covers London dates `first` to `last`. Each line is one movement of money on the day it
happened: a charge (a visit, or a late cancellation fee) on the day it succeeded, a refund on the day it
was given back. Lines carry a running total, and every total is the sum of the lines, in integer pence,
so the figures on the page, in the CSV and in the PDF are the same to the penny.

Everything is read in two queries (charges and refunds, each joined to its booking, offering and
provider), however long the statement.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlencode

from dateutil.relativedelta import relativedelta
from fpdf import FPDF
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from web.marketplace.availability import LONDON
from web.marketplace.budgets import utc_bounds
from web.models.accounts import User
from web.models.marketplace import Booking, Offering, ProviderBusiness
from web.models.payments import Payment, PaymentMethod, PaymentStatus, Refund, RefundStatus
from web.services.listings import decimal_pounds

CSV_HEADER = [
    "Date",
    "Provider",
    "Service",
    "Length",
    "Amount",
    "Payment reference",
    "Refunds",
    "Running total",
]
# What each line shows beyond the payment itself, read in the same query.
LINE_COLUMNS = (Booking.minutes, Booking.delivered_minutes, Offering.name, ProviderBusiness.trading_name)


def statement_query(first: date, last: date) -> str:
    """The query string the statement form sends for these dates (day, month, year of each)."""
    parts = [("first", str(v)) for v in (first.day, first.month, first.year)]
    parts += [("last", str(v)) for v in (last.day, last.month, last.year)]
    return urlencode(parts)


def quarter_before(today: date) -> tuple[date, date]:
    """The last whole quarter (January to March, April to June...), the usual span of a council's
    direct-payment return."""
    this_quarter = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    return this_quarter - relativedelta(months=3), this_quarter - timedelta(days=1)


def pounds(pence: int) -> str:
    """1850 -> "18.50", 123450 -> "1,234.50"."""
    return decimal_pounds(pence, grouped=True)


def length_text(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    parts = ([f"{hours} hr"] if hours else []) + ([f"{rest} min"] if rest else [])
    return " ".join(parts) or "0 min"


def payment_reference(payment: Payment) -> str:
    """The card payment's Stripe reference, or our own for an invoiced one (or one not sent to Stripe)."""
    return payment.stripe_payment_intent_id or f"INV-{payment.id[:8].upper()}"


@dataclass(frozen=True)
class StatementLine:
    on: date
    provider: str
    service: str
    minutes: int
    amount_pence: int  # charged on this line (0 on a refund line)
    refund_pence: int  # given back on this line (0 on a charge line)
    reference: str
    payment_id: str
    running_total_pence: int


@dataclass
class Statement:
    person: str
    council_reference: str
    first: date
    last: date
    lines: list[StatementLine] = field(default_factory=list)

    @property
    def charged_pence(self) -> int:
        return sum(line.amount_pence for line in self.lines)

    @property
    def refunded_pence(self) -> int:
        return sum(line.refund_pence for line in self.lines)

    @property
    def net_pence(self) -> int:
        return self.charged_pence - self.refunded_pence

    @property
    def payment_ids(self) -> list[str]:
        """Each payment charged in the statement, once, in order."""
        return list(dict.fromkeys(line.payment_id for line in self.lines if line.amount_pence))


def london_date(moment: datetime) -> date:
    return moment.replace(tzinfo=UTC).astimezone(LONDON).date()


def service_words(purpose_label: str, offering_name: str, is_visit: bool) -> str:
    return offering_name if is_visit else f"{purpose_label}: {offering_name}"


def statement_for(
    session: Session, person: User, first: date, last: date, council_reference: str = ""
) -> Statement:
    start, until = utc_bounds(first, last)
    charged = session.execute(
        select(Payment, *LINE_COLUMNS)
        .join(Booking, Payment.booking_id == Booking.id)
        .join(Offering, Booking.offering_id == Offering.id)
        .join(ProviderBusiness, Payment.business_id == ProviderBusiness.id)
        .where(
            Payment.payer_id == person.id,
            Payment.status == PaymentStatus.SUCCEEDED,
            Payment.succeeded_at >= start,
            Payment.succeeded_at < until,
        )
    ).all()
    refunded = session.execute(
        select(Refund, Payment, *LINE_COLUMNS)
        .join(Payment, Refund.payment_id == Payment.id)
        .join(Booking, Payment.booking_id == Booking.id)
        .join(Offering, Booking.offering_id == Offering.id)
        .join(ProviderBusiness, Payment.business_id == ProviderBusiness.id)
        .where(
            Payment.payer_id == person.id,
            Refund.status == RefundStatus.SUCCEEDED,
            Refund.succeeded_at >= start,
            Refund.succeeded_at < until,
        )
    ).all()
    # (moment, order within the moment, line without its running total)
    events: list[tuple[datetime, int, dict]] = []
    for payment, minutes, delivered, offering_name, provider in charged:
        events.append((payment.succeeded_at, 0, _line(payment, minutes, delivered, offering_name, provider)))
    for refund, payment, minutes, delivered, offering_name, provider in refunded:
        line = _line(payment, minutes, delivered, offering_name, provider)
        line.update(amount_pence=0, refund_pence=refund.amount_pence, on=london_date(refund.succeeded_at))
        events.append((refund.succeeded_at, 1, line))
    events.sort(key=lambda event: (event[0], event[1], event[2]["payment_id"]))
    statement = Statement(person.display_name, council_reference, first, last)
    running = 0
    for _moment, _order, line in events:
        running += line["amount_pence"] - line["refund_pence"]
        statement.lines.append(StatementLine(**line, running_total_pence=running))
    return statement


def _line(payment: Payment, minutes: int, delivered: int | None, offering_name: str, provider: str) -> dict:
    return {
        "on": london_date(payment.succeeded_at),
        "provider": provider,
        "service": service_words(payment.purpose.label, offering_name, payment.purpose.value == "visit"),
        "minutes": delivered or minutes,
        "amount_pence": payment.amount_pence,
        "refund_pence": 0,
        "reference": payment_reference(payment),
        "payment_id": payment.id,
    }


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _text_cell(text: str) -> str:
    """A name typed by a provider, made safe to open in a spreadsheet: one starting like a formula is
    kept as text, so "=HYPERLINK(...)" is shown, never run."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def statement_csv(statement: Statement) -> str:
    """One row per line, then the totals row: amounts in pounds and pence, as a spreadsheet reads them."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for line in statement.lines:
        writer.writerow(
            [
                line.on.isoformat(),
                _text_cell(line.provider),
                _text_cell(line.service),
                length_text(line.minutes),
                pounds(line.amount_pence).replace(",", ""),
                _text_cell(line.reference),
                pounds(line.refund_pence).replace(",", ""),
                pounds(line.running_total_pence).replace(",", ""),
            ]
        )
    writer.writerow(
        [
            "Total",
            "",
            "",
            "",
            pounds(statement.charged_pence).replace(",", ""),
            "",
            pounds(statement.refunded_pence).replace(",", ""),
            pounds(statement.net_pence).replace(",", ""),
        ]
    )
    return out.getvalue()


# Typographic punctuation people type (often by their phone) and its plain Latin-1 form.
PLAIN_PUNCTUATION = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)


def _latin1(text: str) -> str:
    """The PDF's built-in fonts know Latin-1 only: quotes and dashes become plain ones, and any other
    letter outside it a question mark (the CSV keeps every letter)."""
    return text.translate(PLAIN_PUNCTUATION).encode("latin-1", "replace").decode("latin-1")


def _long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


class _Document(FPDF):
    def __init__(self, title: str, orientation: str = "portrait"):
        super().__init__(orientation=orientation, format="A4")
        self.title_text = title
        self.set_auto_page_break(auto=True, margin=15)
        self.set_title(title)

    def footer(self):
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.cell(0, 6, f"{self.title_text} - page {self.page_no()} of {{nb}}", align="C")

    def heading(self, text: str) -> None:
        self.set_font("Helvetica", style="B", size=16)
        self.cell(0, 10, _latin1(text), new_x="LMARGIN", new_y="NEXT")

    def facts(self, rows: list[tuple[str, str]]) -> None:
        for key, value in rows:
            self.set_font("Helvetica", style="B", size=10)
            self.cell(55, 6, _latin1(key))
            self.set_font("Helvetica", size=10)
            self.multi_cell(0, 6, _latin1(value), new_x="LMARGIN", new_y="NEXT")  # long names wrap
        self.ln(3)


def statement_pdf(statement: Statement) -> bytes:
    pdf = _Document("Statement of payments", "landscape")
    pdf.add_page()
    pdf.heading("Statement of payments")
    pdf.facts(
        [
            ("Name", statement.person),
            ("Council reference", statement.council_reference or "None given"),
            ("Dates", f"{_long_date(statement.first)} to {_long_date(statement.last)}"),
            ("Total charged", f"£{pounds(statement.charged_pence)}"),
            ("Total refunded", f"£{pounds(statement.refunded_pence)}"),
            ("Total paid", f"£{pounds(statement.net_pence)}"),
        ]
    )
    pdf.set_font("Helvetica", size=8)
    widths = (22, 48, 58, 20, 22, 50, 22, 25)
    align = ("LEFT",) * 4 + ("RIGHT", "LEFT", "RIGHT", "RIGHT")
    with pdf.table(col_widths=widths, text_align=align) as table:
        table.row(CSV_HEADER)
        for line in statement.lines:
            table.row(
                [
                    line.on.strftime("%d/%m/%Y"),
                    _latin1(line.provider),
                    _latin1(line.service),
                    length_text(line.minutes),
                    pounds(line.amount_pence),
                    line.reference,
                    pounds(line.refund_pence),
                    pounds(line.running_total_pence),
                ]
            )
        table.row(
            [
                "Total",
                "",
                "",
                "",
                pounds(statement.charged_pence),
                "",
                pounds(statement.refunded_pence),
                pounds(statement.net_pence),
            ]
        )
    if not statement.lines:
        pdf.ln(4)
        pdf.set_font("Helvetica", size=10)
        pdf.cell(0, 6, "No payments or refunds between these dates.")
    return bytes(pdf.output())


def receipt_rows(payment: Payment) -> list[tuple[str, str]]:
    booking = payment.booking
    rows = [
        ("Receipt for", payment.purpose.label),
        ("Paid by", payment.payer.display_name),
        ("Paid to", payment.business.trading_name),
        ("Provider's phone", payment.business.public_phone),
        ("Service", booking.offering.name),
        ("Visit", _long_date(london_date(booking.starts_at))),
        ("Length", length_text(booking.delivered_minutes or booking.minutes)),
        ("Amount", f"£{pounds(payment.amount_pence)}"),
    ]
    if payment.refunded_pence:
        rows.append(("Refunded", f"£{pounds(payment.refunded_pence)}"))
        rows.append(("Paid in the end", f"£{pounds(payment.net_pence)}"))
    how = "Card" if payment.method is PaymentMethod.CARD else "Invoice to the account that holds the money"
    rows += [
        ("Date paid", _long_date(london_date(payment.succeeded_at))),
        ("How it was paid", how),
        ("Payment reference", payment_reference(payment)),
    ]
    return rows


def receipt_pdf(payment: Payment) -> bytes:
    pdf = _Document("Receipt")
    pdf.add_page()
    pdf.heading("Receipt")
    pdf.facts(receipt_rows(payment))
    return bytes(pdf.output())


def receipt_name(payment: Payment) -> str:
    return f"receipt-{london_date(payment.succeeded_at).isoformat()}-{payment_reference(payment)}.pdf"


def paid_payment_for(session: Session, person: User, payment_id: str) -> Payment | None:
    """The person's own charged payment, or None: another person's is never found."""
    return session.scalar(
        select(Payment).where(
            Payment.id == payment_id, Payment.payer_id == person.id, Payment.status == PaymentStatus.SUCCEEDED
        )
    )


def audit_pack(session: Session, statement: Statement) -> bytes:
    """The statement as CSV and PDF and a receipt for each payment in it, in one zip for the council."""
    payments = {
        payment.id: payment
        for payment in session.scalars(
            select(Payment)
            .where(Payment.id.in_(statement.payment_ids))
            .options(
                joinedload(Payment.booking).joinedload(Booking.offering),
                joinedload(Payment.business),
                joinedload(Payment.payer),
            )
        ).unique()
    }
    out = io.BytesIO()
    dates = f"{statement.first.isoformat()}-to-{statement.last.isoformat()}"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as pack:
        pack.writestr(f"statement-{dates}.csv", statement_csv(statement))
        pack.writestr(f"statement-{dates}.pdf", statement_pdf(statement))
        for payment_id in statement.payment_ids:
            payment = payments[payment_id]
            pack.writestr(f"receipts/{receipt_name(payment)}", receipt_pdf(payment))
    return out.getvalue()
