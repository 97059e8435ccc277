"""Data for invoice tests: a person whose money a managed account holds, and confirmed visits made the
way the booking pages make them (a CONFIRMED booking, then its payment opened through the ledger)."""

import email
import email.policy
from datetime import datetime, timedelta
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader

from tests.factories import make_booking
from web.extensions import db
from web.models.marketplace import BookingStatus
from web.models.payments import HolderKind, MoneyHolder, Payment, PaymentPurpose
from web.payments import ledger


def hold_money(
    user, name="Wigan Money Management", email_address="accounts@example.org", reference="DP-0042"
):
    db.session.add(
        MoneyHolder(
            user_id=user.id,
            kind=HolderKind.MANAGED_ACCOUNT,
            name=name,
            email=email_address,
            reference=reference,
        )
    )
    db.session.commit()


def confirmed_visit(
    business, offering, person, confirmed_at: datetime, minutes: int = 60, amount_pence: int = 2000
) -> Payment:
    starts = confirmed_at - timedelta(hours=3)
    booking = make_booking(
        business,
        offering,
        person,
        now=starts - timedelta(days=2),
        starts_in=timedelta(days=2),
        status=BookingStatus.CONFIRMED,
        minutes=minutes,
        delivered_start=starts,
        delivered_minutes=minutes,
        delivered_at=starts + timedelta(minutes=minutes),
        confirmed_at=confirmed_at,
        total_pence=amount_pence,
    )
    payment = ledger.open_payment(db.session, booking, PaymentPurpose.VISIT, amount_pence)
    db.session.commit()
    return payment


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


def mails(app) -> list[email.message.EmailMessage]:
    folder = Path(app.config["MAIL_DIR"])
    paths = sorted(folder.glob("*.eml")) if folder.exists() else []
    return [email.message_from_bytes(path.read_bytes(), policy=email.policy.default) for path in paths]


def clear_mail(app) -> None:
    folder = Path(app.config["MAIL_DIR"])
    for path in folder.glob("*.eml") if folder.exists() else []:
        path.unlink()
