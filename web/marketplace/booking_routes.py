"""Booking a provider, and the booking from both sides."""

from web.marketplace import bp  # noqa: F401
