"""Template filters every page shares: local times and translated labels; gettext on the request's catalog."""

from __future__ import annotations

from datetime import date, datetime

from flask import Flask
from flask_babel import format_date, format_datetime
from jinja2 import pass_context
from jinja2.runtime import Context

from incubator import fragments, i18n
from incubator.labels import label
from incubator.localtime import to_local


def local_datetime(moment: datetime | None, style: str = "short") -> str:
    """A stored moment shown in Asia/Ho_Chi_Minh, in the reader's language ("—" when unset)."""
    if moment is None:
        return "—"
    return format_datetime(to_local(moment).replace(tzinfo=None), style, rebase=False)


def local_date(day: date | datetime | None, style: str = "medium") -> str:
    """A calendar date (or a stored moment's local date) in the reader's language."""
    if day is None:
        return "—"
    if isinstance(day, datetime):
        day = to_local(day).date()
    return format_date(day, style)


@pass_context
def label_filter(context: Context, code: object, group: str) -> str:
    """`label` with the catalog the template already looked up."""
    return label(code, group, i18n.template_catalog(context))


def register_template_helpers(app: Flask) -> None:
    """Install the shared filters: `localtime`, `localdate`, `label`; the faster gettext
    callables and `cached_fragment`."""
    app.add_template_filter(local_datetime, "localtime")
    app.add_template_filter(local_date, "localdate")
    app.add_template_filter(label_filter, "label")
    i18n.install(app)
    fragments.install(app)
