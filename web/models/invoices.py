"""Invoices to the managed account or Individual Service Fund that holds a person's money: one a month
for each provider the person had confirmed sessions with, each line one invoiced payment.

An invoice keeps a copy of the holder's name, email and reference as they were when it was issued, and
of each session's date, service, length and amount, so it reads the same whatever changes later.
"""

import enum
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from web.extensions import db
from web.models.accounts import User
from web.models.base import str_enum, utcnow, uuid_pk
from web.models.marketplace import ProviderBusiness
from web.models.payments import HolderKind, Payment


class InvoiceStatus(enum.StrEnum):
    ISSUED = "issued"
    PAID = "paid"

    @property
    def label(self) -> str:
        return {"issued": "Waiting to be paid", "paid": "Paid"}[self.value]


class InvoiceCounter(db.Model):
    """The last invoice number given in a year. Taking a number updates this row, which the database
    lets only one transaction at a time do, so two runs at once never give the same number."""

    __tablename__ = "invoice_counter"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer, default=0)


class Invoice(db.Model):
    __tablename__ = "invoice"

    id: Mapped[str] = uuid_pk()
    number: Mapped[str] = mapped_column(String(20), unique=True)  # INV-2026-00001
    year: Mapped[int] = mapped_column(Integer)
    sequence: Mapped[int] = mapped_column(Integer)
    business_id: Mapped[int] = mapped_column(ForeignKey("provider_business.id"), index=True)
    payer_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    holder_kind: Mapped[HolderKind] = mapped_column(str_enum(HolderKind))
    holder_name: Mapped[str] = mapped_column(String(200))
    holder_email: Mapped[str] = mapped_column(String(255))
    holder_reference: Mapped[str] = mapped_column(String(60))
    month: Mapped[date] = mapped_column(Date, index=True)  # the first day of the month invoiced
    issued_on: Mapped[date] = mapped_column(Date)
    total_pence: Mapped[int] = mapped_column(Integer)
    status: Mapped[InvoiceStatus] = mapped_column(
        str_enum(InvoiceStatus), default=InvoiceStatus.ISSUED, index=True
    )
    paid_at: Mapped[datetime | None] = mapped_column(DateTime)
    # The officer who marked it paid; None with a paid_at means the holder did, from the emailed link.
    paid_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    business: Mapped[ProviderBusiness] = relationship()
    payer: Mapped[User] = relationship(foreign_keys=[payer_id])
    paid_by: Mapped[User | None] = relationship(foreign_keys=[paid_by_id])
    lines: Mapped[list["InvoiceLine"]] = relationship(
        back_populates="invoice", cascade="all, delete-orphan", order_by="InvoiceLine.position"
    )

    __table_args__ = (
        UniqueConstraint("year", "sequence", name="one_invoice_per_number"),
        CheckConstraint("total_pence > 0", name="invoice_total_positive"),
    )

    @property
    def paid_by_words(self) -> str:
        if self.paid_at is None:
            return ""
        return self.paid_by.display_name if self.paid_by else self.holder_name


class InvoiceLine(db.Model):
    """One session on an invoice. A payment is on one invoice at most (the unique payment_id), so an
    invoicing run repeated, or two at once, can never bill a session twice."""

    __tablename__ = "invoice_line"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    invoice_id: Mapped[str] = mapped_column(ForeignKey("invoice.id"), index=True)
    payment_id: Mapped[str] = mapped_column(ForeignKey("payment.id"), unique=True)
    position: Mapped[int] = mapped_column(Integer)
    session_on: Mapped[date] = mapped_column(Date)  # the day of the visit, in London
    service: Mapped[str] = mapped_column(String(200))
    minutes: Mapped[int] = mapped_column(Integer)
    amount_pence: Mapped[int] = mapped_column(Integer)

    invoice: Mapped[Invoice] = relationship(back_populates="lines")
    payment: Mapped[Payment] = relationship()

    __table_args__ = (CheckConstraint("amount_pence > 0", name="invoice_line_amount_positive"),)
