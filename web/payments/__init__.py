"""Card payments through Stripe, the webhook Stripe calls, and the ledger rules money follows."""

from flask import Blueprint

bp = Blueprint("payments", __name__)

from web.payments import (  # noqa: E402, F401  (routes register on bp)
    card_routes,
    connect_routes,
    holder_routes,
    invoice_routes,
    officer_routes,
    pay_routes,
    payout_routes,
    statement_routes,
    webhook_routes,
)

__all__ = ["bp"]
