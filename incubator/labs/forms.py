"""Lab forms: a university's lab profile, and the search founders use to find labs."""

from __future__ import annotations

from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SearchField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from incubator.fields import DateWithin, FiniteFloatField, QuickSelect, visible_name
from incubator.forms import AppForm, QueryForm
from incubator.i18n import lazy_gettext as _l
from incubator.labels import register, translated_choices
from incubator.labs.models import LAB_KINDS
from incubator.organizations.models import Organization
from incubator.text import clean_text

KIND_LABELS = register(
    "lab_kind",
    {
        "fablab": _l("FabLab"),
        "techlab": _l("TechLab"),
        "lab40": _l("Lab 4.0"),
        "workshop": _l("Production workshop"),
        "testing": _l("Testing lab"),
    },
)
KIND_CHOICES = [SelectChoice(kind, KIND_LABELS[kind]) for kind in LAB_KINDS]


def clean_lines(value: str | None) -> str | None:
    """NFC text with one trimmed, non-empty item per line."""
    value = clean_text(value)
    if not value:
        return value
    return "\n".join(line.strip() for line in value.splitlines() if line.strip())


class LabForm(AppForm):
    """Everything a founder needs to know about a lab before asking for a slot."""

    name = StringField(
        _l("Name"), filters=[clean_text], validators=[DataRequired(), Length(max=200), visible_name]
    )
    kind = SelectField(_l("Kind"), choices=KIND_CHOICES)
    description = TextAreaField(
        _l("Description"), filters=[clean_text], validators=[DataRequired(), Length(max=5000)]
    )
    equipment = TextAreaField(
        _l("Equipment (one item per line)"), filters=[clean_lines], validators=[Length(max=5000)]
    )
    capacity = IntegerField(
        _l("Capacity (people at a time)"), validators=[InputRequired(), NumberRange(min=1, max=500)]
    )
    area_m2 = FiniteFloatField(
        _l("Area in m² (optional)"), validators=[Optional(), NumberRange(max=10_000_000)]
    )
    location = StringField(_l("Location"), filters=[clean_text], validators=[Length(max=255)])
    bookable = BooleanField(_l("Open for booking requests"), default=True)
    submit = SubmitField(_l("Save"))

    def validate_area_m2(self, field: FiniteFloatField) -> None:
        if field.data is not None and field.data <= 0:
            raise ValidationError(_l("The area must be greater than 0."))


KIND_FILTER_CHOICES = [SelectChoice("", _l("All kinds")), *KIND_CHOICES]
EVERY_UNIVERSITY = [SelectChoice("", _l("All universities"))]


class LabSearchForm(QueryForm):
    """Text search and filters over labs, read from the query string (a GET form: no CSRF)."""

    q = SearchField(_l("Search"), filters=[clean_text], validators=[Optional(), Length(max=100)])
    kind = SelectField(_l("Kind"), choices=KIND_FILTER_CHOICES, default="", widget=QuickSelect())
    organization = SelectField(_l("University"), default="", widget=QuickSelect())
    equipment = SearchField(_l("Equipment"), filters=[clean_text], validators=[Optional(), Length(max=100)])
    free_on = DateField(_l("Free on"), validators=[Optional(), DateWithin(past=0, future=2 * 365)])

    def __init__(self, formdata: object, organizations: list[Organization]) -> None:
        super().__init__(formdata)
        self.kind.choices = translated_choices(KIND_FILTER_CHOICES)
        everyone = translated_choices(EVERY_UNIVERSITY)
        self.organization.choices = [*everyone, *(SelectChoice(str(o.id), o.name) for o in organizations)]

    def fragment_key(self) -> tuple:
        """All the form's HTML depends on besides the language: what was asked for, and the choices."""
        asked = tuple((field.name, tuple(field.raw_data or ())) for field in self)
        return asked, tuple((choice.value, str(choice.label)) for choice in self.organization.choices)

    def criteria(self) -> dict:
        """The filters chosen, as keyword arguments of `search_labs` (none when invalid)."""
        if not self.validate():
            return {}
        organization = self.organization.data
        return {
            "text": self.q.data or "",
            "kind": self.kind.data or None,
            "organization_id": int(organization) if organization else None,
            "equipment": self.equipment.data or "",
            "free_on": self.free_on.data,
        }
