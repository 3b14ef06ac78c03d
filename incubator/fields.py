"""Form fields shared by every domain, the range every value read from a form or an address keeps, and
widgets writing WTForms' own HTML faster."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta

from flask import request
from flask_babel.speaklater import LazyString
from markupsafe import Markup, escape
from wtforms import FloatField, URLField
from wtforms.fields.choices import SelectChoice
from wtforms.fields.core import Field, Label
from wtforms.validators import URL, Length, Optional, ValidationError
from wtforms.widgets import NumberInput, Select, TextArea, TextInput
from wtforms.widgets.core import clean_key

from incubator.i18n import lazy_gettext as _l
from incubator.labels import translated_text
from incubator.localtime import FIRST_DAY, LAST_DAY, today_local
from incubator.security import MAX_DATABASE_ID
from incubator.text import clean_text, has_invisible


class OutOfRange(ValueError):
    """A date or a whole number outside what the site takes (its message is the field's error)."""


def in_range(value: object) -> object:
    """A form filter on every field (`incubator.forms`): a date lies within FIRST_DAY..LAST_DAY and a whole
    number within the database's integer, else `OutOfRange` (the field's error); other values pass."""
    for item in value if isinstance(value, list) else (value,):
        if isinstance(item, date) and not FIRST_DAY <= _day(item) <= LAST_DAY:
            raise OutOfRange(_l("Enter a date from %(first)s to %(last)s.", first=FIRST_DAY, last=LAST_DAY))
        if isinstance(item, int) and not isinstance(item, bool) and abs(item) > MAX_DATABASE_ID:
            raise OutOfRange(_l("This number is too large."))
    return value


def _day(moment: date) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


def visible_name(form: object, field: Field) -> None:
    """A validator of names (people, startups, organizations, labs): no text-direction or zero-width mark."""
    if has_invisible(field.data):
        raise ValidationError(
            _l("A name cannot contain invisible characters (text-direction marks or zero-width spaces).")
        )


class DateWithin:
    """A validator of a date field: the date lies from `past` days before today to `future` days after it
    (Vietnam time), else the field's error; the browser's date picker gets the same `min` and `max`.
    `future=0` is "not in the future" (what was held or happened), `past=0` "not in the past"."""

    FUTURE = _l("The date cannot be in the future.")
    PAST = _l("The date cannot be in the past.")

    def __init__(self, past: int, future: int) -> None:
        self.past, self.future = past, future

    @property
    def field_flags(self) -> dict:
        """`min` and `max` for the date input, read as each form is built (today moves)."""
        first, last = self.bounds()
        return {"min": first.isoformat(), "max": last.isoformat()}

    def bounds(self) -> tuple[date, date]:
        """The first and last day taken today, within the site's range."""
        today = today_local()
        first = max(FIRST_DAY, today - timedelta(days=self.past))
        return first, min(LAST_DAY, today + timedelta(days=self.future))

    def __call__(self, form: object, field: Field) -> None:
        if not isinstance(field.data, date):
            return
        first, last = self.bounds()
        if first <= _day(field.data) <= last:
            return
        if self.future == 0 and _day(field.data) > last:
            raise ValidationError(self.FUTURE)
        if self.past == 0 and _day(field.data) < first:
            raise ValidationError(self.PAST)
        raise ValidationError(_l("Enter a date from %(first)s to %(last)s.", first=first, last=last))


def query_date(name: str) -> date | None:
    """The query argument `name` (YYYY-MM-DD) as a date; None when absent, malformed or out of range."""
    try:
        day = date.fromisoformat(request.args.get(name, ""))
    except ValueError:
        return None
    return day if FIRST_DAY <= day <= LAST_DAY else None


class FiniteFloatField(FloatField):
    """A float that is a real number: "inf", "nan" and overflowing values such as 1e309 are refused."""

    def process_formdata(self, valuelist: list) -> None:
        super().process_formdata(valuelist)
        if self.data is not None and not math.isfinite(self.data):
            self.data = None
            raise ValueError(_l("Enter a number, such as 120 or 85.5."))


def quick_params(**kwargs: object) -> Markup:
    """What `wtforms.widgets.html_params` returns, about three times faster (it formats every
    attribute through `Markup.format`): sorted attributes, `True` alone, `False` left out, escaped."""
    params = []
    for key, value in sorted(kwargs.items()):
        if value is True:
            params.append(clean_key(key))
        elif value is not False:
            text = str(escape(value)).replace('"', "&quot;")  # a Markup value may hold a quote
            params.append(f'{escape(clean_key(key))}="{text}"')
    return Markup(" ".join(params))  # noqa: S704 (escaped)


def validation_params(field: object, names: list[str], kwargs: dict) -> None:
    """Add the field's flags named in `names` (maxlength, required, ...) to `kwargs`, as WTForms does."""
    flags = getattr(getattr(field, "flags", None), "__dict__", {})  # the flags `dir(flags)` lists
    for name in names:
        if name in flags and name not in kwargs:
            kwargs[name] = flags[name]


class QuickSelect(Select):
    """WTForms' select widget, the same HTML, its tag and plain options written directly: its
    `html_params` costs about 15 µs an option, which made the filters of a list page its costliest part."""

    def __call__(self, field: object, **kwargs: object) -> Markup:
        if self.multiple or field.has_groups():
            return super().__call__(field, **kwargs)
        kwargs.setdefault("id", field.id)
        validation_params(field, self.validation_attrs, kwargs)
        options = "".join(map(self.render_option, field._iter_choices_normalized()))
        return Markup(f"<select {quick_params(name=field.name, **kwargs)}>{options}</select>")  # noqa: S704

    @classmethod
    def render_option(cls, choice: SelectChoice, **kwargs: object) -> Markup:
        if choice.render_kw or kwargs:
            return super().render_option(choice, **kwargs)
        value = str(choice.value) if isinstance(choice.value, bool) else choice.value
        selected = "selected " if choice.selected else ""
        label = escape(choice.label or choice.value)
        return Markup(f'<option {selected}value="{escape(value)}">{label}</option>')  # noqa: S704 (escaped)


class QuickTextInput(TextInput):
    """WTForms' text input, the same HTML, its attributes written by `quick_params`."""

    html_params = staticmethod(quick_params)


class QuickNumberInput(NumberInput):
    """WTForms' number input, the same HTML, its attributes written by `quick_params`."""

    html_params = staticmethod(quick_params)


class QuickTextArea(TextArea):
    """WTForms' text area, the same HTML, its attributes written by `quick_params`."""

    def __call__(self, field: object, **kwargs: object) -> Markup:
        kwargs.setdefault("id", field.id)
        validation_params(field, self.validation_attrs, kwargs)
        text = escape(field._value())
        return Markup(f"<textarea {quick_params(name=field.name, **kwargs)}>\r\n{text}</textarea>")  # noqa: S704


class QuickLabel(Label):
    """WTForms' label, the same HTML, its attributes written by `quick_params`, its lazy text translated
    once per catalog (written unescaped, as flask_babel's lazy string writes itself into Markup)."""

    def __call__(self, text: str | None = None, **kwargs: object) -> Markup:
        if "for_" in kwargs:
            kwargs["for"] = kwargs.pop("for_")
        else:
            kwargs.setdefault("for", self.field_id)
        attributes = quick_params(**kwargs)
        attributes = f" {attributes}" if attributes else ""
        shown = text or self.text
        if isinstance(shown, LazyString):
            shown = Markup(translated_text(shown))  # noqa: S704 (a text of the catalog)
        return Markup(f"<label{attributes}>{escape(shown)}</label>")  # noqa: S704 (escaped)


class QuickLabels:
    """A form's `Meta` mixin: its fields' labels are `QuickLabel`s (rendered with the same HTML)."""

    def bind_field(self, form: object, unbound_field: object, options: dict) -> object:
        field = super().bind_field(form, unbound_field, options)
        field.label = QuickLabel(field.label.field_id, field.label.text)
        return field


def website_field() -> URLField:
    """An optional web address (a full URL, at most 255 characters), as profiles ask for one."""
    return URLField(
        _l("Website (optional)"),
        filters=[clean_text],
        validators=[
            Optional(),
            URL(message=_l("Enter a full web address, e.g. https://example.vn")),
            Length(max=255),
        ],
    )
