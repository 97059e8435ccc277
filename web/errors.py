"""Error pages in plain English: never a stack trace."""

from flask import Blueprint, jsonify, make_response, render_template, request
from flask_limiter.errors import RateLimitExceeded
from werkzeug.exceptions import HTTPException

from web.rate_limits import wait_text

bp = Blueprint("errors", __name__)

MESSAGES = {
    400: ("There is a problem with your request", "Check what you entered and try again."),
    403: ("You do not have permission to see this page", "Sign in with an account that has access."),
    404: ("Page not found", "If you typed the web address, check it is correct."),
    405: ("That is not allowed here", "Go back and try again."),
    413: (
        "What you sent is too big",
        "Nothing was saved. Files must be smaller than 10 MB. Go back, choose a smaller file or shorten "
        "what you wrote, and try again.",
    ),
    429: ("Too many requests", "Wait a minute, then try again."),
    500: ("Sorry, there is a problem with the service", "Try again later."),
}


def _wants_json() -> bool:
    return request.path.startswith("/api/")


@bp.app_errorhandler(HTTPException)
def handle_http_error(error: HTTPException):
    code = error.code or 500
    title, advice = MESSAGES.get(code, (error.name, ""))
    if isinstance(error, RateLimitExceeded):
        # The limit is checked before the form is handled, so nothing was half done.
        advice = (
            "You have sent this form too many times. Nothing was saved or sent. "
            f"Wait {wait_text(error.limit.limit)}, then try again."
        )
    if _wants_json():
        response = jsonify({"error": {"status": code, "title": title, "detail": error.description}})
    else:
        response = make_response(render_template("errors/error.html", code=code, title=title, advice=advice))
    response.status_code = code
    # Keep what the error says about itself, such as the Allow header a 405 must carry (RFC 9110).
    for name, value in error.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


@bp.app_errorhandler(Exception)
def handle_unexpected_error(error: Exception):
    from flask import current_app

    current_app.logger.exception("Unhandled error")
    return handle_http_error(_InternalError())


class _InternalError(HTTPException):
    code = 500
    description = "Something went wrong on our side."
