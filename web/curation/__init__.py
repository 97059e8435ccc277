"""The officers' back office."""

from web.curation.routes import bp

__all__ = ["bp"]
