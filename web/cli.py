"""Command-line tools: `flask users create`, `flask search reindex`, `flask demo load`."""

from flask import Flask


def register_commands(app: Flask) -> None:
    pass
