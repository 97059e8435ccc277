"""Monthly invoices for people whose money a managed account or an Individual Service Fund holds.

issue_invoices() gathers every invoiced payment still owed for a booking confirmed in the month (and any
late cancellation fee charged in it) that no invoice holds yet, and writes one invoice per person per
provider. Each invoice is its own transaction, which first takes the year's next number: that update
makes a second run at the same moment wait, and then find the sessions already invoiced. The unique
payment on an invoice line is the last guard.

mark_paid() moves an issued invoice to paid with a conditional update, so two clicks (or the holder and
an officer at once) mark it once, and moves each line's payment to succeeded through the ledger, which is
what budgets and statements count.
"""

import logging
from dataclasses import dataclass
from datetime import date, datetime

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import and_, exists, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from web.marketplace.availability import LONDON, to_london, to_utc_naive
from web.models.accounts import User
from web.models.invoices import Invoice, InvoiceCounter, InvoiceLine, InvoiceStatus
from web.models.marketplace import Booking
from web.models.payments import MoneyHolder, Payment, PaymentMethod, PaymentPurpose, PaymentStatus
from web.payments import ledger
from web.payments.invoice_pdf import invoice_pdf, month_words, pounds
from web.services.mail import send_email

log = logging.getLogger(__name__)

PAID_LINK_SALT = "invoice-mark-paid"


class MonthNotUnderstood(ValueError):
    pass


class MonthNotOver(ValueError):
    """Invoicing a month before it ends would leave its later sessions for a second invoice."""


def parse_month(text: str) -> date:
    """ "2026-11" -> 1 November 2026."""
    try:
        month = datetime.strptime(text.strip(), "%Y-%m").date()
    except ValueError:
        raise MonthNotUnderstood(f"Give the month like 2026-11, not {text!r}") from None
    return month


def previous_month(now: datetime) -> date:
    """The month before the one it is now in London."""
    today = to_london(now).date()
    return date(today.year - 1, 12, 1) if today.month == 1 else date(today.year, today.month - 1, 1)


def _month_range(month: date) -> tuple[datetime, datetime]:
    """The month's first and next month's first moment in London, as stored (naive UTC)."""
    following = date(month.year + 1, 1, 1) if month.month == 12 else date(month.year, month.month + 1, 1)
    return tuple(  # type: ignore[return-value]
        to_utc_naive(datetime(day.year, day.month, 1, tzinfo=LONDON)) for day in (month, following)
    )


def _owed_in(month: date):
    """Invoiced payments still owed for the month that no invoice holds yet."""
    starts, ends = _month_range(month)
    return (
        select(Payment)
        .join(Booking, Booking.id == Payment.booking_id)
        .where(
            Payment.method == PaymentMethod.INVOICE,
            Payment.status == PaymentStatus.PENDING,
            ~exists().where(InvoiceLine.payment_id == Payment.id),
            or_(
                and_(
                    Payment.purpose == PaymentPurpose.VISIT,
                    Booking.confirmed_at >= starts,
                    Booking.confirmed_at < ends,
                ),
                and_(
                    Payment.purpose == PaymentPurpose.LATE_CANCELLATION,
                    Booking.cancelled_at >= starts,
                    Booking.cancelled_at < ends,
                ),
            ),
        )
    )


def _take_number(session: Session, year: int) -> int:
    """The year's next number. The update holds the counter's row until the caller commits or rolls
    back, so numbers are given one at a time and a rolled-back invoice leaves no gap."""
    if session.get(InvoiceCounter, year) is None:
        try:
            with session.begin_nested():
                session.add(InvoiceCounter(year=year, last_number=0))
        except IntegrityError:
            pass  # another run made the year's counter first
    session.execute(
        update(InvoiceCounter)
        .where(InvoiceCounter.year == year)
        .values(last_number=InvoiceCounter.last_number + 1)
        .execution_options(synchronize_session=False)
    )
    return session.scalar(select(InvoiceCounter.last_number).where(InvoiceCounter.year == year))


def _line(payment: Payment, position: int) -> InvoiceLine:
    booking = payment.booking
    service = booking.offering.name
    if payment.purpose is PaymentPurpose.LATE_CANCELLATION:
        service = f"{service} (late cancellation fee)"
    return InvoiceLine(
        payment_id=payment.id,
        position=position,
        session_on=to_london(booking.delivered_start or booking.starts_at).date(),
        service=service[:200],
        minutes=booking.delivered_minutes or booking.minutes,
        amount_pence=payment.amount_pence,
    )


def _issue_one(
    session: Session, month: date, payer_id: int, business_id: int, now: datetime
) -> Invoice | None:
    today = to_london(now).date()
    sequence = _take_number(session, today.year)
    # Read again after taking the number: a run that got here first has committed its lines by now.
    payments = session.scalars(
        _owed_in(month)
        .where(Payment.payer_id == payer_id, Payment.business_id == business_id)
        .order_by(Booking.starts_at, Payment.id)
    ).all()
    holder = session.scalar(select(MoneyHolder).where(MoneyHolder.user_id == payer_id))
    if not payments or holder is None:
        # Nothing left, or the person no longer names a holder: their sessions wait until they do.
        session.rollback()
        return None
    invoice = Invoice(
        number=f"INV-{today.year}-{sequence:05d}",
        year=today.year,
        sequence=sequence,
        business_id=business_id,
        payer_id=payer_id,
        holder_kind=holder.kind,
        holder_name=holder.name,
        holder_email=holder.email,
        holder_reference=holder.reference,
        month=month,
        issued_on=today,
        total_pence=sum(payment.amount_pence for payment in payments),
        lines=[_line(payment, position) for position, payment in enumerate(payments, start=1)],
    )
    session.add(invoice)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()  # a session was invoiced by another run after all: nothing is written
        return None
    return invoice


def issue_invoices(session: Session, month: date, now: datetime) -> list[Invoice]:
    """Issue the month's invoices (committed, one by one) and return them; safe to run again or twice at
    once. Send them with email_invoice() afterwards."""
    if _month_range(month)[1] > now:
        raise MonthNotOver(f"{month_words(month)} is not over yet: invoice it once it has ended")
    groups = session.execute(
        _owed_in(month)
        .with_only_columns(Payment.payer_id, Payment.business_id)
        .distinct()
        .order_by(Payment.payer_id, Payment.business_id)
    ).all()
    session.rollback()  # end the read, so each invoice starts a transaction of its own
    issued = []
    for payer_id, business_id in groups:
        invoice = _issue_one(session, month, payer_id, business_id, now)
        if invoice is not None:
            issued.append(invoice)
    return issued


# ---- The emailed link that lets the holder say it is paid ------------------------------------------


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=PAID_LINK_SALT)


def paid_link_token(invoice: Invoice) -> str:
    return _serializer().dumps(invoice.id)


def invoice_for_token(session: Session, token: str) -> Invoice | None:
    """The invoice a link was made for, or None for a link that was changed or made up."""
    try:
        invoice_id = _serializer().loads(token)
    except BadSignature:
        return None
    return session.get(Invoice, invoice_id) if isinstance(invoice_id, str) else None


def paid_link(invoice: Invoice) -> str:
    return f"{current_app.config['SITE_URL'].rstrip('/')}/payments/invoices/paid/{paid_link_token(invoice)}"


def email_invoice(invoice: Invoice) -> bool:
    """Send the invoice to its holder with the PDF attached. Called after the commit; a failed send is
    logged and the invoice stays issued (an officer can send it on from the PDF)."""
    business = invoice.business
    body = (
        f"Invoice {invoice.number} from {business.trading_name} for sessions in "
        f"{month_words(invoice.month)}.\n\n"
        f"Reference: {invoice.holder_reference}\n"
        f"Total: {pounds(invoice.total_pence)}\n\n"
        "The invoice is attached as a PDF, with each session listed.\n\n"
        f"When you have paid it, tell us here so the provider and the person know:\n{paid_link(invoice)}\n\n"
        f"Questions about the sessions: {business.trading_name}, phone {business.public_phone}, "
        f"email {business.public_email}.\n"
    )
    attachment = (f"{invoice.number}.pdf", "application/pdf", invoice_pdf(invoice))
    try:
        send_email(invoice.holder_email, f"Invoice {invoice.number}", body, (attachment,))
    except Exception:  # the invoice is issued whatever happens to the email
        log.exception("Could not email invoice %s", invoice.number)
        return False
    return True


@dataclass
class IssueReport:
    issued: list[Invoice]
    emailed: int


def issue_and_email(session: Session, month: date, now: datetime) -> IssueReport:
    issued = issue_invoices(session, month, now)
    return IssueReport(issued, sum(email_invoice(invoice) for invoice in issued))


# Issue last month's invoices on these days of a month (the scheduler runs often; later runs find
# nothing new to issue).
ISSUE_ON_DAYS = range(1, 8)


def issue_due(session: Session, now: datetime) -> IssueReport:
    """What the scheduler runs: last month's invoices in the first days of a month, otherwise nothing."""
    if to_london(now).day not in ISSUE_ON_DAYS:
        return IssueReport([], 0)
    return issue_and_email(session, previous_month(now), now)


# ---- Marking paid -------------------------------------------------------------------------------


def mark_paid(session: Session, invoice: Invoice, now: datetime, by: User | None = None) -> bool:
    """Mark the invoice paid (by an officer, or by the holder when `by` is None) and each of its
    payments succeeded. True if this call did it; False if it was already paid. Commits."""
    moved = session.execute(
        update(Invoice)
        .where(Invoice.id == invoice.id, Invoice.status == InvoiceStatus.ISSUED)
        .values(status=InvoiceStatus.PAID, paid_at=now, paid_by_id=by.id if by else None)
        .execution_options(synchronize_session=False)
    )
    if moved.rowcount != 1:
        session.rollback()
        session.refresh(invoice)
        return False
    for line in invoice.lines:
        ledger.advance(session, line.payment, PaymentStatus.SUCCEEDED, now)
    session.commit()
    session.refresh(invoice)
    return True


# ---- Who sees which invoices --------------------------------------------------------------------


def invoices_of_payer(session: Session, user_id: int) -> list[Invoice]:
    return list(
        session.scalars(
            select(Invoice)
            .where(Invoice.payer_id == user_id)
            .order_by(Invoice.issued_on.desc(), Invoice.number.desc())
        )
    )


def invoices_of_business(session: Session, business_id: int) -> list[Invoice]:
    return list(
        session.scalars(
            select(Invoice)
            .where(Invoice.business_id == business_id)
            .order_by(Invoice.issued_on.desc(), Invoice.number.desc())
        )
    )


def invoices_with_status(session: Session, status: InvoiceStatus) -> list[Invoice]:
    return list(
        session.scalars(
            select(Invoice)
            .where(Invoice.status == status)
            .order_by(Invoice.issued_on.desc(), Invoice.number.desc())
        )
    )
