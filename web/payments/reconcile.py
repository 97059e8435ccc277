"""`flask payments reconcile`: our payment rows against what Stripe holds, so a charge whose row we never
finished writing (a process killed between Stripe's answer and our commit, a webhook that never came)
is completed, and anything that cannot be completed safely is reported for an officer to look at.

It only ever moves a row forward through the ledger, and it never charges: a row Stripe has no charge
for is reported as not charged yet, for the charging code to take.

It is cheap over many rows: the rows are read in one query, and Stripe's PaymentIntents over the same
window are listed a page of 100 at a time instead of retrieved one by one.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from web.models.payments import OPEN_PAYMENT_STATUSES, Payment, PaymentMethod, PaymentStatus
from web.payments import gateway, ledger
from web.payments.webhooks import record_refunds
from web.services.listings import decimal_pounds

# Our clock and Stripe's differ a little, and a PaymentIntent is made after its row.
CLOCK_SLACK = timedelta(minutes=10)


@dataclass
class Report:
    checked: int = 0
    completed: list[str] = field(default_factory=list)
    not_charged: list[str] = field(default_factory=list)
    # The payments behind not_charged: Stripe has just been searched and holds no charge for them.
    uncharged_ids: list[str] = field(default_factory=list)
    differences: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        summary = (
            f"Checked {self.checked} payments: completed {len(self.completed)}, "
            f"not charged yet {len(self.not_charged)}, differences {len(self.differences)}."
        )
        return (
            [summary]
            + [f"Completed: {line}" for line in self.completed]
            + [f"Not charged yet: {line}" for line in self.not_charged]
            + [f"Difference: {line}" for line in self.differences]
        )


def _unix(moment: datetime) -> int:
    return int(moment.replace(tzinfo=UTC).timestamp())


def _pounds(pence: int) -> str:
    return f"£{decimal_pounds(pence)}"


def reconcile(
    session: Session,
    now: datetime,
    *,
    days: int = 3,
    open_only: bool = False,
    older_than: timedelta = timedelta(0),
    page_size: int = 100,
) -> Report:
    """Compare card payments made in the last `days` (and every open one older than `older_than`) with
    Stripe, complete what can be completed, and commit.

    open_only is the scheduler's cheap pass: only rows still PENDING from the last `days` (a charge
    whose outcome we never wrote); a row waiting for the person to pay again is left to the full run
    and the webhook, and nothing is asked of Stripe when no row is pending."""
    report = Report()
    since = now - timedelta(days=days)
    waited = Payment.created_at <= now - older_than
    if open_only:
        wanted = (Payment.status == PaymentStatus.PENDING) & waited & (Payment.created_at >= since)
    else:
        wanted = or_(Payment.status.in_(OPEN_PAYMENT_STATUSES) & waited, Payment.created_at >= since)
    rows = session.scalars(
        select(Payment).where(Payment.method == PaymentMethod.CARD, wanted).order_by(Payment.created_at)
    ).all()
    report.checked = len(rows)
    if not rows:
        return report

    start = min(rows[0].created_at, since) if not open_only else rows[0].created_at
    intents = list(gateway.intents_created(_unix(start - CLOCK_SLACK), _unix(now + CLOCK_SLACK), page_size))
    by_id = {intent.id: intent for intent in intents}
    by_payment: dict[str, list[gateway.IntentSeen]] = {}
    for intent in intents:
        if intent.payment_id:
            by_payment.setdefault(intent.payment_id, []).append(intent)

    for payment in rows:
        mine = by_payment.get(payment.id, [])
        stored = by_id.get(payment.stripe_payment_intent_id) if payment.stripe_payment_intent_id else None
        if payment.stripe_payment_intent_id and stored is None:
            stored = _retrieve(payment.stripe_payment_intent_id, report)  # made outside the window
        if payment.status in OPEN_PAYMENT_STATUSES:
            _complete(session, payment, stored, mine, now, report)
        else:
            _compare(session, payment, stored, mine, now, report)

    if not open_only:
        ours = {payment.id for payment in rows}
        unknown = [i for i in intents if i.payment_id and i.payment_id not in ours]
        known = set(
            session.scalars(select(Payment.id).where(Payment.id.in_({i.payment_id for i in unknown})))
        )
        for intent in unknown:
            if intent.payment_id not in known:
                report.differences.append(
                    f"Stripe's PaymentIntent {intent.id} ({intent.status}, {_pounds(intent.amount_pence)}) "
                    f"names payment {intent.payment_id}, which we have no row for."
                )
    session.commit()
    return report


def _retrieve(payment_intent_id: str, report: Report) -> gateway.IntentSeen | None:
    try:
        return gateway.intent_seen(payment_intent_id)
    except gateway.StripeUnavailable:
        raise
    except gateway.GatewayError:
        report.differences.append(f"Stripe does not know the PaymentIntent {payment_intent_id} we stored.")
        return None


def _chosen(stored: gateway.IntentSeen | None, mine: list[gateway.IntentSeen]) -> gateway.IntentSeen | None:
    """The PaymentIntent that says most about the payment: a succeeded one, else the one we stored,
    else the newest made for it."""
    succeeded = [intent for intent in mine if intent.status == "succeeded"]
    if stored is not None and (stored.status == "succeeded" or not succeeded):
        return stored
    return succeeded[0] if succeeded else (mine[0] if mine else None)


def _complete(session, payment, stored, mine, now, report) -> None:
    intent = _chosen(stored, mine)
    if intent is None:
        report.not_charged.append(
            f"payment {payment.id} ({_pounds(payment.amount_pence)}) has no charge in Stripe."
        )
        report.uncharged_ids.append(payment.id)
        return
    was = payment.status
    if ledger.apply_intent_status(session, payment, intent.status, now, intent.id) and payment.status != was:
        report.completed.append(f"payment {payment.id} is now {payment.status.label.lower()} ({intent.id}).")
    if payment.status is PaymentStatus.SUCCEEDED and intent.refunded_pence > payment.refunded_pence:
        _raise_refunds(session, payment, intent, now, report)
    _report_second_charges(payment, mine, report)


def _compare(session, payment, stored, mine, now, report) -> None:
    if payment.status is PaymentStatus.SUCCEEDED:
        intent = stored if stored is not None else _chosen(None, mine)
        if intent is None or intent.status != "succeeded":
            shown = f"shows {intent.id} as {intent.status}" if intent else "has no charge for it"
            report.differences.append(f"payment {payment.id} is paid here, but Stripe {shown}.")
            return
        if intent.refunded_pence > payment.refunded_pence:
            _raise_refunds(session, payment, intent, now, report)
        elif intent.refunded_pence < payment.refunded_pence:
            report.differences.append(
                f"payment {payment.id}: we recorded {_pounds(payment.refunded_pence)} refunded, "
                f"Stripe shows {_pounds(intent.refunded_pence)}."
            )
    elif any(intent.status == "succeeded" for intent in mine):  # CANCELLED, yet taken
        report.differences.append(f"payment {payment.id} was not to be charged, but Stripe took it.")
    _report_second_charges(payment, mine, report)


def _raise_refunds(session, payment, intent, now, report) -> None:
    before = payment.refunded_pence
    record_refunds(session, payment, [], intent.refunded_pence, now)
    if payment.refunded_pence != before:
        report.completed.append(
            f"payment {payment.id} refunded {_pounds(payment.refunded_pence)} (was {_pounds(before)})."
        )


def _report_second_charges(payment, mine, report) -> None:
    taken = [intent.id for intent in mine if intent.status == "succeeded"]
    if len(taken) > 1:
        report.differences.append(f"payment {payment.id} was charged more than once: {', '.join(taken)}.")
