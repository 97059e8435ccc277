"""The Open Referral UK API and the JSON search the assistant uses, under /api.

Everything here is public, read-only and open to other sites: every /api response, errors and
unknown paths included, carries Access-Control-Allow-Origin: *.
"""

from flask import Blueprint, Response, request

from web.api import oruk, search
from web.api.errors import ApiInputError, answer_input_error
from web.extensions import csrf

bp = Blueprint("api", __name__, url_prefix="/api")
bp.register_blueprint(oruk.bp)
bp.register_blueprint(search.bp)
bp.register_error_handler(ApiInputError, answer_input_error)
# GET only, and no cookies are needed: nothing for a forged request to abuse.
for blueprint in (bp, oruk.bp, search.bp):
    csrf.exempt(blueprint)


@bp.after_app_request
def allow_any_origin(response: Response) -> Response:
    # An app-wide hook, so 404s for unknown /api paths and errors from the app's handlers get it too.
    if request.path == "/api" or request.path.startswith("/api/"):
        response.headers["Access-Control-Allow-Origin"] = "*"
    return response
