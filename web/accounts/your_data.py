"""The marketplace's part of "download your data" (UK GDPR right of access): the person's bookings and
messages, payments and refunds, budgets, saved card and who holds their money, and their reviews."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from web.models import Booking, User
from web.models.budgets import Budget
from web.models.payments import MoneyHolder, Payment, SavedCard
from web.models.reviews import Review
from web.services.accounts import export_user_data, iso_utc
from web.services.listings import decimal_pounds


def everything_about(session: Session, user: User) -> dict[str, Any]:
    return export_user_data(user) | {
        "bookings": [_booking(booking, user) for booking in _bookings(session, user)],
        "payments": [_payment(payment) for payment in _payments(session, user)],
        "budgets": [
            _budget(budget) for budget in _of(session, Budget, Budget.user_id, user, Budget.starts_on)
        ],
        "saved_card": _card(session.scalar(select(SavedCard).where(SavedCard.user_id == user.id))),
        "who_holds_your_direct_payment": _holder(
            session.scalar(select(MoneyHolder).where(MoneyHolder.user_id == user.id))
        ),
        "reviews": [
            _review(review) for review in _of(session, Review, Review.author_id, user, Review.created_at)
        ],
    }


def _bookings(session: Session, user: User) -> list[Booking]:
    query = (
        select(Booking)
        .where(Booking.booker_id == user.id)
        .options(
            selectinload(Booking.messages), selectinload(Booking.business), selectinload(Booking.offering)
        )
        .order_by(Booking.starts_at)
    )
    return list(session.scalars(query))


def _payments(session: Session, user: User) -> list[Payment]:
    query = (
        select(Payment)
        .where(Payment.payer_id == user.id)
        .options(selectinload(Payment.refunds), selectinload(Payment.business))
        .order_by(Payment.created_at)
    )
    return list(session.scalars(query))


def _of(session: Session, model, owner_column, user: User, order) -> list:
    return list(session.scalars(select(model).where(owner_column == user.id).order_by(order)))


def _booking(booking: Booking, user: User) -> dict[str, Any]:
    return {
        "provider": booking.business.trading_name,
        "support": booking.offering.name,
        "starts_at": _iso(booking.starts_at),
        "minutes": booking.minutes,
        "status": booking.status.label,
        "price": decimal_pounds(booking.total_pence),
        "booked_for": booking.booked_for,
        "visit_address": booking.visit_address,
        "what_matters": booking.what_matters,
        "cancellation_reason": booking.cancellation_reason,
        "dispute_reason": booking.dispute_reason,
        "messages": [
            {
                "from": "you" if message.sender_id == user.id else "the provider",
                "sent_at": _iso(message.sent_at),
                "text": message.body,
            }
            for message in booking.messages
        ],
    }


def _payment(payment: Payment) -> dict[str, Any]:
    return {
        "provider": payment.business.trading_name,
        "for": payment.purpose.label,
        "paid_by": payment.method.value,
        "amount": decimal_pounds(payment.amount_pence),
        "status": payment.status.label,
        "paid_at": _iso(payment.succeeded_at),
        "refunds": [
            {
                "amount": decimal_pounds(refund.amount_pence),
                "reason": refund.reason,
                "status": refund.status.value,
            }
            for refund in payment.refunds
        ],
    }


def _budget(budget: Budget) -> dict[str, Any]:
    return {
        "amount": decimal_pounds(budget.amount_pence),
        "your_contribution": decimal_pounds(budget.contribution_pence),
        "each": budget.period.value,
        "starts_on": _iso(budget.starts_on),
        "ends_on": _iso(budget.ends_on),
        "council_reference": budget.council_reference,
        "replaced_at": _iso(budget.replaced_at),
    }


def _card(card: SavedCard | None) -> dict[str, Any] | None:
    if card is None or card.last4 is None:
        return None
    return {
        "brand": card.brand,
        "last_four_digits": card.last4,
        "expires": f"{card.exp_month:02d}/{card.exp_year}",
    }


def _holder(holder: MoneyHolder | None) -> dict[str, Any] | None:
    if holder is None:
        return None
    return {
        "kind": holder.kind.label,
        "name": holder.name,
        "email": holder.email,
        "reference": holder.reference,
    }


def _review(review: Review) -> dict[str, Any]:
    return {
        "stars": review.stars,
        "text": review.text,
        "status": review.status.value,
        "provider_reply": review.reply,
        "written_at": _iso(review.created_at),
    }


def _iso(moment: datetime | date | None) -> str | None:
    if isinstance(moment, datetime) or moment is None:
        return iso_utc(moment)
    return moment.isoformat()
