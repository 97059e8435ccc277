"""Card payments through Stripe, the webhook Stripe calls, and the ledger rules money follows."""

from flask import Blueprint

bp = Blueprint("payments", __name__)

__all__ = ["bp"]

from web.payments import connect_routes, webhook_routes  # noqa: E402,F401 (they register on bp)
