"""Bearer tokens on API requests: who is calling (g.api_token), the scope a view needs, the rate-limit key."""

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


def rate_limit_key() -> str:
    """Each token its own bucket (keyed by its hash, before the database is asked); anonymous: the address."""
    secret = bearer_secret()
    return f"api-token:{tokens.digest(secret)[:32]}" if secret else f"api-ip:{get_remote_address()}"


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
            secret = bearer_secret()
            token = tokens.authenticate(secret) if secret else None
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
