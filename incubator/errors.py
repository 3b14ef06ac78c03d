"""Domain errors and the error pages (HTML or JSON), never with a stack trace (tests get the exception)."""

from __future__ import annotations

import math
import time

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

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


def render_error(status: int, message: str | None = None):  # noqa: ANN201
    """A response for `status` in the format the client wants."""
    text = str(message or MESSAGES.get(status, MESSAGES[500]))
    if wants_json():
        return jsonify(error=text, status=status), status
    return render_template("errors/error.html", status=status, message=text), status


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
        body, status = render_error(error.code or 500)
        allowed = [(k, v) for k, v in error.get_headers() if k == "Allow"]  # a 405 names the methods allowed
        return body, status, allowed

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):  # noqa: ANN202
        db.session.rollback()
        if app.testing:
            raise error  # tests see the real traceback, never a friendly page hiding it
        app.logger.exception("unhandled error", exc_info=error)
        return render_error(InternalServerError.code)
