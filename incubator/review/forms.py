"""Review forms: programs and rubric, applications, assignment, scores, decisions, the queue filter."""

from __future__ import annotations

import re

from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    FieldList,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from incubator.fields import DateWithin, visible_name
from incubator.forms import AppForm
from incubator.i18n import lazy_gettext as _l
from incubator.labels import register
from incubator.matchcore.normalize import fold
from incubator.review.models import RECOMMENDATIONS
from incubator.text import clean_text

APPLICATION_STATUS_LABELS = register(
    "application_status",
    {
        "draft": _l("draft"),
        "submitted": _l("submitted"),
        "under_review": _l("under review"),
        "accepted": _l("accepted"),
        "waitlisted": _l("waitlisted"),
        "rejected": _l("rejected"),
        "withdrawn": _l("withdrawn"),
    },
)
RECOMMENDATION_LABELS = register(
    "recommendation", {"accept": _l("Accept"), "waitlist": _l("Waitlist"), "reject": _l("Reject")}
)
DECISION_LABELS = {"accepted": _l("Accept"), "waitlisted": _l("Waitlist"), "rejected": _l("Reject")}
ANSWER_REQUIRED = _l("Answer this question to submit the application (a draft may leave it empty).")
RECOMMENDATION_REQUIRED = _l("Choose a recommendation to submit the review.")
RUBRIC_HELP = _l("One criterion per line: name | weight | guide for 1; 2; 3; 4; 5")
RUBRIC_EN_HELP = _l(
    "The same criteria in the same order, one per line: name | guide for 1; 2; 3; 4; 5. "
    "Left empty, English readers see the Vietnamese rubric."
)
ENGLISH_LINES_HELP = _l(
    "One line per Vietnamese question, in the same order. Left empty, English readers "
    "see the Vietnamese questions."
)


def choices(pairs: object, blank: object = None) -> list[SelectChoice]:
    """Select choices from (value, label) pairs, after an optional blank choice labelled `blank`."""
    head = [SelectChoice("", blank)] if blank is not None else []
    return head + [SelectChoice(value, label) for value, label in pairs]


def _lines(text: str | None) -> list[str]:
    """The non-blank lines of `text`, trimmed."""
    return [line for line in (line.strip() for line in (text or "").splitlines()) if line]


def _guide(text: str) -> list[str]:
    guide = [g.strip() for g in text.split(";")]
    if len(guide) != 5:
        raise ValueError(_l("Weights are positive and each guide has five parts, for scores 1 to 5."))
    return guide


def same_count(lines_en: list[str], lines_vi: list[str]) -> None:
    """ValueError unless the English lines are absent or as many as the Vietnamese ones."""
    if lines_en and len(lines_en) != len(lines_vi):
        raise ValueError(
            _l("Write one English line for each Vietnamese line, in the same order: %(en)d English "
              "line(s) for %(vi)d Vietnamese one(s).", en=len(lines_en), vi=len(lines_vi))
        )  # fmt: skip


def parse_questions(text: str | None, text_en: str | None) -> list[dict]:
    """Questions {"vi", "en"} from one line per question in each language, matched by position."""
    lines_vi, lines_en = _lines(text), _lines(text_en)
    same_count(lines_en, lines_vi)
    return [{"vi": vi, "en": lines_en[i] if lines_en else ""} for i, vi in enumerate(lines_vi)]


def parse_rubric(text: str, previous: list[dict] | None = None) -> list[dict]:
    """Criteria from Vietnamese lines "label | weight | guide 1; …; guide 5", English still empty
    (add_english fills it); ValueError with a reason.

    A criterion keeps the key it had in `previous` when its Vietnamese label is unchanged (scores are
    stored by key); a new one gets a key made from its label.
    """
    kept = {c["label"]["vi"]: c["key"] for c in previous or []}
    criteria, keys = [], set()
    for line in _lines(text):
        parts = [part.strip() for part in line.split("|")]
        if len(parts) != 3 or not parts[0]:
            raise ValueError(_l("Each line needs a name, a weight and a guide, separated by |."))
        try:
            weight = float(parts[1].replace(",", "."))
        except ValueError:
            raise ValueError(_l("A weight must be a number.")) from None
        guide = _guide(parts[2])
        if weight <= 0:
            raise ValueError(_l("Weights are positive and each guide has five parts, for scores 1 to 5."))
        key = kept.get(parts[0]) or re.sub(r"[^a-z0-9]+", "_", fold(parts[0])).strip("_")
        key = key or f"c{len(criteria) + 1}"
        if key in keys:
            raise ValueError(_l("Two criteria have the same name."))
        keys.add(key)
        criteria.append({"key": key, "weight": weight, "label": {"vi": parts[0], "en": ""},
                         "guide": {"vi": guide, "en": []}})  # fmt: skip
    if not criteria:
        raise ValueError(_l("A rubric needs at least one criterion."))
    return criteria


def add_english(criteria: list[dict], text_en: str | None) -> list[dict]:
    """`criteria` with the English label and guide of each line of `text_en` ("label | g1; …; g5")."""
    lines = _lines(text_en)
    same_count(lines, criteria)
    for criterion, line in zip(criteria, lines, strict=False):
        parts = [part.strip() for part in line.split("|")]
        if len(parts) != 2 or not parts[0]:
            raise ValueError(_l("Each English line needs a name and a guide, separated by |."))
        criterion["label"]["en"], criterion["guide"]["en"] = parts[0], _guide(parts[1])
    return criteria


def rubric_text(rubric: list[dict], locale: str = "vi") -> str:
    """The rubric as the lines the form edits in `locale` (empty in English when none was written)."""
    if locale == "en":
        if not any(c["label"].get("en") for c in rubric):
            return ""
        return "\n".join(
            f"{c['label']['en']} | {'; '.join(c['guide'].get('en') or [''] * 5)}" for c in rubric
        )
    lines = []
    for c in rubric:
        weight = f"{float(c.get('weight', 1)):g}"
        lines.append(f"{c['label']['vi']} | {weight} | {'; '.join(c['guide'].get('vi') or [''] * 5)}")
    return "\n".join(lines)


class ProgramForm(AppForm):
    """A program's window, seats, questions and rubric."""

    name = StringField(
        _l("Name"), filters=[clean_text], validators=[DataRequired(), Length(max=200), visible_name]
    )
    organization_id = SelectField(_l("Host organization"), coerce=int)
    description = TextAreaField(_l("Description (Vietnamese)"), filters=[clean_text],
                                validators=[DataRequired(), Length(max=5000)])  # fmt: skip
    description_en = TextAreaField(_l("Description (English)"), filters=[clean_text],
                                   validators=[Length(max=5000)])  # fmt: skip
    opens_on = DateField(
        _l("Applications open on"), validators=[InputRequired(), DateWithin(past=10 * 365, future=5 * 365)]
    )
    closes_on = DateField(
        _l("Applications close on (last day, Vietnam time)"),
        validators=[InputRequired(), DateWithin(past=10 * 365, future=6 * 365)],
    )
    seats = IntegerField(_l("Seats"), validators=[InputRequired(), NumberRange(min=1, max=1000)])
    required_reviews = IntegerField(_l("Reviews required before a decision"),
                                    validators=[InputRequired(), NumberRange(min=2, max=10)])  # fmt: skip
    question_lines = TextAreaField(
        _l("Questions of the application form, in Vietnamese (one per line)"), filters=[clean_text]
    )
    question_lines_en = TextAreaField(_l("The same questions in English (optional)"),
                                      description=ENGLISH_LINES_HELP, filters=[clean_text])  # fmt: skip
    rubric_lines = TextAreaField(_l("Rubric (Vietnamese)"), description=RUBRIC_HELP, filters=[clean_text])
    rubric_lines_en = TextAreaField(_l("Rubric (English, optional)"), description=RUBRIC_EN_HELP,
                                    filters=[clean_text])  # fmt: skip
    submit = SubmitField(_l("Save"))

    def validate_closes_on(self, field: DateField) -> None:
        if self.opens_on.data and field.data and field.data < self.opens_on.data:
            raise ValidationError(_l("The closing day cannot be before the opening day."))

    previous_rubric: list[dict] | None = None  # the edited program's rubric: its keys are kept

    def validate_question_lines_en(self, field: TextAreaField) -> None:
        try:
            self.parsed_questions = parse_questions(self.question_lines.data, field.data)
        except ValueError as error:
            raise ValidationError(str(error.args[0])) from None

    def validate_rubric_lines(self, field: TextAreaField) -> None:
        try:
            self.parsed_rubric = parse_rubric(field.data, previous=self.previous_rubric)
        except ValueError as error:
            raise ValidationError(str(error.args[0])) from None

    def validate_rubric_lines_en(self, field: TextAreaField) -> None:
        if getattr(self, "parsed_rubric", None) is None:
            return  # the Vietnamese lines carry the error
        try:
            self.parsed_rubric = add_english(self.parsed_rubric, field.data)
        except ValueError as error:
            raise ValidationError(str(error.args[0])) from None

    def program_data(self) -> dict:
        """The validated fields as the program services take them."""
        names = ("name", "organization_id", "description", "description_en", "opens_on", "closes_on",
                 "seats", "required_reviews")  # fmt: skip
        data = {name: getattr(self, name).data for name in names}
        data["description_en"] = data["description_en"] or ""
        return data | {"questions": self.parsed_questions, "rubric": self.parsed_rubric}


class ApplicationForm(AppForm):
    """A startup's pitch and its answers to the program's questions; saved as draft or submitted."""

    startup_id = SelectField(_l("Startup"), coerce=int)
    pitch = TextAreaField(_l("Pitch"), filters=[clean_text], validators=[DataRequired(), Length(max=5000)])
    answers = FieldList(TextAreaField(filters=[clean_text], validators=[Length(max=5000)]))
    save = SubmitField(_l("Save draft"))
    submit = SubmitField(_l("Submit application"))

    def validate(self, extra_validators: object = None) -> bool:
        """The usual checks; submitting also needs an answer to every question (a draft may leave gaps)."""
        valid = super().validate(extra_validators=extra_validators)
        if self.submit.data:
            for field in self.answers:
                if not (field.data or "").strip():
                    field.errors = [*field.errors, ANSWER_REQUIRED]
                    valid = False
        return valid

    def application_data(self) -> dict:
        answers = [answer or "" for answer in self.answers.data]
        return {"pitch": self.pitch.data, "answers": answers, "submit": bool(self.submit.data)}


def application_form(questions: list[str], **kwargs: object) -> ApplicationForm:
    """The application form with one answer field per question."""
    form = ApplicationForm(**kwargs)
    while len(form.answers) < len(questions):
        form.answers.append_entry()
    for field, question in zip(form.answers, questions, strict=False):
        field.label.text = question
    return form


class ReviewForm(AppForm):
    """Comment and recommendation; the criteria's score fields are added per rubric."""

    comment = TextAreaField(
        _l("Comment"), filters=[clean_text], validators=[DataRequired(), Length(max=5000)]
    )
    recommendation = SelectField(
        _l("Recommendation"),
        choices=[
            SelectChoice("", _l("— Choose a recommendation —")),
            *(SelectChoice(r, RECOMMENDATION_LABELS[r]) for r in RECOMMENDATIONS),
        ],
        default="",
    )
    save = SubmitField(_l("Save draft"))
    submit = SubmitField(_l("Submit review"))

    def validate_recommendation(self, field: SelectField) -> None:
        if self.submit.data and not field.data:
            raise ValidationError(RECOMMENDATION_REQUIRED)

    def review_data(self, rubric: list[dict]) -> dict:
        scores = {c["key"]: int(self[f"score_{c['key']}"].data) for c in rubric}
        return {"scores": scores, "comment": self.comment.data,
                "recommendation": self.recommendation.data, "submit": bool(self.submit.data)}  # fmt: skip


def review_form(rubric: list[dict], **kwargs: object) -> ReviewForm:
    """A ReviewForm with a 1–5 choice for each criterion of `rubric`."""
    fields = {}
    for c in rubric:
        guide = c.get("guide") or [""] * 5
        choices = [
            SelectChoice(str(n), f"{n} – {guide[n - 1]}" if guide[n - 1] else str(n)) for n in range(1, 6)
        ]
        fields[f"score_{c['key']}"] = RadioField(c["label"], choices=choices, validators=[InputRequired()])
    return type("RubricReviewForm", (ReviewForm,), fields)(**kwargs)


class AssignForm(AppForm):
    """Reviewers to assign by hand (ticked in a list), or the pool to assign from automatically."""

    reviewers = SelectMultipleField(_l("Reviewers"), coerce=int)
    assign = SubmitField(_l("Assign"))
    automatic = SubmitField(_l("Assign automatically"))

    def validate_reviewers(self, field: SelectMultipleField) -> None:
        if not self.automatic.data and not field.data:
            raise ValidationError(_l("Tick at least one reviewer to assign."))


class DecisionForm(AppForm):
    """Accept, waitlist or reject, with a message to the founder."""

    outcome = SelectField(_l("Decision"), choices=[SelectChoice(k, v) for k, v in DECISION_LABELS.items()])
    message = TextAreaField(_l("Message to the founder"), filters=[clean_text],
                            validators=[DataRequired(), Length(max=5000)])  # fmt: skip
    confirm_seats = BooleanField(_l("Accept even if the program's seats are all taken"))
    submit = SubmitField(_l("Record the decision"))


class ConflictForm(AppForm):
    """A reviewer's declaration of a conflict of interest."""

    reason = TextAreaField(_l("Why you cannot review it"), filters=[clean_text],
                           validators=[DataRequired(), Length(max=2000)])  # fmt: skip
    submit = SubmitField(_l("Declare a conflict of interest"))


class ConfirmForm(AppForm):
    """A button that only needs the CSRF token (withdraw)."""

    submit = SubmitField(_l("Withdraw the application"))


class QueueFilterForm(AppForm):
    """The staff queue's filters (GET, no CSRF)."""

    class Meta:
        csrf = False

    q = StringField(
        _l("Startup: name, sector or description"),
        filters=[clean_text],
        validators=[Optional(), Length(max=200)],
    )
    program = SelectField(_l("Program"), coerce=lambda v: int(v) if v else None, validators=[Optional()])
    status = SelectField(_l("Status"), validators=[Optional()])
    sector = SelectField(_l("Sector"), validators=[Optional()])
    min_score = DecimalField(_l("Score from"), places=None, validators=[Optional(), NumberRange(1, 5)])
    max_score = DecimalField(_l("Score to"), places=None, validators=[Optional(), NumberRange(1, 5)])
    sort = StringField(validators=[Optional()])
    direction = StringField(validators=[Optional()])

    def filters(self) -> dict:
        """The valid filters as the queue service takes them."""
        data = {name: field.data for name, field in self._fields.items() if not field.errors}
        for name in ("min_score", "max_score"):
            data[name] = float(data[name]) if data.get(name) is not None else None
        return data
