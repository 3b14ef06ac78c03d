"""Startup forms: the profile a founder fills in."""

from __future__ import annotations

from wtforms import IntegerField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

from incubator.fields import visible_name, website_field
from incubator.forms import AppForm
from incubator.i18n import lazy_gettext as _l
from incubator.labels import register
from incubator.startups.models import STAGES
from incubator.text import clean_text

STAGE_LABELS = register(
    "stage",
    {
        "idea": _l("Idea"),
        "prototype": _l("Prototype"),
        "mvp": _l("Minimum viable product"),
        "growth": _l("Growth"),
        "scale": _l("Scale-up"),
    },
)


class StartupForm(AppForm):
    """Name, description, needs, sector, stage, website and team size of a startup."""

    name = StringField(
        _l("Name"), filters=[clean_text], validators=[DataRequired(), Length(max=200), visible_name]
    )
    description = TextAreaField(
        _l("What the startup does"), filters=[clean_text], validators=[DataRequired(), Length(max=5000)]
    )
    needs = TextAreaField(
        _l("What the startup needs (labs, mentoring, partners)"),
        filters=[clean_text],
        validators=[Length(max=5000)],
    )
    sector = StringField(_l("Sector"), filters=[clean_text], validators=[DataRequired(), Length(max=80)])
    stage = SelectField(_l("Stage"), choices=[SelectChoice(s, STAGE_LABELS[s]) for s in STAGES])
    website = website_field()
    team_size = IntegerField(_l("Team size"), validators=[InputRequired(), NumberRange(min=1, max=500)])
    submit = SubmitField(_l("Save"))
