"""Stripe Connect Express for provider businesses: the account, the onboarding link, its status, and
where a card charge's money goes. Used only when STRIPE_CONNECT is on (with real keys)."""

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from web.models.connect import ConnectAccount
from web.models.marketplace import ProviderBusiness
from web.payments import gateway


def enabled() -> bool:
    return bool(current_app.config["STRIPE_CONNECT"])


def account_for(session: Session, business_id: int) -> ConnectAccount | None:
    return session.scalar(select(ConnectAccount).where(ConnectAccount.business_id == business_id))


def start_onboarding(session: Session, business: ProviderBusiness, refresh_url: str, return_url: str) -> str:
    """The Account Link to send the provider to, making their Express account the first time (and
    committing it, so a second click reuses the account)."""
    account = account_for(session, business.id)
    if account is None:
        account_id = gateway.create_express_account(
            business.public_email, business.trading_name, idempotency_key=f"connect-account-{business.id}"
        )
        account = ConnectAccount(business_id=business.id, stripe_account_id=account_id)
        session.add(account)
        try:
            session.commit()
        except IntegrityError:  # a second click got there first; Stripe gave both the same account
            session.rollback()
            account = account_for(session, business.id)
    return gateway.onboarding_link(account.stripe_account_id, refresh_url, return_url)


def refresh_status(session: Session, business_id: int) -> ConnectAccount | None:
    """Read the account's status from Stripe and keep it; None if the business has not started."""
    account = account_for(session, business_id)
    if account is None:
        return None
    status = gateway.account_status(account.stripe_account_id)
    account.charges_enabled = status.charges_enabled
    account.payouts_enabled = status.payouts_enabled
    account.details_submitted = status.details_submitted
    session.commit()
    return account


def destination_for(session: Session, business_id: int) -> str | None:
    """The Stripe account a charge for this business should be transferred to (transfer_data), or None
    when Connect is off or the business cannot be paid by Stripe yet (the council pays it out)."""
    if not enabled():
        return None
    account = account_for(session, business_id)
    return account.stripe_account_id if account is not None and account.ready else None


def platform_fee_pence(amount_pence: int) -> int:
    """The council's cut of a charge (application_fee_amount), PLATFORM_FEE_PERCENT of it, rounded down."""
    return amount_pence * current_app.config["PLATFORM_FEE_PERCENT"] // 100
