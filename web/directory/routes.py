"""Public search and listing pages."""

from flask import Blueprint, render_template

bp = Blueprint("directory", __name__)


@bp.get("/")
def show_home():
    return render_template("views/directory/home.html")
