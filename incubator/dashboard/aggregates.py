"""A short in-process cache of the aggregate figures that the dashboard and the open data share.

Every figure counts the public (verified) organizations' records only, so one entry per scope serves
every viewer of that scope: staff and government read the same numbers, and nothing private to one user
is ever stored. Each process (a gunicorn worker) keeps its own entries for `FIGURES_CACHE_SECONDS`
(60 by default; 0 turns the cache off, as the tests do).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TypeVar

from flask import current_app

PUBLIC = "public"  # the scope of every figure today: aggregates of public records, the same for anyone
EXTENSION = "figures_cache"
T = TypeVar("T")
_lock = threading.RLock()  # one build at a time per process: a burst of views at expiry builds once


def remembered(name: str, build: Callable[[], T], scope: str = PUBLIC) -> T:
    """`build()` for `scope`, built at most once per `FIGURES_CACHE_SECONDS` in this process.

    The value is shared between requests: callers read it and never change it."""
    seconds = current_app.config.get("FIGURES_CACHE_SECONDS", 0)
    if seconds <= 0:
        return build()
    with _lock:
        entries = current_app.extensions.setdefault(EXTENSION, {})
        built, value = entries.get((scope, name), (None, None))
        if built is not None and time.monotonic() - built < seconds:
            return value
        value = build()
        entries[(scope, name)] = (time.monotonic(), value)
        return value


def forget() -> None:
    """Drop every cached figure of this app (the next view counts afresh)."""
    with _lock:
        current_app.extensions.pop(EXTENSION, None)
