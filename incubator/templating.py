"""Template filters every page shares: local times and translated labels; gettext on the request's catalog;
the links of a list's rows."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.numbers import NumberPattern, parse_pattern
from flask import Flask, has_request_context, request, url_for
from flask_babel import format_date, format_datetime, format_decimal, get_locale
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from incubator import fragments, i18n
from incubator.labels import label
from incubator.localtime import to_local
from incubator.text import mixed_scripts


def local_datetime(moment: datetime | None, style: str = "default") -> str:
    """A stored moment shown in Asia/Ho_Chi_Minh, in the reader's language ("—" when unset).

    "default": the language's medium date and short time joined as its own data joins them ("Dec 7,
    2026, 3:05 PM", "15:05 7 thg 12, 2026"), never the short date, which reads 12/7/26 in English."""
    if moment is None:
        return "—"
    pattern = style
    if style == "default":
        locale = get_locale() or Locale.parse("vi")
        joined = locale.datetime_formats["medium"]
        pattern = joined.format(locale.time_formats["short"].pattern, locale.date_formats["medium"].pattern)
    return format_datetime(to_local(moment).replace(tzinfo=None), pattern, rebase=False)


def local_date(day: date | datetime | None, style: str = "medium") -> str:
    """A calendar date (or a stored moment's local date) in the reader's language ("Dec 7, 2026")."""
    if day is None:
        return "—"
    if isinstance(day, datetime):
        day = to_local(day).date()
    return format_date(day, style)


@pass_context
def label_filter(context: Context, code: object, group: str) -> str:
    """`label` with the catalog the template already looked up."""
    return label(code, group, i18n.template_catalog(context))


def badges(texts: Iterable[object], classes: str) -> Markup:
    """Each text escaped in a `<span class="badge {classes}">`, one after the other: a row's terms in
    one call (a template loop pays three outputs and an escape per term)."""
    opening = f'<span class="badge {escape(classes)}">'
    return Markup("".join(f"{opening}{escape(text)}</span>" for text in texts))  # noqa: S704 (escaped)


def number(value: float | None, places: int | None = None) -> str:
    """A number in the reader's language ("4.32", "4,32"): `places` decimals, or as many as it has (≤ 3)."""
    if value is None:
        return "—"
    if places is None:
        return format_decimal(value)
    return format_decimal(value, format=number_pattern("#,##0" + ("." + "0" * places if places else "")))


@lru_cache(maxsize=64)
def number_pattern(pattern: str) -> NumberPattern:
    """Babel's parsed number `pattern` (Babel parses a pattern given as text anew on every number)."""
    return parse_pattern(pattern)


class CachedBootstrap:
    """Bootstrap-Flask's template global with `load_css()` and `load_js()` made once per process (per
    arguments and script root): their tags name files of the installed package, which do not change while
    it runs, and building them cost a dozen url_for calls and file checks on every page."""

    def __init__(self, bootstrap: object) -> None:
        self.bootstrap = bootstrap
        self.made: dict[tuple, Markup] = {}

    def load_css(self, *args: object, **kwargs: object) -> Markup:
        return self._made("load_css", args, kwargs)

    def load_js(self, *args: object, **kwargs: object) -> Markup:
        return self._made("load_js", args, kwargs)

    def _made(self, name: str, args: tuple, kwargs: dict) -> Markup:
        root = request.script_root if has_request_context() else ""
        key = (name, args, tuple(sorted(kwargs.items())), root)
        if key not in self.made:
            self.made[key] = getattr(self.bootstrap, name)(*args, **kwargs)
        return self.made[key]

    def __getattr__(self, name: str) -> object:
        return getattr(self.bootstrap, name)


def comma_list(text: str | None) -> list[str]:
    """The items of a stored comma-separated list (a mentor's sectors), stripped, empty ones left out."""
    return [item.strip() for item in (text or "").split(",") if item.strip()]


def language_names(codes: str | None) -> str:
    """Stored language codes ("vi,en,ja") as their names in the reader's language, from Babel's data."""
    reader = get_locale()
    names = []
    for code in comma_list(codes):
        try:
            names.append(Locale.parse(code).get_display_name(reader) or code)
        except (ValueError, UnknownLocaleError):
            names.append(code)
    return ", ".join(names) or "—"


class IdUrls:
    """`url_for(endpoint, **{key: id}, **values)` for each row of a list, the URL built once around a
    placeholder id (url_for costs about 8 µs a call, and a list calls it once or twice a row)."""

    PLACEHOLDER = 987654321012

    def __init__(self, endpoint: str, key: str, **values: object) -> None:
        url = url_for(endpoint, **{key: self.PLACEHOLDER}, **values)
        self.head, _, self.tail = url.partition(str(self.PLACEHOLDER))  # the path comes before any query

    def __call__(self, object_id: int) -> str:
        return f"{self.head}{int(object_id)}{self.tail}"


def register_template_helpers(app: Flask) -> None:
    """Install the shared filters: `localtime`, `localdate`, `label`, `badges`, `number`, `comma_list`,
    `language_names`; the test `mixed_scripts` (a name to flag to staff); the faster gettext callables,
    `cached_fragment` and Bootstrap's tags made once."""
    app.add_template_filter(local_datetime, "localtime")
    app.add_template_filter(local_date, "localdate")
    app.add_template_filter(label_filter, "label")
    app.add_template_filter(badges, "badges")
    app.add_template_filter(number, "number")
    app.add_template_filter(comma_list, "comma_list")
    app.add_template_filter(language_names, "language_names")
    app.add_template_test(mixed_scripts, "mixed_scripts")
    i18n.install(app)
    fragments.install(app)
    if "bootstrap" in app.jinja_env.globals:
        app.jinja_env.globals["bootstrap"] = CachedBootstrap(app.jinja_env.globals["bootstrap"])
