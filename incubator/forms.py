"""The base of every form: one-line text fields stay on one line, dates and whole numbers stay in range."""

from __future__ import annotations

from flask import request
from flask_wtf import FlaskForm
from markupsafe import Markup
from wtforms import FieldList, Form, FormField, PasswordField, StringField, TextAreaField
from wtforms.csrf.core import CSRFTokenField
from wtforms.fields.core import UnboundField

from incubator.fields import in_range
from incubator.i18n import form_translations
from incubator.idempotency.services import KEY_FIELD, claim, key_input
from incubator.text import one_line

MULTI_LINE = (TextAreaField, PasswordField)  # a password is kept exactly as typed


class InputHygiene:
    """A form `Meta` mixin: WTForms' messages in the reader's language, and filters added to every field
    as it is bound: `in_range` (a date or a whole number out of range is the field's error), and first of
    all `one_line` on one-line text fields."""

    def bind_field(self, form: object, unbound_field: UnboundField, options: dict) -> object:
        kind = unbound_field.field_class
        if not issubclass(kind, (FieldList, FormField)):  # these take no filters: their entries do
            filters = [*unbound_field.kwargs.get("filters", ()), in_range]
            if issubclass(kind, StringField) and not issubclass(kind, MULTI_LINE):
                filters.insert(0, one_line)
            options = {**options, "filters": filters}
        return super().bind_field(form, unbound_field, options)

    def get_translations(self, form: object) -> object:
        """WTForms' validation messages in the reader's language (incubator.i18n.form_translations)."""
        return form_translations()


class KeyedCSRFTokenField(CSRFTokenField):
    """The CSRF token, rendered with a fresh idempotency key beside it (wherever a template puts it)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.type = "CSRFTokenField"  # what templates test to leave it out of the visible fields

    def __call__(self, **kwargs: object) -> Markup:
        prefix = self.name[: -len(self.short_name)]  # the form's WTForms prefix
        return super().__call__(**kwargs) + key_input(prefix + KEY_FIELD)


class AppForm(FlaskForm):
    """Every form posted to the site (with its CSRF token and idempotency key): sent twice, it acts once."""

    class Meta(InputHygiene):
        def build_csrf(self, form: object) -> object:
            csrf = super().build_csrf(form)
            if csrf is not None:
                csrf.field_class = KeyedCSRFTokenField
            return csrf

    def validate_on_submit(self, extra_validators: object = None) -> bool:
        """Valid and sent, with its key claimed: a key that acted before raises AlreadySent instead."""
        if not super().validate_on_submit(extra_validators=extra_validators):
            return False
        if self.meta.csrf:
            claim(request.form.get(self._prefix + KEY_FIELD))
        return True


class QueryForm(Form):
    """A GET form read from the query string (filters and searches: no CSRF token)."""

    class Meta(InputHygiene):
        pass
