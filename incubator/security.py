"""Request hygiene for every page: proxies, HTTPS, caching, NUL bytes and ids the database can hold."""

from __future__ import annotations

from urllib.parse import quote

from flask import Flask, current_app, g, redirect, request
from flask_login import current_user
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter
from werkzeug.wrappers import Response

from incubator.errors import render_error
from incubator.i18n import lazy_gettext as _l
from incubator.static_files import is_static

MAX_DATABASE_ID = 2**31 - 1  # PostgreSQL's integer; a larger id in a URL names nothing: 404
NUL_REFUSED = _l("The text contains a character that is not allowed (NUL). Please remove it.")


class DatabaseIdConverter(IntegerConverter):
    """`<int:…>` in every route: a non-negative integer no larger than the database's ids."""

    def __init__(self, url_map: object, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("max", MAX_DATABASE_ID)
        super().__init__(url_map, *args, **kwargs)


def init_app(app: Flask) -> None:
    """Install the converter (before any blueprint), the proxy fix and the request checks."""
    app.url_map.converters["int"] = DatabaseIdConverter
    proxies = app.config["TRUSTED_PROXIES"]
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)
    if app.config["INCUBATOR_ENV"] == "production":
        app.before_request_funcs.setdefault(None, []).insert(0, redirect_to_https)  # before CSRF checks
    app.before_request(refuse_nul_bytes)
    app.after_request(no_store_for_users)


def redirect_to_https() -> Response | None:
    """Send plain-HTTP requests to https://SERVER_NAME (never to the Host the client claims)."""
    if request.is_secure or request.headers.get("X-Forwarded-Proto") == "https":
        return None
    path = quote(request.script_root + request.path, safe="/-._~!$&'()*+,;=:@%")
    query = quote(request.query_string.decode("latin-1"), safe="=&-._~!$'()*+,;:@%/?")
    target = f"https://{current_app.config['SERVER_NAME']}{path}" + (f"?{query}" if query else "")
    return redirect(target, 301 if request.method in ("GET", "HEAD") else 308)


def refuse_nul_bytes() -> tuple | None:
    """Keep NUL bytes (PostgreSQL cannot store them) out of every view, in one place: a query or a field
    name holding one is refused; a typed value holding one reaches the view without it, its field's name
    in `g.nul_fields`, so the form refuses it with the field's error and keeps the rest of what was typed."""
    names = [key for key, _ in request.form.items(multi=True)]
    if any("\x00" in key or "\x00" in value for key, value in request.args.items(multi=True)) or any(
        "\x00" in name for name in names
    ):
        return render_error(400, NUL_REFUSED)
    g.nul_fields = {key for key, value in request.form.items(multi=True) if "\x00" in value}
    if g.nul_fields:
        cleaned = [(key, value.replace("\x00", "")) for key, value in request.form.items(multi=True)]
        request.form = ImmutableMultiDict(cleaned)
    return None


def nul_fields() -> set[str]:
    """The names of the fields of this request whose typed value held a NUL (removed before the view)."""
    return getattr(g, "nul_fields", set())


def no_store_for_users(response: Response) -> Response:
    """Pages of a logged-in user are private: no browser or proxy may keep a copy."""
    if not is_static(request.endpoint) and current_user.is_authenticated:
        response.headers["Cache-Control"] = "no-store"
    return response
