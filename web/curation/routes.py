"""Officers' pages."""

from flask import Blueprint

bp = Blueprint("curation", __name__, url_prefix="/officers")
