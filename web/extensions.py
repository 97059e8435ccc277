"""Flask extensions, created unbound and attached in create_app."""

from flask import request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_talisman import Talisman
from flask_wtf import CSRFProtect
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
csrf = CSRFProtect()
login_manager = LoginManager()

# Every form post is limited per address: plenty for a person, too few for a script. Forms that send
# email or write have stricter limits of their own (web/rate_limits.py); reading is never limited.
FORM_POST_RATE_LIMIT = "30 per minute"


def _only_reads() -> bool:
    return request.method in ("GET", "HEAD", "OPTIONS")


limiter = Limiter(
    key_func=get_remote_address,
    default_limits=[FORM_POST_RATE_LIMIT],
    default_limits_exempt_when=_only_reads,
)
talisman = Talisman()
