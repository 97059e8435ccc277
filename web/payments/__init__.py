"""Card payments through Stripe, the webhook Stripe calls, and the ledger rules money follows."""

from flask import Blueprint

bp = Blueprint("payments", __name__)

from web.payments import card_routes, officer_routes, pay_routes  # noqa: E402, F401  (routes register on bp)

__all__ = ["bp"]
