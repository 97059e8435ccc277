"""Who may change a listing: the rule every provider page, back-office page and API write checks."""

from flask_login import AnonymousUserMixin

from web.models import Service, User
from web.models.accounts import Role


def can_edit_service(user: User | AnonymousUserMixin, service: Service) -> bool:
    """Officers and administrators may change any listing; a provider only their own organisation's.

    A provider account always belongs to one organisation (an officer links it on approval); an
    account waiting for checks is not a provider yet, so it can change nothing.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    assert isinstance(user, User)
    if user.is_staff:
        return True
    return (
        user.role is Role.PROVIDER
        and user.organization_id is not None
        and user.organization_id == service.organization_id
    )
