"""The Open Referral UK API and the JSON search the assistant uses."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api")
