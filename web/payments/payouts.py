"""What the council owes each provider for card payments it collected, and the weekly payout file.

A provider is owed each succeeded card payment less the council's fee, less every refund given back on
it. Invoiced payments never appear: the managed account or ISF pays the provider directly. Each payment
and each refund goes into exactly one payout; a refund made after its payment was paid out lands in the
next payout as a negative line. When a provider's lines add up to nothing or less (refunds only), they
wait for a week with more to pay.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from web.marketplace.availability import LONDON, to_london, to_utc_naive
from web.models.accounts import User
from web.models.marketplace import ProviderBusiness
from web.models.payments import Payment, PaymentMethod, PaymentPurpose, PaymentStatus, Refund, RefundStatus
from web.models.payouts import Payout, PayoutItem, PayoutStatus
from web.services.listings import decimal_pounds

CSV_COLUMNS = [
    "Payee name",
    "Provider reference",
    "Amount (GBP)",
    "Payout reference",
    "Week ending",
    "Number of sessions",
]


class PayoutProblems(Exception):
    def __init__(self, problems: dict[str, str]):
        super().__init__("; ".join(problems.values()))
        self.problems = problems


@dataclass
class Owed:
    """What one provider is owed: the lines not yet in a payout, and their total."""

    business_id: int
    payments: list[Payment] = field(default_factory=list)
    refunds: list[Refund] = field(default_factory=list)

    @property
    def amount_pence(self) -> int:
        return sum(payment_line_pence(p) for p in self.payments) - sum(r.amount_pence for r in self.refunds)

    @property
    def sessions(self) -> int:
        return sum(1 for p in self.payments if p.purpose is PaymentPurpose.VISIT)


def payment_line_pence(payment: Payment) -> int:
    """The provider's share of a payment: what was charged less the council's fee. Refunds are lines of
    their own, so one given back after the payout still reaches the next one."""
    return payment.amount_pence - payment.platform_fee_pence


def provider_reference(business: ProviderBusiness) -> str:
    """The provider's number with the council: finance matches it to their supplier record, which holds
    the bank details (none are stored here)."""
    return f"MP{business.id:06d}"


def payout_reference(business: ProviderBusiness, week_ending: date) -> str:
    return f"{provider_reference(business)}-{week_ending:%y%m%d}"


def last_week_ending(today: date) -> date:
    """The Sunday that ended the last full week before `today`."""
    return today - timedelta(days=today.weekday() + 1)


def week_cutoff(week_ending: date) -> datetime:
    """Midnight at the end of the week's Sunday, in London, as stored (naive UTC)."""
    return to_utc_naive(datetime.combine(week_ending + timedelta(days=1), time(0), tzinfo=LONDON))


def owed(
    session: Session, before: datetime | None = None, skip_business_ids=(), business_id: int | None = None
) -> dict[int, Owed]:
    """Everything not yet in a payout, by provider (only what happened before `before`, if given)."""
    paid_out_payments = select(PayoutItem.payment_id).where(PayoutItem.payment_id.is_not(None))
    paid_out_refunds = select(PayoutItem.refund_id).where(PayoutItem.refund_id.is_not(None))
    payments_query = select(Payment).where(
        Payment.method == PaymentMethod.CARD,
        Payment.status == PaymentStatus.SUCCEEDED,
        Payment.id.not_in(paid_out_payments),
    )
    refund_time = func.coalesce(Refund.succeeded_at, Refund.created_at)
    refunds_query = (
        select(Refund)
        .join(Payment, Refund.payment_id == Payment.id)
        .where(
            Refund.status == RefundStatus.SUCCEEDED,
            Payment.method == PaymentMethod.CARD,
            Payment.status == PaymentStatus.SUCCEEDED,
            Refund.id.not_in(paid_out_refunds),
        )
    )
    if before is not None:
        payments_query = payments_query.where(Payment.succeeded_at < before)
        # A refund goes with its payment: into this run, or after a payout that already paid it.
        refunds_query = refunds_query.where(
            refund_time < before, or_(Payment.succeeded_at < before, Payment.id.in_(paid_out_payments))
        )
    if skip_business_ids:
        payments_query = payments_query.where(Payment.business_id.not_in(skip_business_ids))
        refunds_query = refunds_query.where(Payment.business_id.not_in(skip_business_ids))
    if business_id is not None:
        payments_query = payments_query.where(Payment.business_id == business_id)
        refunds_query = refunds_query.where(Payment.business_id == business_id)
    by_business: dict[int, Owed] = {}
    for payment in session.scalars(payments_query.order_by(Payment.succeeded_at, Payment.id)):
        by_business.setdefault(payment.business_id, Owed(payment.business_id)).payments.append(payment)
    for refund in session.scalars(refunds_query.order_by(refund_time, Refund.id)):
        business_id = refund.payment.business_id
        by_business.setdefault(business_id, Owed(business_id)).refunds.append(refund)
    return by_business


def owed_to(session: Session, business: ProviderBusiness) -> Owed:
    return owed(session, business_id=business.id).get(business.id, Owed(business.id))


def payouts_of_week(session: Session, week_ending: date) -> list[Payout]:
    return list(
        session.scalars(
            select(Payout)
            .join(ProviderBusiness, Payout.business_id == ProviderBusiness.id)
            .where(Payout.week_ending == week_ending)
            .order_by(ProviderBusiness.trading_name, Payout.id)
        )
    )


def make_weekly_payouts(session: Session, week_ending: date, officer: User, now: datetime) -> list[Payout]:
    """The week's payout file: a payout for each provider owed something for the week up to its end.
    Making it again, or two officers making it at once, gives the same file and pays nothing twice."""
    for attempt in range(2):
        done = select(Payout.business_id).where(Payout.week_ending == week_ending)
        try:
            skip = set(session.scalars(done))
            for business_owed in owed(session, week_cutoff(week_ending), skip).values():
                if business_owed.amount_pence > 0:
                    _add_payout(session, business_owed, week_ending, officer, now)
            session.commit()
            break
        except IntegrityError:
            # Someone else's run for this week, or for these payments, was committed first: theirs
            # stands, and a second look picks up only what it left.
            session.rollback()
            if attempt:
                raise
    return payouts_of_week(session, week_ending)


def _add_payout(session: Session, lines: Owed, week_ending: date, officer: User, now: datetime) -> None:
    business = session.get(ProviderBusiness, lines.business_id)
    payout = Payout(
        business=business,
        week_ending=week_ending,
        amount_pence=lines.amount_pence,
        sessions=lines.sessions,
        reference=payout_reference(business, week_ending),
        status=PayoutStatus.EXPORTED,
        exported_at=now,
        exported_by_id=officer.id,
    )
    payout.items = [PayoutItem(payment=p, amount_pence=payment_line_pence(p)) for p in lines.payments] + [
        PayoutItem(refund=r, amount_pence=-r.amount_pence) for r in lines.refunds
    ]
    session.add(payout)


def pounds_text(pence: int) -> str:
    """1850 -> 18.50, as finance systems read amounts."""
    return decimal_pounds(pence)


def payout_file(payouts: list[Payout]) -> str:
    """The CSV finance loads for the BACS run: one row per provider."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for payout in payouts:
        writer.writerow(
            [
                _safe_cell(payout.business.trading_name),
                provider_reference(payout.business),
                pounds_text(payout.amount_pence),
                payout.reference,
                payout.week_ending.isoformat(),
                payout.sessions,
            ]
        )
    return out.getvalue()


def _safe_cell(text: str) -> str:
    """A name starting with = + - @ would run as a formula in a spreadsheet."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text


def mark_paid(session: Session, week_ending: date, paid_on: date | None, officer: User, now: datetime) -> int:
    """Record that finance paid the week's file on `paid_on`. Returns how many payouts it marked."""
    payouts = [p for p in payouts_of_week(session, week_ending) if p.status is PayoutStatus.EXPORTED]
    if not payouts:
        raise PayoutProblems({"paid_on": "This payout file has already been marked as paid"})
    if paid_on is None:
        raise PayoutProblems({"paid_on": "Enter the date finance paid the file, like 27 3 2027"})
    if paid_on > to_london(now).date():
        raise PayoutProblems({"paid_on": "The date paid must be today or in the past"})
    exported_on = min(to_london(p.exported_at).date() for p in payouts)
    if paid_on < exported_on:
        raise PayoutProblems({"paid_on": "The date paid must be on or after the day the file was made"})
    for payout in payouts:
        payout.status = PayoutStatus.PAID
        payout.paid_on = paid_on
        payout.paid_by_id = officer.id
        payout.marked_paid_at = now
    session.commit()
    return len(payouts)


@dataclass(frozen=True)
class PayoutWeek:
    week_ending: date
    providers: int
    amount_pence: int
    paid_on: date | None


def payout_weeks(session: Session) -> list[PayoutWeek]:
    """The files made so far, newest first."""
    rows = session.execute(
        select(Payout.week_ending, func.count(), func.sum(Payout.amount_pence), func.max(Payout.paid_on))
        .group_by(Payout.week_ending)
        .order_by(Payout.week_ending.desc())
    )
    return [PayoutWeek(week, count, total, paid_on) for week, count, total, paid_on in rows]


def payouts_of_business(session: Session, business: ProviderBusiness) -> list[Payout]:
    return list(
        session.scalars(
            select(Payout).where(Payout.business_id == business.id).order_by(Payout.week_ending.desc())
        )
    )


def _businesses_by_id(session: Session, ids) -> dict[int, ProviderBusiness]:
    ids = list(ids)
    if not ids:
        return {}
    found = session.scalars(select(ProviderBusiness).where(ProviderBusiness.id.in_(ids)))
    return {b.id: b for b in found}


def owed_by_provider(session: Session, before: datetime | None = None) -> list[tuple[ProviderBusiness, Owed]]:
    """Each provider owed something, by name."""
    found = owed(session, before)
    businesses = _businesses_by_id(session, found)
    rows = [(businesses[i], lines) for i, lines in found.items()]
    return sorted(rows, key=lambda row: row[0].trading_name.lower())
