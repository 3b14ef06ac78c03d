"""Forms of the organisation's API tokens page: a new token, and revoking one."""

from __future__ import annotations

from datetime import timedelta

from wtforms import DateField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError

from incubator.api.models import READ, WRITE
from incubator.forms import AppForm
from incubator.i18n import lazy_gettext as _l
from incubator.localtime import today_local

MAX_DAYS = 366  # a token lives at most a year: a forgotten one dies by itself


class TokenForm(AppForm):
    """A token's name, scope and last day."""

    name = StringField(_l("Name (which system uses it)"), validators=[DataRequired(), Length(max=80)])
    scope = SelectField(
        _l("Scope"),
        choices=[SelectChoice(READ, _l("Read")), SelectChoice(WRITE, _l("Read and write"))],
        default=READ,
    )
    expires_on = DateField(_l("Valid until"), validators=[DataRequired()])
    submit = SubmitField(_l("Create the token"))

    def validate_expires_on(self, field: DateField) -> None:
        today = today_local()
        if not today < field.data <= today + timedelta(days=MAX_DAYS):
            raise ValidationError(_l("Choose a day after today and within a year."))


class RevokeForm(AppForm):
    """Revoke one token (the button says which)."""
