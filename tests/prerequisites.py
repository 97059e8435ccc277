"""Tests that need something outside the repository skip where it is absent, but never on CI."""

import os

import pytest


def missing_prerequisite(reason: str) -> None:
    """Skip on a developer's machine; fail on CI, where everything the suite needs must be present."""
    if os.environ.get("CI"):
        pytest.fail(f"CI must run this test, but: {reason}")
    pytest.skip(reason)
