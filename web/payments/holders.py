"""Who holds a person's direct payment: nobody (they pay by card), a managed account or an Individual
Service Fund provider. Sessions confirmed while a holder is named are invoiced to it each month."""

from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from web.models.payments import HolderKind, MoneyHolder


@dataclass
class HolderDetails:
    kind: HolderKind
    name: str
    email: str
    reference: str


def holder_of(session: Session, user_id: int) -> MoneyHolder | None:
    return session.scalar(select(MoneyHolder).where(MoneyHolder.user_id == user_id))


def set_holder(session: Session, user_id: int, details: HolderDetails | None) -> MoneyHolder | None:
    """Name the person's holder, change it, or (with None) go back to paying by card. Commits.
    Invoices already issued keep the holder they were sent to."""
    if details is None:
        session.execute(delete(MoneyHolder).where(MoneyHolder.user_id == user_id))
        session.commit()
        return None
    for _attempt in range(2):
        holder = holder_of(session, user_id)
        if holder is None:
            holder = MoneyHolder(user_id=user_id)
            session.add(holder)
        holder.kind = details.kind
        holder.name = details.name
        holder.email = details.email
        holder.reference = details.reference
        try:
            session.commit()
        except IntegrityError:
            session.rollback()  # the same form sent twice at once: the other made the row; change it
            continue
        return holder
    raise RuntimeError("The money holder could not be saved")
