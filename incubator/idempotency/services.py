"""A form's idempotency key: rendered with its CSRF token, claimed with the change, replayed the second time.

Every rendering of a form carries a fresh key signed with the session's CSRF secret. The first
submission that acts inserts the key in the transaction of its change (the services commit both);
after the answer, the key keeps the answer's status and Location. A second sending of the same key,
sequential or concurrent (the unique constraint decides), does not act: it is redirected to the first
answer's Location. A submission without a key (a form rendered before keys existed) acts as before.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from datetime import timedelta
from urllib.parse import urlsplit, urlunsplit

from flask import Flask, current_app, flash, g, redirect, request, session
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import CSRFError, generate_csrf
from markupsafe import Markup
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from incubator.database import lock_for_writing, utcnow
from incubator.extensions import db
from incubator.idempotency.models import IdempotencyKey

KEY_FIELD = "idempotency_key"
EXPIRES = timedelta(days=1)
WAIT_FOR_FIRST = 5.0  # seconds a duplicate waits for the first sending's answer before showing a page
REDIRECTS = (301, 302, 303, 307, 308)


class AlreadySent(Exception):  # noqa: N818 (a signal answered with the first result, not a failure)
    """This key already acted: answer with the first result instead of acting again."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def session_secret() -> str:
    """The session's CSRF secret (Flask-WTF keeps it in the session), made if the session has none."""
    name = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    if name not in session:
        generate_csrf()
    return session[name]


def signature(nonce: str) -> str:
    """The HMAC binding `nonce` to this session."""
    message = f"{session_secret()}:{nonce}".encode()
    return hmac.new(current_app.secret_key.encode(), message, hashlib.sha256).hexdigest()[:32]


def new_key() -> str:
    """A fresh key for one rendered form: a random nonce and its signature."""
    nonce = secrets.token_urlsafe(16)
    return f"{nonce}.{signature(nonce)}"


def key_input(name: str = KEY_FIELD) -> Markup:
    """The hidden input carrying a fresh key (rendered beside every form's CSRF token)."""
    return Markup('<input type="hidden" name="{}" value="{}">').format(name, new_key())


def verified(raw: str) -> str:
    """The nonce of a key this session rendered; a key of another session, or altered, is refused."""
    nonce, _dot, sent = raw.partition(".")
    if not nonce or len(nonce) > 64 or not hmac.compare_digest(sent.encode(), signature(nonce).encode()):
        raise CSRFError("The idempotency key was not issued to this session.")
    return nonce


def claim(raw: str | None) -> None:
    """Insert the form's key into the current transaction, or raise AlreadySent if it acted before.

    The services commit the key with their change; a concurrent sending of the same key waits on the
    unique constraint (SQLite: on the write lock) and then finds it taken.
    """
    if not raw or g.get("idempotency_key"):  # no key: an old form, a normal submission
        return
    nonce = verified(raw)
    lock_for_writing(db.session)
    if db.session.scalar(select(IdempotencyKey.id).where(IdempotencyKey.key == nonce)):
        db.session.rollback()
        raise AlreadySent(nonce)
    user_id = current_user.id if current_user.is_authenticated else None
    binding = hashlib.sha256(session_secret().encode()).hexdigest()
    row = IdempotencyKey(key=nonce, session_hash=binding, user_id=user_id, endpoint=request.path[:255])
    db.session.add(row)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise AlreadySent(nonce) from None
    g.idempotency_key = nonce


def sent_key() -> str | None:
    """The nonce of the key this POST carries (under any form prefix), if this session issued it."""
    if current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token") not in session:
        return None  # a session cleared by this request (a login, a password change): no key is its own
    try:
        fields = list(request.form.items())
    except HTTPException:  # a body too large to read: answered as it is
        return None
    for name, raw in fields:
        if name == KEY_FIELD or name.endswith("-" + KEY_FIELD):
            try:
                return verified(raw) if raw else None
            except CSRFError:
                return None  # refused where the form is read, with the CSRF error's page
    return None


def taken(nonce: str) -> bool:
    """Whether a request already acted with this key (its change is committed)."""
    return db.session.scalar(select(IdempotencyKey.id).where(IdempotencyKey.key == nonce)) is not None


def replay_if_sent() -> None:
    """Answer a form sent again with a key that acted before the first result, before the route runs.

    The route would otherwise judge the form against the state its first sending made (an e-mail now
    taken, a record deleted, a status moved on) and answer with an error instead of the first result.
    """
    if request.method == "POST" and (nonce := sent_key()) and taken(nonce):
        db.session.rollback()
        raise AlreadySent(nonce)


def referrer_path() -> str | None:
    """The page the form was on, when it is on this site."""
    parts = urlsplit(request.referrer or "")
    if not parts.path or (parts.netloc and parts.netloc != request.host):
        return None
    return urlunsplit(("", "", parts.path, parts.query, ""))


def record_answer(response: Response) -> Response:
    """Keep the answer of a request that claimed a key, if its change was committed with the key."""
    nonce = g.pop("idempotency_key", None)
    if nonce is None:
        return replay_if_beaten(response)
    db.session.rollback()  # what the request did not commit is dropped (the teardown would do the same)
    location = response.location if response.status_code in REDIRECTS else referrer_path()
    answer = {"status": response.status_code, "location": location}
    db.session.execute(update(IdempotencyKey).where(IdempotencyKey.key == nonce).values(**answer))
    db.session.commit()  # no row when the change was not committed: the key stays free
    return response


def replay_if_beaten(response: Response) -> Response:
    """A copy that did not act, answered while another sending of its key did: the first result instead.

    Concurrent copies pass `replay_if_sent` before the first commits; one that then meets the first's
    change (a deleted record's 404, a form error) answers with the first result all the same.
    """
    if request.method != "POST" or g.pop("replayed", False) or response.status_code >= 500:
        return response
    nonce = sent_key()
    if nonce is None:
        return response
    db.session.rollback()  # a fresh look: the first sending's commit is visible
    return replay(AlreadySent(nonce)) if taken(nonce) else response


def first_answer(nonce: str) -> str | None:
    """The Location the first sending answered with, waiting a moment while it is still answering."""
    deadline = time.monotonic() + WAIT_FOR_FIRST
    query = select(IdempotencyKey.status, IdempotencyKey.location).where(IdempotencyKey.key == nonce)
    while True:
        row = db.session.execute(query).first()
        db.session.rollback()  # the next look sees the latest commit
        if row is None or row.status is not None or time.monotonic() > deadline:
            return row.location if row is not None else None
        time.sleep(0.05)


def replay(error: AlreadySent) -> Response:
    """Answer a second sending with the first result."""
    g.replayed = True
    flash(_("This form was already sent; here is the result."), "info")
    return redirect(first_answer(error.key) or referrer_path() or "/")


def purge_expired() -> int:
    """Delete the keys older than a day (a form is not sent twice that late); return how many."""
    done = db.session.execute(delete(IdempotencyKey).where(IdempotencyKey.created_at < utcnow() - EXPIRES))
    db.session.commit()
    return done.rowcount


def init_app(app: Flask) -> None:
    """Keep answers, replay duplicates, and offer `idempotency_key()` to forms written by hand."""
    app.before_request(replay_if_sent)
    app.after_request(record_answer)
    app.register_error_handler(AlreadySent, replay)
    app.add_template_global(key_input, "idempotency_key")
