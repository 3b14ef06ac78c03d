"""Overload protection: under more traffic than it can serve, the site answers at once instead of queueing.

Each process works on at most `MAX_CONCURRENT_REQUESTS` pages at a time (0: no cap). One more is answered
straight away with 503, `Retry-After` and a short page in the visitor's language, instead of waiting behind
the others until its visitor gave up. A request that a front proxy stamped (`X-Request-Start`) more than
`MAX_REQUEST_WAIT` seconds ago is answered the same way: its visitor is gone or about to go. Static files
and the health check (`/healthz`, answered here without the database) are never counted nor refused: they
cost little, and a load balancer must not take a busy process for a dead one.

The cap needs spare threads to answer with (gunicorn.conf.py: gthread, cap = a quarter of the threads):
behind a worker's busy threads a refused request waits for nothing but a free thread.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator

from flask import Flask, render_template
from flask_babel import force_locale
from werkzeug.http import parse_accept_header

from incubator.i18n import lazy_gettext as _l
from incubator.static_files import is_static

HEALTH_PATH = "/healthz"
RETRY_AFTER = 5  # seconds a refused visitor is asked to wait before trying again
OVERLOADED = 503
END = object()  # a body's end
LOG_EVERY = 60  # seconds between two warnings counting the refusals of a process
logger = logging.getLogger(__name__)
MESSAGE = _l("The site is very busy right now. Please try again in a few seconds.")


class OverloadGuard:
    """WSGI middleware that caps the pages in flight in this process and refuses the rest at once."""

    def __init__(self, app: Flask, wsgi_app: Callable, limit: int, max_wait: float) -> None:
        self.app = app
        self.wsgi_app = wsgi_app
        self.limit = limit
        self.max_wait = max_wait
        self.slots = threading.BoundedSemaphore(limit) if limit else None
        self.static_prefixes = tuple(
            rule.rule.split("<", 1)[0] for rule in app.url_map.iter_rules() if is_static(rule.endpoint)
        )
        self.pages: dict[tuple[str, bool], tuple[bytes, list]] = {}  # (locale, JSON?) -> body, headers
        self.refused, self.logged_at = 0, -float("inf")

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path == HEALTH_PATH:
            return healthy(start_response)
        if path.startswith(self.static_prefixes):
            return self.wsgi_app(environ, start_response)
        if self.max_wait and waited(environ) > self.max_wait:
            return self.refuse(environ, start_response)
        if self.slots is None:
            return self.wsgi_app(environ, start_response)
        if not self.slots.acquire(blocking=False):
            return self.refuse(environ, start_response)
        try:
            body = self.wsgi_app(environ, start_response)
        except BaseException:
            self.slots.release()
            raise
        return Held(body, self.slots.release)

    def refuse(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        """503 with `Retry-After` and the page (or JSON) in the visitor's language, rendered once each."""
        self.note_refusal()
        key = (self.visitor_locale(environ), wants_json(environ))
        if key not in self.pages:
            self.pages[key] = self.render(*key)
        body, headers = self.pages[key]
        start_response("503 Service Unavailable", headers)
        return [body]

    def note_refusal(self) -> None:
        """Count a refusal; warn at the first one, then at most once every LOG_EVERY seconds (approximate
        counts: threads may race, a log line is not worth a lock on this path)."""
        self.refused += 1
        now = time.monotonic()
        if now - self.logged_at >= LOG_EVERY:
            count, self.refused, self.logged_at = self.refused, 0, now
            logger.warning(
                "overloaded: %d request(s) answered 503 since the last warning (MAX_CONCURRENT_REQUESTS=%d, "
                "MAX_REQUEST_WAIT=%g)", count, self.limit, self.max_wait,
            )  # fmt: skip

    def render(self, locale: str, as_json: bool) -> tuple[bytes, list]:
        """The refusal in `locale`, with the site's security headers: a page standing alone (no user, no
        session, no query) or JSON."""
        with self.app.test_request_context("/"), force_locale(locale):
            if as_json:
                response = self.app.json.response(error=str(MESSAGE), status=OVERLOADED)
            else:
                html = render_template("errors/overloaded.html", locale=locale, message=MESSAGE)
                response = self.app.response_class(html, OVERLOADED)
            response = self.app.process_response(response)  # Talisman's headers (CSP, nosniff, ...)
        response.headers["Retry-After"] = str(RETRY_AFTER)
        response.headers["Cache-Control"] = "no-store"
        response.headers.pop("Set-Cookie", None)
        return response.get_data(), list(response.headers.items())

    def visitor_locale(self, environ: dict) -> str:
        """The language picked on the site (kept in the session cookie), else the browser's: no user or
        query is loaded for a refusal."""
        languages = list(self.app.config["LANGUAGES"])
        request = self.app.request_class(environ)
        if self.app.session_interface.get_cookie_name(self.app) in request.cookies:
            session = self.app.session_interface.open_session(self.app, request)
            if session is not None and session.get("language") in languages:
                return session["language"]
        return request.accept_languages.best_match(languages) or languages[0]


class Held:
    """A page's body that gives its slot back once sent or closed, whichever comes first (a server closes
    it after sending; a test client may only read it)."""

    def __init__(self, body: Iterable[bytes], release: Callable[[], None]) -> None:
        self.body = body
        self.release = release
        self.released = False

    def __iter__(self) -> Iterator[bytes]:
        try:
            chunks = iter(self.body)
            last = next(chunks, END)
            for chunk in chunks:
                yield last
                last = chunk
            self.give_back()  # the page is made: free the slot before its last bytes go out, else the
            if last is not END:  # visitor's next request can arrive before this thread gave it back
                yield last
        finally:
            self.give_back()

    def close(self) -> None:
        try:
            if hasattr(self.body, "close"):
                self.body.close()
        finally:
            self.give_back()

    def give_back(self) -> None:
        if not self.released:
            self.released = True
            self.release()


def healthy(start_response: Callable) -> list[bytes]:
    """The health check's answer: this process takes requests (the database is not asked)."""
    body = b"ok\n"
    headers = [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body))),
               ("Cache-Control", "no-store")]  # fmt: skip
    start_response("200 OK", headers)
    return [body]


def waited(environ: dict) -> float:
    """Seconds since the front proxy received the request (`X-Request-Start: t=<epoch>` in seconds,
    milliseconds or microseconds, as nginx, Heroku and others write it); 0 without the header."""
    stamp = environ.get("HTTP_X_REQUEST_START", "").strip().removeprefix("t=")
    try:
        started = float(stamp)
    except ValueError:
        return 0.0
    while started > 1e11:  # milliseconds or microseconds since the epoch
        started /= 1000
    return max(0.0, time.time() - started)


def wants_json(environ: dict) -> bool:
    """Whether the client asked for JSON (the API, or an Accept header preferring it)."""
    if environ.get("PATH_INFO", "").startswith("/api/"):
        return True
    accepted = parse_accept_header(environ.get("HTTP_ACCEPT"))
    return accepted.best_match(["text/html", "application/json"]) == "application/json"


def init_app(app: Flask) -> None:
    """Put the guard in front of everything else (after every blueprint: it needs their static paths)."""
    app.wsgi_app = OverloadGuard(
        app, app.wsgi_app, app.config["MAX_CONCURRENT_REQUESTS"], app.config["MAX_REQUEST_WAIT"]
    )
