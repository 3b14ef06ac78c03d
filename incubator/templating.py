"""Template filters every page shares: local times and translated labels."""

from __future__ import annotations

from datetime import date, datetime

from flask import Flask
from flask_babel import format_date, format_datetime

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


def register_template_helpers(app: Flask) -> None:
    """Install the shared filters: `localtime`, `localdate`, `label`."""
    app.add_template_filter(local_datetime, "localtime")
    app.add_template_filter(local_date, "localdate")
    app.add_template_filter(label, "label")
