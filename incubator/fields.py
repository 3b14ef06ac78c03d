"""Form fields shared by every domain."""

from __future__ import annotations

import math

from markupsafe import Markup, escape
from wtforms import FloatField
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import Select

from incubator.i18n import lazy_gettext as _l


class FiniteFloatField(FloatField):
    """A float that is a real number: "inf", "nan" and overflowing values such as 1e309 are refused."""

    def process_formdata(self, valuelist: list) -> None:
        super().process_formdata(valuelist)
        if self.data is not None and not math.isfinite(self.data):
            self.data = None
            raise ValueError(_l("Enter a number, such as 120 or 85.5."))


class QuickSelect(Select):
    """WTForms' select widget, the same HTML, its plain options written directly: its `html_params`
    costs about 15 µs an option, which made the filters of a list page its costliest part."""

    @classmethod
    def render_option(cls, choice: SelectChoice, **kwargs: object) -> Markup:
        if choice.render_kw or kwargs:
            return super().render_option(choice, **kwargs)
        value = str(choice.value) if isinstance(choice.value, bool) else choice.value
        selected = "selected " if choice.selected else ""
        label = escape(choice.label or choice.value)
        return Markup(f'<option {selected}value="{escape(value)}">{label}</option>')  # noqa: S704 (escaped)
