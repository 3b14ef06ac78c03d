"""Mentor forms: profile, directory search, requests and answers, sessions, meetings, contact cards."""

from __future__ import annotations

from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    HiddenField,
    IntegerField,
    SearchField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from incubator.fields import DateWithin
from incubator.forms import AppForm, QueryForm
from incubator.i18n import lazy_gettext as _l
from incubator.labels import register
from incubator.localtime import now_local
from incubator.text import clean_tags, clean_text

LANGUAGE_CHOICES = [SelectChoice("vi", "Tiếng Việt"), SelectChoice("en", "English")]


class LanguagesField(SelectMultipleField):
    """Languages picked from a list; reads the stored form "vi,en" too."""

    def process_data(self, value: object) -> None:
        super().process_data(value.split(",") if isinstance(value, str) else value)


class MentorProfileForm(AppForm):
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
    max_mentees = IntegerField(
        _l("Startups mentored at once"), default=3, validators=[Optional(), NumberRange(min=0, max=50)]
    )
    available = BooleanField(_l("Available for new mentees"), default=True)
    submit = SubmitField(_l("Save"))


class MentorSearchForm(QueryForm):
    """Directory search and filters, read from the query string (a GET form: no CSRF)."""

    q = SearchField(_l("Search"), filters=[clean_text], validators=[Optional(), Length(max=100)])
    expertise = StringField(_l("Expertise"), filters=[clean_text], validators=[Optional(), Length(max=100)])
    sector = StringField(_l("Sector"), filters=[clean_text], validators=[Optional(), Length(max=80)])
    language = SelectField(
        _l("Language"), choices=[SelectChoice("", _l("Any language")), *LANGUAGE_CHOICES], default=""
    )
    has_capacity = BooleanField(_l("Has room for a new startup"))

    def criteria(self) -> dict:
        """The filters chosen, as keyword arguments of `mentor_directory` (none when invalid)."""
        if not self.validate():
            return {}
        return {
            "text": self.q.data or "",
            "expertise": self.expertise.data or "",
            "sector": self.sector.data or "",
            "language": self.language.data or "",
            "has_capacity": bool(self.has_capacity.data),
        }


class MentorshipRequestForm(AppForm):
    """Which of the founder's startups needs the mentor, and why."""

    startup = SelectField(_l("Startup"), choices=[])
    message = TextAreaField(
        _l("Message to the mentor"), filters=[clean_text], validators=[DataRequired(), Length(max=3000)]
    )
    submit = SubmitField(_l("Send request"))

    def __init__(self, startups: list, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.startup.choices = [SelectChoice(str(s.id), s.name) for s in startups]


def local_path(value: str | None) -> str:
    """`value` if it is a path on this site, else "" (never an open redirect)."""
    safe = value and value.startswith("/") and not value.startswith(("//", "/\\"))
    return value if safe else ""


def optional_id(value: str | int | None) -> int | None:
    """A hidden record id as a whole number; None when absent or not a number."""
    if isinstance(value, int):
        return value
    return int(value) if value and value.isascii() and value.isdigit() else None


class ReasonForm(AppForm):
    """A decision with a reason (declining)."""

    next_url = HiddenField(filters=[local_path])
    reason = TextAreaField(_l("Reason"), filters=[clean_text], validators=[DataRequired(), Length(max=1000)])
    submit = SubmitField(_l("Decline"))


class AnswerForm(AppForm):
    """A button carrying only the CSRF token and where to go back (accept)."""

    next_url = HiddenField(filters=[local_path])
    submit = SubmitField(_l("Accept"))


class EndForm(AppForm):
    """End a mentorship as completed or cancelled."""

    outcome = SelectField(
        _l("Outcome"),
        choices=[SelectChoice("completed", _l("completed")), SelectChoice("cancelled", _l("cancelled"))],
    )
    submit = SubmitField(_l("End mentorship"))


class SessionForm(AppForm):
    """One mentoring session: date, duration, shared notes, private notes."""

    held_on = DateField(_l("Date"), validators=[InputRequired(), DateWithin(past=5 * 365, future=0)])
    duration_minutes = IntegerField(
        _l("Duration (minutes)"), default=60, validators=[InputRequired(), NumberRange(5, 600)]
    )
    notes = TextAreaField(
        _l("Notes shared with the founder"), filters=[clean_text], validators=[Length(max=5000)]
    )
    private_notes = TextAreaField(
        _l("Private notes (only you see them)"), filters=[clean_text], validators=[Length(max=5000)]
    )
    meeting_id = HiddenField(filters=[optional_id])
    submit = SubmitField(_l("Log session"))


class MeetingForm(AppForm):
    """A proposed meeting: local time (Asia/Ho_Chi_Minh), duration, place or video link, note; `replaces`
    names the other side's proposal it answers."""

    starts_local = DateTimeLocalField(
        _l("Date and time (Vietnam time)"), format="%Y-%m-%dT%H:%M", validators=[InputRequired()]
    )
    minutes = IntegerField(
        _l("Duration (minutes)"), default=60, validators=[InputRequired(), NumberRange(15, 480)]
    )
    place = StringField(
        _l("Place or video link"), filters=[clean_text], validators=[DataRequired(), Length(max=500)]
    )
    note = TextAreaField(_l("Note"), filters=[clean_text], validators=[Optional(), Length(max=1000)])
    replaces = HiddenField(filters=[optional_id])
    submit = SubmitField(_l("Propose this time"))

    def validate_starts_local(self, field: DateTimeLocalField) -> None:
        if field.data and field.data <= now_local().replace(tzinfo=None):
            raise ValidationError(_l("Choose a time in the future."))


class CancelMeetingForm(AppForm):
    """Cancel an agreed meeting, with an optional word for the other side."""

    message = TextAreaField(
        _l("Message to the other side (optional)"),
        filters=[clean_text],
        validators=[Optional(), Length(max=1000)],
    )
    submit = SubmitField(_l("Cancel this meeting"))


class ContactCardForm(AppForm):
    """What a user shares with the other side of their accepted mentorships."""

    share_email = BooleanField(_l("Share my account e-mail"), default=True)
    phone = StringField(_l("Phone"), filters=[clean_text], validators=[Optional(), Length(max=40)])
    zalo = StringField(_l("Zalo"), filters=[clean_text], validators=[Optional(), Length(max=80)])
    other = StringField(
        _l("Other (e.g. LinkedIn, Telegram)"), filters=[clean_text], validators=[Optional(), Length(max=300)]
    )
    submit = SubmitField(_l("Save"))


register(
    "mentorship_status",
    {
        "requested": _l("waiting for the mentor"),
        "active": _l("active"),
        "declined": _l("declined"),
        "completed": _l("completed"),
        "cancelled": _l("cancelled"),
    },
)
register(
    "meeting_status",
    {
        "proposed": _l("waiting for an answer"),
        "accepted": _l("agreed"),
        "declined": _l("declined"),
        "replaced": _l("another time proposed"),
        "cancelled": _l("cancelled"),
    },
)
