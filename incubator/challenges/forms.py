"""Forms for an enterprise's technology challenges and a university's research capabilities."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from incubator.challenges.models import CHALLENGE_STATUSES
from incubator.labels import register
from incubator.localtime import today_local
from incubator.text import clean_tags, clean_text

STATUS_LABELS = register("challenge_status", {"open": _l("Open"), "closed": _l("Closed")})


class ChallengeForm(FlaskForm):
    """Title, description, sector, status and optional deadline of a challenge."""

    title = StringField(_l("Title"), filters=[clean_text], validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(
        _l("The problem to solve"), filters=[clean_text], validators=[DataRequired(), Length(max=5000)]
    )
    sector = StringField(_l("Sector"), filters=[clean_text], validators=[DataRequired(), Length(max=80)])
    status = SelectField(
        _l("Status"), choices=[SelectChoice(s, STATUS_LABELS[s]) for s in CHALLENGE_STATUSES]
    )
    deadline = DateField(_l("Deadline (optional)"), validators=[Optional()])
    submit = SubmitField(_l("Save"))


class NewChallengeForm(ChallengeForm):
    """A new challenge, whose deadline cannot already be past."""

    def validate_deadline(self, field: DateField) -> None:
        if field.data and field.data < today_local():
            raise ValidationError(_l("The deadline cannot be in the past."))


class CapabilityForm(FlaskForm):
    """Title, description and keywords of a research capability."""

    title = StringField(_l("Title"), filters=[clean_text], validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(
        _l("What the team can do"), filters=[clean_text], validators=[DataRequired(), Length(max=5000)]
    )
    keywords = StringField(
        _l("Keywords (comma-separated)"), filters=[clean_tags], validators=[Length(max=255)]
    )
    submit = SubmitField(_l("Save"))
