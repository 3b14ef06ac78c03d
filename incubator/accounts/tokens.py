"""Signed, expiring links (itsdangerous, one salt per purpose) that name the state they were made for."""

from __future__ import annotations

import hashlib
import hmac

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, TimestampSigner, URLSafeTimedSerializer

VERIFY_EMAIL, RESET_PASSWORD = "verify-email", "reset-password"
MAX_AGE = {VERIFY_EMAIL: 48 * 3600, RESET_PASSWORD: 3600}  # seconds a link stays valid


class TokenExpired(Exception):
    """The link is genuine but older than its purpose allows."""


class TokenInvalid(Exception):
    """The link was not made by this site for this purpose (altered, truncated, another salt)."""


def serializer(purpose: str, signer: type[TimestampSigner] = TimestampSigner) -> URLSafeTimedSerializer:
    """The serializer of `purpose`: a link made for one purpose never passes for another."""
    key = current_app.config["SECRET_KEY"]
    return URLSafeTimedSerializer(key, salt=f"incubator.accounts.{purpose}", signer=signer)


def fingerprint(state: str) -> str:
    """A short keyed digest of `state` (an address, a password hash): the link never carries the value."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, state.encode(), hashlib.sha256).hexdigest()[:32]


def make(purpose: str, user_id: int, state: str) -> str:
    """A link token for `user_id`, valid while the user's `state` stays what it is now."""
    return serializer(purpose).dumps([user_id, fingerprint(state)])


def read(purpose: str, token: str) -> tuple[int, str]:
    """(user id, state fingerprint) of a genuine, unexpired token of `purpose`; else TokenExpired/Invalid."""
    try:
        user_id, state = serializer(purpose).loads(token, max_age=MAX_AGE[purpose])
    except SignatureExpired:
        raise TokenExpired from None
    except (BadSignature, TypeError, ValueError):
        raise TokenInvalid from None
    if not isinstance(user_id, int) or not isinstance(state, str):
        raise TokenInvalid
    return user_id, state


def matches(state_fingerprint: str, state: str) -> bool:
    """Whether a token's fingerprint names `state` (compared in constant time)."""
    return hmac.compare_digest(state_fingerprint, fingerprint(state))
