"""Card payments through Stripe, the webhook Stripe calls, and the ledger rules money follows."""

from flask import Blueprint

bp = Blueprint("payments", __name__)

__all__ = ["bp"]

from web.payments import (  # noqa: E402, F401  (routes register on bp)
    holder_routes,
    invoice_routes,
    payout_routes,
    statement_routes,
)
