"""Forms of the booking pages: a slot request, a decision with its reason, the lab's rules, training."""

from __future__ import annotations

from datetime import date, datetime, time

from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    TimeField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from incubator.fields import DateWithin, OutOfRange, in_range
from incubator.forms import AppForm
from incubator.i18n import lazy_gettext as _l
from incubator.labels import register
from incubator.labs.forms import clean_lines
from incubator.labs.models import Lab, Machine
from incubator.labs.rules import Slot
from incubator.text import clean_text

WEEKDAYS = (
    _l("Monday"),
    _l("Tuesday"),
    _l("Wednesday"),
    _l("Thursday"),
    _l("Friday"),
    _l("Saturday"),
    _l("Sunday"),
)
register("weekday", {str(i): name for i, name in enumerate(WEEKDAYS)})
register(
    "booking_status",
    {
        "requested": _l("waiting for approval"),
        "approved": _l("approved"),
        "declined": _l("declined"),
        "cancelled": _l("cancelled"),
    },
)


class BookingForm(AppForm):
    """A slot (local day and times), the people coming, the equipment needed and the purpose."""

    machine = SelectField(_l("What to book"), choices=[], default="")
    day = DateField(_l("Day"), validators=[InputRequired(), DateWithin(past=0, future=2 * 365)])
    starts = TimeField(_l("From"), validators=[InputRequired()])
    ends = TimeField(_l("To"), validators=[InputRequired()])
    people = IntegerField(
        _l("People (seats taken, or people at the machine)"),
        default=1,
        validators=[InputRequired(), NumberRange(min=1, max=500)],
    )
    equipment = SelectMultipleField(_l("Equipment needed"), choices=[])
    startup = SelectField(_l("For startup"), choices=[], validate_choice=False, default="")
    purpose = TextAreaField(
        _l("Purpose"), filters=[clean_text], validators=[DataRequired(), Length(max=2000)]
    )
    submit = SubmitField(_l("Request this slot"))

    def __init__(self, lab: Lab, startups: list, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        seats = SelectChoice("", _l("Seats in the lab (up to %(num)d people)", num=lab.capacity))
        machines = [SelectChoice(str(m.id), machine_label(m)) for m in lab.machines if m.bookable]
        self.machine.choices = [seats, *machines]
        self.equipment.choices = [SelectChoice(item, item) for item in lab.equipment_items]
        self.startup.choices = [SelectChoice("", "—"), *(SelectChoice(str(s.id), s.name) for s in startups)]
        self.startup_ids = {str(s.id) for s in startups}

    def validate_startup(self, field: SelectField) -> None:
        if field.data and field.data not in self.startup_ids:
            raise ValidationError(_l("Choose one of your startups."))

    def slot(self) -> Slot:
        """The requested slot, in local time."""
        return Slot(
            starts_at=date_time(self.day.data, self.starts.data),
            ends_at=date_time(self.day.data, self.ends.data),
            purpose=self.purpose.data,
            equipment=tuple(self.equipment.data or ()),
            people=self.people.data,
            startup_id=int(self.startup.data) if self.startup.data else None,
            machine_id=int(self.machine.data) if self.machine.data else None,
        )


def machine_label(machine: Machine) -> str:
    """A machine's name as a choice, saying when it needs training."""
    if machine.needs_training:
        return _l("%(name)s (training needed)", name=machine.name)
    return machine.name


def date_time(day: date, moment: time) -> datetime:
    """`day` at the time `moment`, naive (local)."""
    return datetime.combine(day, moment)


def local_path(value: str | None) -> str:
    """`value` if it is a path on this site, else "" (never an open redirect)."""
    return value if value and value.startswith("/") and not value.startswith("//") else ""


class MachineForm(AppForm):
    """A machine of the lab: its name (unique in the lab), what it does, and whether it needs training."""

    name = StringField(
        _l("Name (e.g. Laser cutter)"), filters=[clean_text], validators=[DataRequired(), Length(max=200)]
    )
    description = TextAreaField(_l("Description"), filters=[clean_text], validators=[Length(max=2000)])
    needs_training = BooleanField(_l("Only trained users may book it"))
    bookable = BooleanField(_l("Open for booking"), default=True)
    submit = SubmitField(_l("Save machine"))

    def __init__(self, lab: Lab, machine: Machine | None = None, *args: object, **kwargs: object) -> None:
        super().__init__(*args, obj=machine, **kwargs)
        self.taken = {m.name.casefold() for m in lab.machines if m is not machine}

    def validate_name(self, field: StringField) -> None:
        if field.data and field.data.casefold() in self.taken:
            raise ValidationError(_l("This lab already has a machine with that name."))


class ConfirmForm(AppForm):
    """A button that only carries the CSRF token and where to go back (approve, cancel, regenerate)."""

    next_url = HiddenField(filters=[local_path])
    submit = SubmitField(_l("Confirm"))


class DeclineForm(ConfirmForm):
    """Declining needs a reason the requester reads."""

    reason = TextAreaField(_l("Reason"), filters=[clean_text], validators=[DataRequired(), Length(max=1000)])
    submit = SubmitField(_l("Decline"))


class TrainingForm(AppForm):
    """Mark a user (by e-mail) trained on one item of equipment."""

    email = EmailField(
        _l("E-mail of the trained user"), validators=[DataRequired(), Email(), Length(max=254)]
    )
    equipment = SelectField(_l("Equipment"), choices=[])
    submit = SubmitField(_l("Mark trained"))

    def __init__(self, lab: Lab, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.equipment.choices = [SelectChoice(item, item) for item in lab.training_items]


class RulesForm(AppForm):
    """Opening hours per weekday, closed dates and the limits of a slot."""

    approval_required = BooleanField(_l("Each request needs a manager's approval"), default=True)
    min_slot_minutes = IntegerField(
        _l("Shortest slot (minutes)"), validators=[InputRequired(), NumberRange(5, 1440)]
    )
    max_slot_minutes = IntegerField(
        _l("Longest slot (minutes)"), validators=[InputRequired(), NumberRange(5, 1440)]
    )
    book_ahead_days = IntegerField(
        _l("Bookable up to (days ahead)"), validators=[InputRequired(), NumberRange(0, 730)]
    )
    training_equipment = TextAreaField(
        _l("Equipment that needs training (one item per line)"),
        filters=[clean_lines],
        validators=[Length(max=5000)],
    )
    closed_dates = TextAreaField(
        _l("Closed dates, one per line: YYYY-MM-DD and a note (e.g. 2027-02-06 Tết)"),
        filters=[clean_lines],
        validators=[Length(max=5000)],
    )
    submit = SubmitField(_l("Save rules"))

    def __init__(self, lab: Lab, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.lab = lab

    def weekday_fields(self) -> list[tuple[object, object, object]]:
        """(weekday name, opens field, closes field) for Monday to Sunday."""
        return [(WEEKDAYS[i], self[f"opens_{i}"], self[f"closes_{i}"]) for i in range(7)]

    def validate_max_slot_minutes(self, field: IntegerField) -> None:
        if self.min_slot_minutes.data and field.data and field.data < self.min_slot_minutes.data:
            raise ValidationError(_l("The longest slot cannot be shorter than the shortest."))

    def validate_training_equipment(self, field: TextAreaField) -> None:
        unknown = [item for item in (field.data or "").splitlines() if item not in self.lab.equipment_items]
        if unknown:
            raise ValidationError(_l("Not in the lab's equipment: %(items)s", items=", ".join(unknown)))

    def validate_closed_dates(self, field: TextAreaField) -> None:
        try:
            in_range(list(self.closed_days()))
        except OutOfRange as error:
            raise ValidationError(error.args[0]) from error
        except ValueError as error:
            raise ValidationError(_l("Write each closed date as YYYY-MM-DD.")) from error

    def closed_days(self) -> dict[date, str]:
        """The closed dates typed, with their notes."""
        days = {}
        for line in (self.closed_dates.data or "").splitlines():
            day, _space, note = line.partition(" ")
            days[date.fromisoformat(day)] = note.strip()[:200]
        return days

    def hours(self) -> dict[int, tuple]:
        """Opening and closing times per weekday that has both."""
        pairs = {i: (self[f"opens_{i}"].data, self[f"closes_{i}"].data) for i in range(7)}
        return {i: pair for i, pair in pairs.items() if pair[0] and pair[1]}

    def validate(self, extra_validators: object = None) -> bool:
        valid = super().validate(extra_validators)
        for i in range(7):
            opens, closes = self[f"opens_{i}"], self[f"closes_{i}"]
            if bool(opens.data) != bool(closes.data) or (opens.data and closes.data <= opens.data):
                closes.errors = [*closes.errors, _l("Give both times, closing after opening.")]
                valid = False
        return valid


for _i in range(7):
    setattr(RulesForm, f"opens_{_i}", TimeField(_l("Opens"), validators=[Optional()]))
    setattr(RulesForm, f"closes_{_i}", TimeField(_l("Closes"), validators=[Optional()]))
