"""A provider's own pages: the business, its checks, offerings and availability."""

from web.marketplace import bp  # noqa: F401
