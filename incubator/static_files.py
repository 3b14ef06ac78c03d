"""Static files a browser keeps: every static URL carries a hash of the file's content (`?v=`), and
the answer to such a URL may be kept for a year, so a page view no longer revalidates each stylesheet
and script (a round trip each, on a phone). A changed file gets a new URL, hence no stale copy."""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache

from flask import Flask, Response, request

YEAR = 365 * 24 * 3600
VERSION = "v"  # the query parameter that names the content


def register_static_versions(app: Flask) -> None:
    """Add `?v=<hash>` to every `url_for` of a static file; let browsers keep such answers a year."""

    def add_version(endpoint: str, values: dict) -> None:
        if is_static(endpoint) and "filename" in values and VERSION not in values:
            folder = static_folder(app, endpoint)
            version = folder and file_version(os.path.join(folder, values["filename"]))
            if version:
                values[VERSION] = version

    app.url_defaults(add_version)
    app.after_request(keep_versioned)


def is_static(endpoint: str | None) -> bool:
    """Whether `endpoint` serves static files (the app's own or a blueprint's such as Bootstrap's)."""
    return bool(endpoint) and (endpoint == "static" or endpoint.endswith(".static"))


def static_folder(app: Flask, endpoint: str) -> str | None:
    """The folder `endpoint` serves files from."""
    if endpoint == "static":
        return app.static_folder
    blueprint = app.blueprints.get(endpoint.rsplit(".", 1)[0])
    return blueprint.static_folder if blueprint else None


def file_version(path: str) -> str | None:
    """A short hash of the file's content (None when there is no such file)."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return content_hash(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=256)
def content_hash(path: str, mtime_ns: int, size: int) -> str:
    """The first 12 hex digits of the SHA-256 of the file as it was at (`mtime_ns`, `size`)."""
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()[:12]


def keep_versioned(response: Response) -> Response:
    """A static file asked for by its versioned URL may be kept by anyone for a year, unchanged."""
    if is_static(request.endpoint) and request.args.get(VERSION) and response.status_code in (200, 304):
        response.cache_control.no_cache = None
        response.cache_control.public = True
        response.cache_control.max_age = YEAR
        response.cache_control.immutable = True
    return response
