"""Registration and sign-in."""

from flask import Blueprint

from web.extensions import db, login_manager
from web.models import User

bp = Blueprint("accounts", __name__, url_prefix="/account")


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    return db.session.get(User, int(user_id)) if user_id.isdigit() else None
