"""A provider business's Stripe Connect Express account, used only when STRIPE_CONNECT is on: Stripe
then pays the provider directly (a card charge carries transfer_data to this account)."""

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from web.extensions import db
from web.models.base import utcnow
from web.models.marketplace import ProviderBusiness


class ConnectAccount(db.Model):
    __tablename__ = "connect_account"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("provider_business.id"), unique=True)
    stripe_account_id: Mapped[str] = mapped_column(String(255), unique=True)  # acct_...
    # As Stripe last told us (the return page and `refresh_status` read them again).
    charges_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    payouts_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    details_submitted: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    business: Mapped[ProviderBusiness] = relationship()

    @property
    def ready(self) -> bool:
        """Stripe can take payments for the business and pay them out."""
        return self.charges_enabled and self.payouts_enabled
