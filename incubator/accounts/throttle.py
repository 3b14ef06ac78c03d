"""Login throttling that slows guessers and never locks an account's owner out (OWASP: device cookies).

A successful login gives the browser a signed device cookie naming the account and a random nonce.
Without one, attempts count per client address (LOGIN_RATE_LIMIT) and failures per account and
address (LOGIN_ACCOUNT_RATE_LIMIT) and per account over all addresses (LOGIN_ACCOUNT_CEILING); past
that ceiling such browsers get one attempt per LOGIN_SLOWED_RATE window for the account, and the owner
is warned once a window. A browser holding the account's device cookie skips all that: only its own
failures count (LOGIN_ACCOUNT_RATE_LIMIT per device). Nothing here reads the database, and an unknown
address is counted exactly like a known one, so neither the answers nor their timing tell them apart.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import math
import secrets
import time
from dataclasses import dataclass

from flask import current_app, request, url_for
from flask_limiter.util import get_remote_address
from itsdangerous import BadSignature, URLSafeTimedSerializer
from limits import RateLimitItem, parse
from limits.storage import MemoryStorage
from limits.strategies import FixedWindowRateLimiter, RateLimiter
from werkzeug.exceptions import TooManyRequests
from werkzeug.wrappers import Response

from incubator import events
from incubator.extensions import limiter

log = logging.getLogger(__name__)
DEVICE_COOKIE = "login_device"
DEVICES_KEPT = 5  # accounts one browser is remembered for (a shared family or office computer)
STORE_RETRY_AFTER = 30  # seconds the store is left alone after it failed (no time-out paid per attempt)


@dataclass(frozen=True)
class Attempt:
    """A login attempt: the address typed, its account key, the client address and this browser's device."""

    email: str
    account: str  # a keyed digest of the address: counters and cookies never show it
    address: str
    device: str | None  # the nonce of this browser's device cookie for the account, if it holds one


def begin(email: str) -> Attempt:
    """The attempt this request makes for `email`; raise a 429 (with Retry-After) while it is throttled."""
    account = account_key(email)
    attempt = Attempt(email.strip().lower(), account, get_remote_address(), devices().get(account))
    wait = wait_for(attempt)
    if wait:
        raise TooManyRequests(retry_after=wait)
    return attempt


def wait_for(attempt: Attempt) -> int:
    """Seconds `attempt` must wait (0: it may go on); counts it against its address when untrusted."""
    account = attempt.account
    if attempt.device:
        return blocked("LOGIN_ACCOUNT_RATE_LIMIT", "login-device", account, attempt.device)
    return (
        spent("LOGIN_RATE_LIMIT", "login-address", attempt.address)
        or blocked("LOGIN_ACCOUNT_RATE_LIMIT", "login-pair", account, attempt.address)
        or (spent("LOGIN_SLOWED_RATE", "login-slowed", account) if ceiling_reached(account) else 0)
    )


def failed(attempt: Attempt) -> None:
    """Count a wrong password (or unknown address); announce the first time the ceiling is reached."""
    if attempt.device:
        hit(limit("LOGIN_ACCOUNT_RATE_LIMIT"), "login-device", attempt.account, attempt.device)
        return
    hit(limit("LOGIN_ACCOUNT_RATE_LIMIT"), "login-pair", attempt.account, attempt.address)
    ceiling = limit("LOGIN_ACCOUNT_CEILING")
    hit(ceiling, "login-account", attempt.account)
    once = type(ceiling)(1, ceiling.multiples)  # one warning per window of the ceiling
    if ceiling_reached(attempt.account) and hit(once, "login-warned", attempt.account):
        events.announce(events.login_ceiling_reached, attempt.email)


def ceiling_reached(account: str) -> bool:
    """Whether failures for `account` from browsers without its device cookie reached the ceiling."""
    return not call("test", limit("LOGIN_ACCOUNT_CEILING"), "login-account", account)


def spent(name: str, *keys: str) -> int:
    """Count one attempt against the limit `name`; the seconds to wait when that went over it, else 0."""
    item = limit(name)
    return 0 if hit(item, *keys) else seconds_left(item, *keys)


def blocked(name: str, *keys: str) -> int:
    """The seconds to wait when the failures counted under `name` reached it, else 0 (counts nothing)."""
    item = limit(name)
    return 0 if call("test", item, *keys) else seconds_left(item, *keys)


def hit(item: RateLimitItem, *keys: str) -> bool:
    """Count one under `item`; whether that stayed within it."""
    return call("hit", item, *keys)


def seconds_left(item: RateLimitItem, *keys: str) -> int:
    """Whole seconds until `item`'s window for `keys` ends (at least 1, at most the window)."""
    reset_at = call("get_window_stats", item, *keys).reset_time
    return max(1, min(item.get_expiry(), math.ceil(reset_at - time.time())))


def call(method: str, item: RateLimitItem, *keys: str) -> object:
    """Ask the rate-limit store; while it is unreachable, this process's memory (as Flask-Limiter does)."""
    ids = (current_app.config.get("RATELIMIT_KEY_PREFIX", ""), *keys)
    fallback = current_app.extensions.setdefault("login_throttle", {"down_until": 0.0})
    if time.monotonic() >= fallback["down_until"]:
        try:
            return getattr(strategy(), method)(item, *ids)
        except Exception:  # Redis down: keep limiting in memory rather than letting every guess through
            log.warning("rate-limit store unreachable; login attempts counted in memory", exc_info=True)
            fallback["down_until"] = time.monotonic() + STORE_RETRY_AFTER
    if "memory" not in fallback:
        fallback["memory"] = FixedWindowRateLimiter(MemoryStorage())
    return getattr(fallback["memory"], method)(item, *ids)


def strategy() -> RateLimiter:
    """Flask-Limiter's strategy over the configured store (Redis in production)."""
    return limiter.limiter


def limit(name: str) -> RateLimitItem:
    """The rate limit configured under `name` ("10 per 15 minutes")."""
    return parse(current_app.config[name])


def account_key(email: str) -> str:
    """A digest of the normalised address keyed with SECRET_KEY: the same for a known or unknown one."""
    secret = current_app.config["SECRET_KEY"]
    key = secret if isinstance(secret, bytes) else secret.encode()
    return hmac.new(key, email.strip().lower().encode(), hashlib.sha256).hexdigest()[:32]


def serializer() -> URLSafeTimedSerializer:
    """Signs device cookies with SECRET_KEY (a forged or altered one is ignored)."""
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="login-device")


def device_cookie_age() -> int:
    """How long a device cookie lasts, in seconds (renewed at each login)."""
    return current_app.config["LOGIN_DEVICE_DAYS"] * 24 * 3600


def devices() -> dict[str, str]:
    """Account key → nonce of the device cookies this browser holds (none if missing, forged or too old)."""
    raw = request.cookies.get(DEVICE_COOKIE)
    if not raw:
        return {}
    try:
        pairs = serializer().loads(raw, max_age=device_cookie_age())
    except BadSignature:  # also an expired one
        return {}
    return {str(account): str(nonce) for account, nonce in pairs}


def remember_device(response: Response, attempt: Attempt) -> None:
    """After a successful login, give this browser the account's device cookie (HttpOnly, SameSite)."""
    held = devices()
    held.pop(attempt.account, None)
    held[attempt.account] = attempt.device or secrets.token_urlsafe(16)
    pairs = list(held.items())[-DEVICES_KEPT:]
    response.set_cookie(
        DEVICE_COOKIE,
        serializer().dumps(pairs),
        max_age=device_cookie_age(),
        path=url_for("accounts.login"),  # sent with login attempts only
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        httponly=True,
        samesite="Strict",
    )
