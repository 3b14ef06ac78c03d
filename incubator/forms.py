"""The base of every form: one-line text fields stay on one line, dates and whole numbers stay in range."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import FieldList, Form, FormField, PasswordField, StringField, TextAreaField
from wtforms.fields.core import UnboundField

from incubator.fields import in_range
from incubator.text import one_line

MULTI_LINE = (TextAreaField, PasswordField)  # a password is kept exactly as typed


class InputHygiene:
    """A form `Meta` mixin adding filters to every field as it is bound: `in_range` (a date or a whole
    number out of range is the field's error), and first of all `one_line` on one-line text fields."""

    def bind_field(self, form: object, unbound_field: UnboundField, options: dict) -> object:
        kind = unbound_field.field_class
        if not issubclass(kind, (FieldList, FormField)):  # these take no filters: their entries do
            filters = [*unbound_field.kwargs.get("filters", ()), in_range]
            if issubclass(kind, StringField) and not issubclass(kind, MULTI_LINE):
                filters.insert(0, one_line)
            options = {**options, "filters": filters}
        return super().bind_field(form, unbound_field, options)


class AppForm(FlaskForm):
    """Every form posted to the site (with its CSRF token)."""

    class Meta(InputHygiene):
        pass


class QueryForm(Form):
    """A GET form read from the query string (filters and searches: no CSRF token)."""

    class Meta(InputHygiene):
        pass
