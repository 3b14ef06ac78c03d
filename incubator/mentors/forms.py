"""The mentor profile form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

from incubator.text import clean_tags, clean_text

LANGUAGE_CHOICES = [SelectChoice("vi", "Tiếng Việt"), SelectChoice("en", "English")]


class LanguagesField(SelectMultipleField):
    """Languages picked from a list; reads the stored form "vi,en" too."""

    def process_data(self, value: object) -> None:
        super().process_data(value.split(",") if isinstance(value, str) else value)


class MentorProfileForm(FlaskForm):
    """Headline, expertise, sectors, languages, monthly capacity and availability of a mentor."""

    headline = StringField(
        _l("Headline (e.g. Industrial IoT engineer, 15 years)"),
        filters=[clean_text],
        validators=[DataRequired(), Length(max=200)],
    )
    expertise = TextAreaField(
        _l("Expertise"), filters=[clean_text], validators=[DataRequired(), Length(max=5000)]
    )
    sectors = StringField(_l("Sectors (comma-separated)"), filters=[clean_tags], validators=[Length(max=255)])
    languages = LanguagesField(
        _l("Languages you mentor in"),
        choices=LANGUAGE_CHOICES,
        default="vi,en",
        validators=[DataRequired(_l("Choose at least one language."))],
    )
    capacity_per_month = IntegerField(
        _l("Mentoring sessions per month"),
        default=2,
        validators=[InputRequired(), NumberRange(min=0, max=20)],
    )
    available = BooleanField(_l("Available for new mentees"), default=True)
    submit = SubmitField(_l("Save"))
