"""Deleting an account (UK GDPR right to erasure) once the marketplace holds records about it.

What identifies the person goes: name, email, password, their card at Stripe, their budgets, who holds
their money, what they told providers about visits (address, what matters to them, who the visit was
for), and any request to list a business. The account row stays, named "Deleted account", when
bookings, payments, invoices, reviews or decisions point at it: the council must be able to audit how a
direct payment was spent and what an officer decided. An account nothing points at is removed outright.

An account cannot be deleted while something is still happening: a visit not yet delivered, confirmed
or settled, or a payment not yet made. The person is told what, and where to finish it.
"""

import secrets
from dataclasses import dataclass

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from web.models import UNFINISHED_STATUSES, Booking, ProviderBusiness, User
from web.models.accounts import Role
from web.models.budgets import Budget
from web.models.payments import OPEN_PAYMENT_STATUSES, MoneyHolder, Payment, SavedCard
from web.payments import gateway

DELETED_NAME = "Deleted account"


@dataclass(frozen=True)
class Unfinished:
    """Something that must end before the account can go: what it is, and what to do about it."""

    what: str
    what_to_do: str


class AccountInUse(Exception):
    def __init__(self, unfinished: list[Unfinished]):
        super().__init__("; ".join(item.what for item in unfinished))
        self.unfinished = unfinished


def unfinished_business(session: Session, user: User) -> list[Unfinished]:
    """What stops this account being deleted today (nothing, usually)."""
    found: list[Unfinished] = []
    visits = _count(session, Booking, Booking.booker_id == user.id, Booking.status.in_(UNFINISHED_STATUSES))
    if visits:
        found.append(
            Unfinished(
                _plural(visits, "booking has", "bookings have") + " not finished yet.",
                "Cancel the visits you no longer want, and confirm the ones that have happened.",
            )
        )
    payments = _count(
        session, Payment, Payment.payer_id == user.id, Payment.status.in_(OPEN_PAYMENT_STATUSES)
    )
    if payments:
        found.append(
            Unfinished(
                _plural(payments, "payment has", "payments have") + " not been made yet.",
                "Pay by card from your bookings, or wait until the invoice to your managed account or "
                "ISF has been paid.",
            )
        )
    if _last_manager_of_busy_business(session, user):
        found.append(
            Unfinished(
                "Your business has bookings that have not finished yet.",
                "Finish or cancel them, or ask the council to pass your business to someone else.",
            )
        )
    return found


def delete_account(session: Session, user: User) -> None:
    """Erase the person, or raise AccountInUse (nothing changed). Raises gateway.StripeUnavailable if
    their card could not be removed from Stripe: then nothing here has changed either."""
    unfinished = unfinished_business(session, user)
    if unfinished:
        raise AccountInUse(unfinished)
    card = session.scalar(select(SavedCard).where(SavedCard.user_id == user.id))
    if card is not None:
        gateway.delete_customer(card.stripe_customer_id)  # before anything here, which can be retried
        session.delete(card)
    session.execute(delete(MoneyHolder).where(MoneyHolder.user_id == user.id))
    session.execute(delete(Budget).where(Budget.user_id == user.id))
    session.execute(
        update(Booking)
        .where(Booking.booker_id == user.id)
        .values(visit_address=None, what_matters=None, booked_for=None)
    )
    user.provider_requests.clear()
    session.flush()
    if _is_referred_to(session, user):
        _erase(user)
    else:
        session.delete(user)
    session.commit()


def _erase(user: User) -> None:
    user.email = f"deleted-{user.id}@accounts.invalid"  # unique, and can never receive mail
    user.display_name = DELETED_NAME
    user.password_hash = f"deleted-{secrets.token_hex(16)}"  # no password matches it
    user.is_active_account = False
    user.organization = None
    user.last_signed_in_at = None


def _is_referred_to(session: Session, user: User) -> bool:
    """Whether any other row points at the account (every foreign key to it, read from the schema)."""
    for table in User.metadata.sorted_tables:
        columns = [
            key.parent
            for key in table.foreign_keys
            if key.column.table is User.__table__ and table is not User.__table__
        ]
        if columns and session.scalar(
            select(func.count()).select_from(table).where(or_(*(column == user.id for column in columns)))
        ):
            return True
    return False


def _last_manager_of_busy_business(session: Session, user: User) -> bool:
    if user.role is not Role.PROVIDER or user.organization_id is None:
        return False
    others = _count(
        session,
        User,
        User.organization_id == user.organization_id,
        User.id != user.id,
        User.role == Role.PROVIDER,
    )
    if others:
        return False
    return bool(
        _count(
            session,
            Booking,
            Booking.business_id.in_(
                select(ProviderBusiness.id).where(ProviderBusiness.organization_id == user.organization_id)
            ),
            Booking.status.in_(UNFINISHED_STATUSES),
        )
    )


def _count(session: Session, model, *conditions) -> int:
    return session.scalar(select(func.count()).select_from(model).where(*conditions)) or 0


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"
