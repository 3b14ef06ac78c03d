"""Rendered HTML kept per process for fragments that depend only on what their key names.

A list page's GET filter form is the same HTML for the same language, query arguments and choices, but
rendering its fields through WTForms costs about 1 ms a request; a role's menu is the same on every page
of one endpoint. Templates wrap such a fragment in
`{% call cached_fragment(name, key) %}…{% endcall %}`: the key must name everything the HTML depends on
(the reader's language is added here). The last `MAX_FRAGMENTS` renders are kept, least recently used
dropped first, so odd query strings cannot grow the cache.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from threading import Lock

from flask import Flask, current_app
from flask_babel import get_locale
from markupsafe import Markup

MAX_FRAGMENTS = 256


class FragmentCache:
    """A bounded least-recently-used map from keys to rendered HTML, safe across threads."""

    def __init__(self, size: int = MAX_FRAGMENTS) -> None:
        self.size = size
        self._kept: OrderedDict[Hashable, Markup] = OrderedDict()
        self._lock = Lock()

    def __len__(self) -> int:
        return len(self._kept)

    def get_or_render(self, key: Hashable, render: Callable[[], str]) -> Markup:
        """The HTML kept under `key`, or `render()`'s, kept from now on."""
        with self._lock:
            html = self._kept.get(key)
            if html is not None:
                self._kept.move_to_end(key)
                return html
        html = Markup(render())  # noqa: S704  (a template's own, autoescaped output)
        with self._lock:
            self._kept[key] = html
            if len(self._kept) > self.size:
                self._kept.popitem(last=False)
        return html


def cached_fragment(name: str, key: Hashable, caller: Callable[[], str]) -> Markup:
    """The `{% call %}` block's HTML for `name` and `key` in the reader's language, rendered once."""
    return fragments_of(current_app).get_or_render((name, str(get_locale()), key), caller)


def fragments_of(app: Flask) -> FragmentCache:
    """The fragments `app` keeps (each app its own: its URLs and settings may differ)."""
    return app.extensions["incubator_fragments"]


def install(app: Flask) -> None:
    """Give `app` its fragment cache and make `cached_fragment` available to every template."""
    app.extensions["incubator_fragments"] = FragmentCache()
    app.jinja_env.globals["cached_fragment"] = cached_fragment
