"""Bearer tokens on API requests: who is calling (g.api_token), the scope a view needs, the rate-limit keys
(a live token its own bucket, anonymous requests their address's, a refused token its address's own)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import g, request
from flask_limiter.util import get_remote_address
from werkzeug.exceptions import Forbidden, Unauthorized

from incubator.api import tokens
from incubator.api.models import ApiToken


def bearer_secret() -> str | None:
    """The secret of an `Authorization: Bearer …` header, if the request has one."""
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    return secret.strip() or None if scheme.lower() == "bearer" else None


UNCHECKED = object()


def presented_token() -> ApiToken | None:
    """The live token the request's bearer secret names, else None (looked up once per request: the rate
    limits and the view share the answer)."""
    found = g.get("api_token_lookup", UNCHECKED)
    if found is UNCHECKED:
        secret = bearer_secret()
        found = g.api_token_lookup = tokens.authenticate(secret) if secret else None
    return found


def sends_refused_token() -> bool:
    """Whether the request carries a bearer secret that names no live token (unknown, expired, revoked)."""
    return bearer_secret() is not None and presented_token() is None


def rate_limit_key() -> str:
    """A live token its own bucket (keyed by its hash); anonymous: the address."""
    secret = bearer_secret()
    return f"api-token:{tokens.digest(secret)[:32]}" if secret else f"api-ip:{get_remote_address()}"


def refused_token_key() -> str:
    """Refused tokens share one bucket per address, apart from the anonymous one: guessing is slowed and
    spends neither a live token's requests nor the address's anonymous ones."""
    return f"api-refused-token:{get_remote_address()}"


class TokenRefused(Unauthorized):
    """No live token: missing, unknown, expired or revoked (one answer for all, so none is revealed)."""

    description = "A valid API token is required (Authorization: Bearer …)."

    def get_headers(self, *args: object, **kwargs: object) -> list[tuple[str, str]]:
        return [*super().get_headers(*args, **kwargs), ("WWW-Authenticate", 'Bearer realm="api"')]


def token_required(scope: str) -> Callable:
    """Let the view run only for a live token carrying `scope`; it finds the token in `g.api_token`."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args: object, **kwargs: object) -> object:
            token = presented_token()
            if token is None:
                raise TokenRefused()
            if not tokens.allows(token, scope):
                raise Forbidden(f"This token's scope does not include {scope}.")
            g.api_token = token
            return view(*args, **kwargs)

        return wrapped

    return decorator


def current_token() -> ApiToken:
    """The token of this request (inside a `token_required` view)."""
    return g.api_token
