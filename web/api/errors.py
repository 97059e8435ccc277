"""Errors the API answers with: JSON naming the query parameter to correct, never a stack trace."""

from flask import jsonify
from flask.typing import ResponseReturnValue


class ApiInputError(ValueError):
    """A query parameter the caller must correct; field is the parameter's name as they sent it."""

    def __init__(self, field: str, detail: str, suggestions: tuple[str, ...] = ()):
        super().__init__(detail)
        self.field = field
        self.detail = detail
        self.suggestions = suggestions  # values the caller may have meant ("Stockport"), best first


def answer_input_error(error: ApiInputError) -> ResponseReturnValue:
    body = {
        "error": {
            "status": 400,
            "title": "There is a problem with your request",
            "detail": error.detail,
            "field": error.field,
        }
    }
    if error.suggestions:
        body["error"]["suggestions"] = list(error.suggestions)
    return jsonify(body), 400
