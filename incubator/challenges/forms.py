"""Forms for an enterprise's technology challenges and a university's research capabilities."""

from __future__ import annotations

from wtforms import (
    DateField,
    SearchField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from incubator.challenges.models import BUDGET_RANGES, CHALLENGE_STATUSES, TRL_LEVELS
from incubator.fields import DateWithin
from incubator.forms import AppForm, QueryForm
from incubator.i18n import lazy_gettext as _l
from incubator.labels import register
from incubator.localtime import today_local
from incubator.text import clean_tags, clean_text

STATUS_LABELS = register("challenge_status", {"open": _l("Open"), "closed": _l("Closed")})
BUDGET_LABELS = register(
    "budget_range",
    {
        "": _l("Not disclosed"),
        "under_100m": _l("Under 100 million VND"),
        "100m_500m": _l("100–500 million VND"),
        "500m_2b": _l("500 million – 2 billion VND"),
        "over_2b": _l("Over 2 billion VND"),
    },
)


def optional_int(value: object) -> int | None:
    """An int from a select's value; the empty choice is None."""
    return int(value) if value not in ("", None, "None") else None


class ChallengeForm(AppForm):
    """Title, description, sector, status and optional deadline of a challenge."""

    title = StringField(_l("Title"), filters=[clean_text], validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(
        _l("The problem to solve"), filters=[clean_text], validators=[DataRequired(), Length(max=5000)]
    )
    sector = StringField(_l("Sector"), filters=[clean_text], validators=[DataRequired(), Length(max=80)])
    status = SelectField(
        _l("Status"), choices=[SelectChoice(s, STATUS_LABELS[s]) for s in CHALLENGE_STATUSES]
    )
    deadline = DateField(
        _l("Deadline (optional)"), validators=[Optional(), DateWithin(past=10 * 365, future=5 * 365)]
    )
    desired_outcome = TextAreaField(
        _l("Desired outcome"), filters=[clean_text], validators=[Optional(), Length(max=2000)]
    )
    budget_range = SelectField(
        _l("Budget range"), choices=[SelectChoice(b, BUDGET_LABELS[b]) for b in BUDGET_RANGES], default=""
    )
    confidential_details = TextAreaField(
        _l("Confidential details (shown only once both sides accepted an introduction)"),
        filters=[clean_text],
        validators=[Optional(), Length(max=5000)],
    )
    submit = SubmitField(_l("Save"))


class NewChallengeForm(ChallengeForm):
    """A new challenge, whose deadline cannot already be past."""

    def validate_deadline(self, field: DateField) -> None:
        if field.data and field.data < today_local():
            raise ValidationError(_l("The deadline cannot be in the past."))


class CapabilityForm(AppForm):
    """Title, description and keywords of a research capability."""

    title = StringField(_l("Title"), filters=[clean_text], validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(
        _l("What the team can do"), filters=[clean_text], validators=[DataRequired(), Length(max=5000)]
    )
    team = TextAreaField(_l("Team"), filters=[clean_text], validators=[Optional(), Length(max=2000)])
    trl = SelectField(
        _l("Technology readiness level (TRL)"),
        choices=[SelectChoice("", _l("Not assessed"))] + [SelectChoice(str(n), str(n)) for n in TRL_LEVELS],
        coerce=optional_int,
        default=None,
    )
    related_labs = SelectMultipleField(_l("Related labs"), coerce=int)
    keywords = StringField(
        _l("Keywords (comma-separated)"), filters=[clean_tags], validators=[Length(max=255)]
    )
    submit = SubmitField(_l("Save"))


class ListSearchForm(QueryForm):
    """Words to find in a list of challenges or capabilities, read from the query string (no CSRF)."""

    q = SearchField(_l("Search"), filters=[clean_text], validators=[Optional(), Length(max=100)])

    def text(self) -> str:
        """The words asked for (none when invalid)."""
        return (self.q.data or "") if self.validate() else ""
