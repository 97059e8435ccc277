"""Who may open a page. Later areas (back office, provider pages) guard their views with role_required."""

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from flask import abort
from flask_login import current_user

from web.extensions import login_manager
from web.models.accounts import Role

P = ParamSpec("P")
R = TypeVar("R")

STAFF_ROLES = (Role.OFFICER, Role.ADMIN)


def role_required(*roles: Role) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Let in only signed-in people with one of these roles.

    Someone not signed in is sent to the sign-in page (and brought back afterwards); someone signed in
    with another role gets 403, because signing in again would not help them.
    """
    if not roles or not all(isinstance(role, Role) for role in roles):
        raise ValueError("role_required needs at least one Role")

    def decorator(view: Callable[P, R]) -> Callable[P, R]:
        @wraps(view)
        def guarded_view(*args: P.args, **kwargs: P.kwargs) -> R:
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        # Lets a test walk the URL map and check that every back-office view has a guard.
        guarded_view.required_roles = roles  # type: ignore[attr-defined]
        return guarded_view

    return decorator
