"""The marketplace: providers set up their business and checks, sell offerings, and people book them."""

from flask import Blueprint

bp = Blueprint("marketplace", __name__)

from web.marketplace import (  # noqa: E402, F401  (routes and filters register on bp)
    booking_routes,
    my_bookings_routes,
    offering_routes,
    provider_routes,
    time_words,
)

__all__ = ["bp"]

from web.marketplace import budget_routes, review_routes  # noqa: E402, F401  (routes register on bp)
