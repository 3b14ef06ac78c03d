"""Verifying an address and resetting a password through the signed links the account e-mails carry."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import update
from werkzeug.security import generate_password_hash

from incubator.accounts import tokens
from incubator.accounts.models import User
from incubator.accounts.services import (
    ALREADY_REGISTERED,
    RESET_PASSWORD,
    VERIFY_EMAIL,
    end_sessions,
    find_user_by_email,
)
from incubator.audit.services import record
from incubator.database import utcnow
from incubator.errors import N_, DomainError
from incubator.extensions import db
from incubator.outbox.services import dispatch

RESET_REQUEST_TASK = "incubator.accounts.tasks.request_password_reset"
# The pages the links open (a worker has no request to build them with url_for).
VERIFY_PATH, RESET_PATH = "/verify/{token}", "/password/reset/{token}"
LOGIN_PATH, FORGOT_PATH = "/login", "/password/forgot"


class LinkRefused(DomainError):
    """A verification or reset link that cannot be used."""


class LinkExpired(LinkRefused):
    """The link is older than it may be."""


class LinkInvalid(LinkRefused):
    """The link is not one this site made (altered or cut), or its account is gone or deactivated."""


class LinkUsed(LinkRefused):
    """The link did its work already (the address is verified, the password it was made for changed)."""


def site_url(path: str) -> str:
    """The absolute address of `path` on the public site (SITE_URL)."""
    return current_app.config["SITE_URL"].rstrip("/") + path


def link_for(kind: str, user: User) -> str:
    """A new absolute link of e-mail `kind` for `user` (the login page for "already registered")."""
    if kind == VERIFY_EMAIL:
        return site_url(VERIFY_PATH.format(token=tokens.make(tokens.VERIFY_EMAIL, user.id, user.email)))
    if kind == RESET_PASSWORD:
        token = tokens.make(tokens.RESET_PASSWORD, user.id, user.password_hash)
        return site_url(RESET_PATH.format(token=token))
    if kind == ALREADY_REGISTERED:
        return site_url(LOGIN_PATH)
    raise ValueError(f"no link for {kind!r}")


def user_of(purpose: str, token: str) -> tuple[User, str]:
    """The active user a genuine, unexpired token of `purpose` names, with the token's state fingerprint."""
    try:
        user_id, state = tokens.read(purpose, token)
    except tokens.TokenExpired:
        raise LinkExpired(N_("This link has expired.")) from None
    except tokens.TokenInvalid:
        raise LinkInvalid(N_("This link is not valid. Copy the whole link from the e-mail.")) from None
    user = db.session.get(User, user_id)
    if user is None or not user.active:
        raise LinkInvalid(N_("This link is not valid. Copy the whole link from the e-mail."))
    return user, state


def verify_email(token: str) -> User:
    """Mark the address a verification link names verified (once) with an audit row; return its user."""
    user, state = user_of(tokens.VERIFY_EMAIL, token)
    if not tokens.matches(state, user.email):
        raise LinkInvalid(N_("This link was made for another e-mail address."))
    unverified = (User.id == user.id) & User.email_verified_at.is_(None)  # a link opened twice acts once
    if not db.session.execute(update(User).where(unverified).values(email_verified_at=utcnow())).rowcount:
        raise LinkUsed(N_("This link was used already: your e-mail address is verified."))
    record(user.id, "user.email_verified", user)
    db.session.commit()
    return user


def request_password_reset(email: str) -> bool:
    """Queue the search for the account using `email` and its reset e-mail.

    The request does the same work whether or not an account uses the address (the worker looks it up),
    so neither its answer nor its timing tells (the outbox sends the task after its commit, or later)."""
    dispatch(RESET_REQUEST_TASK, email.strip().lower())
    db.session.commit()
    return True


def password_reset_requested(email: str) -> User | None:
    """The active account using `email`, its reset request audited (the worker then e-mails the link)."""
    user = find_user_by_email(email)
    if user is None or not user.active:
        return None
    record(user.id, "user.password_reset_requested", user)
    db.session.commit()
    return user


def user_for_reset(token: str) -> User:
    """The user a reset link names, while their password is still the one the link was made for."""
    user, state = user_of(tokens.RESET_PASSWORD, token)
    if not tokens.matches(state, user.password_hash):
        raise LinkUsed(N_("This link was used already, or the password was changed since it was sent."))
    return user


def reset_password(token: str, password: str) -> User:
    """Set a new password through a reset link (once), verify the address it reached, end every session."""
    user = user_for_reset(token)
    values = {"password_hash": generate_password_hash(password)}
    if user.email_verified_at is None:
        values["email_verified_at"] = utcnow()  # the link reached the address: it is the user's
    unchanged = (User.id == user.id) & (User.password_hash == user.password_hash)  # two posts: one wins
    if not db.session.execute(update(User).where(unchanged).values(**values)).rowcount:
        raise LinkUsed(N_("This link was used already, or the password was changed since it was sent."))
    end_sessions(user, "user.password_reset")  # its audit row and the commit: one transaction
    return user
