"""An invoice as a printable A4 PDF: number, dates, who it is from and to, the person's reference, each
session and the total."""

import unicodedata
from datetime import date

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from web.marketplace.availability import to_london
from web.models.invoices import Invoice
from web.services.listings import decimal_pounds

# The PDF's built-in fonts cover Latin-1 only; other letters are written as their nearest Latin-1 form.
_PLAIN = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
    | {"\u2026": "...", "\u0141": "L", "\u0142": "l", "\u0110": "D", "\u0111": "d"}
)


def _latin1(text: str) -> str:
    text = text.translate(_PLAIN)
    if all(ord(character) < 256 for character in text):
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return (
        "".join(c for c in decomposed if not unicodedata.combining(c))
        .encode("latin-1", "replace")
        .decode("latin-1")
    )


def month_words(month: date) -> str:
    return f"{month:%B %Y}"


def pounds(pence: int) -> str:
    """Invoices always show pence: £20.00."""
    return f"£{decimal_pounds(pence, grouped=True)}"


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def _length(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    parts = ([f"{hours} hour" + ("s" if hours != 1 else "")] if hours else []) + (
        [f"{rest} minutes"] if rest else []
    )
    return " ".join(parts)


class _InvoiceDocument(FPDF):
    def __init__(self, number: str):
        super().__init__(format="A4")
        self.number = number
        self.set_auto_page_break(auto=True, margin=20)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", size=9)
        self.cell(0, 10, f"Invoice {self.number} - page {self.page_no()} of {{nb}}", align="C")


def _text(pdf: FPDF, words: str, size: int = 11, bold: bool = False, gap: float = 6) -> None:
    pdf.set_font("Helvetica", "B" if bold else "", size)
    pdf.multi_cell(0, gap, _latin1(words), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def invoice_pdf(invoice: Invoice) -> bytes:
    business = invoice.business
    pdf = _InvoiceDocument(invoice.number)
    pdf.set_title(f"Invoice {invoice.number}")
    pdf.set_author(_latin1(business.trading_name))
    pdf.add_page()

    _text(pdf, f"Invoice {invoice.number}", size=20, bold=True, gap=10)
    _text(pdf, f"Date issued: {_day(invoice.issued_on)}")
    _text(pdf, f"For sessions in: {month_words(invoice.month)}")
    _text(pdf, f"Reference: {invoice.holder_reference}", bold=True)
    pdf.ln(4)

    _text(pdf, "From", bold=True)
    _text(pdf, f"{business.trading_name}\nPhone: {business.public_phone}\nEmail: {business.public_email}")
    pdf.ln(3)
    _text(pdf, "To", bold=True)
    _text(pdf, f"{invoice.holder_name} ({invoice.holder_kind.label})\nEmail: {invoice.holder_email}")
    pdf.ln(6)

    pdf.set_font("Helvetica", size=11)
    with pdf.table(col_widths=(42, 76, 42, 30), text_align=("LEFT", "LEFT", "LEFT", "RIGHT")) as table:
        table.row(["Date", "Service", "Length", "Amount"])
        for line in invoice.lines:
            table.row(
                [
                    _day(line.session_on),
                    _latin1(line.service),
                    _length(line.minutes),
                    pounds(line.amount_pence),
                ]
            )
        total = table.row()
        total.cell("Total", colspan=3)
        total.cell(pounds(invoice.total_pence))
    pdf.ln(6)

    if invoice.paid_at is not None:
        _text(pdf, f"Paid on {_day(to_london(invoice.paid_at))}. Thank you.", bold=True)
    else:
        _text(
            pdf,
            f"Please pay {pounds(invoice.total_pence)} to {business.trading_name}, quoting {invoice.number}.",
        )
    return bytes(pdf.output())
