"""Domain errors and the error pages (HTML or JSON), never with a stack trace (tests get the exception)."""

from __future__ import annotations

import math
import time

from flask import Flask, Response, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from incubator import problem_texts
from incubator.extensions import db, limiter
from incubator.i18n import lazy_gettext as _l

MESSAGES = {
    400: _l("The request could not be understood."),
    403: _l("You do not have access to this page."),
    404: _l("This page does not exist."),
    405: _l("This action is not allowed here."),
    413: _l("The upload is too large."),
    429: _l("Too many attempts. Please wait a minute and try again."),
    500: _l("Something went wrong on our side. Your saved data is safe; please try again."),
}


# Headers an HTTP error keeps on its error page: what a 405 allows, how a 401 wants credentials.
KEPT_HEADERS = ("Allow", "WWW-Authenticate")


class DomainError(Exception):
    """A business rule refused an action; the message is safe to show (and translated at display)."""


def N_(message: str) -> str:
    """Mark `message` for the translation catalogue; it is translated where it is shown."""
    return message


def wants_json() -> bool:
    """Whether the client asked for JSON rather than a page."""
    if request.path.startswith("/api/") or request.is_json:
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json"


def problem(status: int, detail: str, **members: object) -> Response:
    """An RFC 9457 problem details response (application/problem+json), as every /api/ path answers."""
    body = {"type": "about:blank", "title": problem_texts.title(status), "status": status}
    response = jsonify({**body, "detail": problem_texts.detail(status, detail), **members})
    response.status_code = status
    response.mimetype = "application/problem+json"
    response.vary.add("Accept-Language")  # title and detail are in the reader's language
    return response


def render_error(status: int, message: str | None = None, **members: object):  # noqa: ANN201
    """A response for `status` in the format the client wants (problem details under /api/)."""
    text = str(message or MESSAGES.get(status, MESSAGES[500]))
    if request.path.startswith("/api/"):
        return problem(status, text, **members), status
    if wants_json():
        return jsonify(error=text, status=status), status
    return render_template("errors/error.html", status=status, message=text), status


def invalid_fields(error: HTTPException) -> dict:
    """The field messages of a refused API request (webargs' 422, an API form's 400), under `errors`."""
    messages = (getattr(error, "data", None) or {}).get("messages")
    return {"errors": messages} if messages and request.path.startswith("/api/") else {}


def api_detail(error: HTTPException) -> str:
    """Why an API request was refused: the message it was aborted with, else the status's description."""
    return (getattr(error, "data", None) or {}).get("message") or error.description


def retry_after() -> int:
    """Seconds until the limit this request broke lets it through again (at least 1)."""
    limit = limiter.current_limit
    if limit is None:
        return 60
    window = limit.limit.get_expiry()
    # reset_at is rounded up to a whole second by the store, so it may lie just past the window.
    return max(1, min(window, math.ceil(limit.reset_at - time.time())))


def register_error_handlers(app: Flask) -> None:
    """Install the handlers for HTTP errors, CSRF failures and unexpected exceptions."""

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):  # noqa: ANN202
        return render_error(400, _l("The form expired or was not sent from this site. Please retry."))

    @app.errorhandler(429)
    def too_many_requests(error: HTTPException):  # noqa: ANN202
        body, status = render_error(429)
        seconds = getattr(error, "retry_after", None)  # set by a limit checked by hand (login throttling)
        return body, status, {"Retry-After": str(seconds if isinstance(seconds, int) else retry_after())}

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):  # noqa: ANN202
        detail = api_detail(error) if request.path.startswith("/api/") else None  # the API says why
        body, status = render_error(error.code or 500, detail, **invalid_fields(error))
        kept = [(name, value) for name, value in error.get_headers() if name in KEPT_HEADERS]
        return body, status, kept

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):  # noqa: ANN202
        db.session.rollback()
        if app.testing:
            raise error  # tests see the real traceback, never a friendly page hiding it
        app.logger.exception("unhandled error", exc_info=error)
        return render_error(InternalServerError.code)
