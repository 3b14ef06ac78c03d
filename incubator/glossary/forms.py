"""Forms of the glossary page: a new English ↔ Vietnamese pair, a suggested pair to accept (its terms
editable), and the token that confirms a deletion or a rejection."""

from __future__ import annotations

from wtforms import SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError

from incubator.forms import AppForm
from incubator.glossary.models import DOMAINS
from incubator.i18n import lazy_gettext as _l
from incubator.labels import register
from incubator.text import clean_text

DOMAIN_LABELS = register(
    "glossary_domain",
    {
        "manufacturing": _l("Manufacturing"),
        "automation": _l("Automation"),
        "electronics": _l("Electronics and semiconductors"),
        "food": _l("Food processing"),
        "agriculture": _l("Agriculture"),
        "textiles": _l("Textiles and garments"),
        "wood": _l("Wood processing"),
        "logistics": _l("Logistics"),
        "energy": _l("Energy"),
        "environment": _l("Environment"),
        "chemistry_pharma": _l("Chemistry and pharmaceuticals"),
        "construction_materials": _l("Construction materials"),
        "ict_ai": _l("ICT and AI"),
        "ip_law": _l("Intellectual property and law"),
        "other": _l("Other industry"),
    },
)


SOURCE_LABELS = register(
    "glossary_source",
    {
        "challenge": _l("Challenge"),
        "capability": _l("Research capability"),
        "lab": _l("Lab"),
        "mentor": _l("Mentor"),
        "startup": _l("Startup"),
        "program": _l("Program"),
    },
)


def has_a_word(form: AppForm, field: StringField) -> None:
    """Refuse a term made only of punctuation."""
    if field.data and not any(char.isalnum() for char in field.data):
        raise ValidationError(_l("Enter a term with at least one letter or digit."))


class TermForm(AppForm):
    """An English term, its Vietnamese equivalent (with diacritics) and the industry it belongs to."""

    english = StringField(
        _l("English term"),
        filters=[clean_text],
        validators=[DataRequired(), Length(max=200), has_a_word],
    )
    vietnamese = StringField(
        _l("Vietnamese term"),
        filters=[clean_text],
        validators=[DataRequired(), Length(max=200), has_a_word],
        description=_l("With diacritics; text typed without them is matched too."),
    )
    domain = SelectField(
        _l("Industry"), choices=[SelectChoice(code, DOMAIN_LABELS[code]) for code in DOMAINS], default="other"
    )
    submit = SubmitField(_l("Add the pair"))


class AcceptForm(TermForm):
    """A suggested pair as it will be added: its terms may be edited and its industry chosen."""

    submit = SubmitField(_l("Accept"))


class DeleteForm(AppForm):
    """Only the CSRF token: a deletion is a POST from the list."""
