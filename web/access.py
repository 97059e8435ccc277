"""Who may open a page: every view says so with one of these decorators, and a test walks the URL map
to check that none is left without a decision.

- @public: anyone, signed in or not. It only marks the view, so it may sit above the route decorator.
- @signed_in: any signed-in account.
- @role_required(Role.OFFICER, ...): signed in with one of these roles.
- @owner_required: signed in and allowed to change the listing named by the view's service_id
  (web.services.ownership decides who that is).

The others wrap the view, so they go below the route decorator. Someone not signed in is sent to the
sign-in page (and brought back afterwards); someone signed in without the right gets 403, because
signing in again would not help them.
"""

import enum
from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from flask import abort
from flask_login import current_user

from web.extensions import db, login_manager
from web.models import Service
from web.models.accounts import Role
from web.services.ownership import can_edit_service

P = ParamSpec("P")
R = TypeVar("R")

STAFF_ROLES = (Role.OFFICER, Role.ADMIN)


class Access(enum.StrEnum):
    PUBLIC = "public"
    SIGNED_IN = "signed in"
    ROLE = "role"
    OWNER = "owner"


def access_of(view: Callable) -> Access | None:
    """The decision a view carries, or None when it has none."""
    return getattr(view, "access", None)


def public(view: Callable[P, R]) -> Callable[P, R]:
    view.access = Access.PUBLIC  # type: ignore[attr-defined]
    return view


def signed_in(view: Callable[P, R]) -> Callable[P, R]:
    @wraps(view)
    def guarded_view(*args: P.args, **kwargs: P.kwargs) -> R:
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        return view(*args, **kwargs)

    guarded_view.access = Access.SIGNED_IN  # type: ignore[attr-defined]
    return guarded_view


def role_required(*roles: Role) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Let in only signed-in people with one of these roles."""
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

        guarded_view.access = Access.ROLE  # type: ignore[attr-defined]
        guarded_view.required_roles = roles  # type: ignore[attr-defined]
        return guarded_view

    return decorator


def owner_required(view: Callable[P, R]) -> Callable[P, R]:
    """Let in only those who may change the listing in the URL (its service_id): its own provider,
    officers and administrators. An unknown listing is 404 once signed in."""

    @wraps(view)
    def guarded_view(*args: P.args, **kwargs: P.kwargs) -> R:
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        service = db.session.get(Service, kwargs.get("service_id"))
        if service is None:
            abort(404)
        if not can_edit_service(current_user, service):
            abort(403)
        return view(*args, **kwargs)

    guarded_view.access = Access.OWNER  # type: ignore[attr-defined]
    return guarded_view
