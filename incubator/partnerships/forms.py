"""Forms to answer an introduction and to follow a partnership: its status and its outcomes."""

from __future__ import annotations

from wtforms import DateField, HiddenField, SelectField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, DataRequired, Length, ValidationError

from incubator.fields import DateWithin
from incubator.forms import AppForm
from incubator.i18n import lazy_gettext as _l
from incubator.labels import register
from incubator.partnerships.models import OUTCOME_KINDS, PARTNERSHIP_STATUSES
from incubator.text import clean_text

ORGANIZATION_KIND_LABELS = register(
    "organization_kind",
    {
        "university": _l("University"),
        "enterprise": _l("Enterprise"),
        "government": _l("Government"),
        "incubator": _l("Incubator"),
        "startup": _l("Startup"),
    },
)
RESPONSE_LABELS = register(
    "introduction_response",
    {"pending": _l("Not answered yet"), "accepted": _l("Accepted"), "declined": _l("Declined")},
)
INTRODUCTION_STATUS_LABELS = register(
    "introduction_status",
    {"pending": _l("Waiting for answers"), "accepted": _l("Accepted by both"), "declined": _l("Declined")},
)
PARTNERSHIP_STATUS_LABELS = register(
    "partnership_status",
    {"proposed": _l("Proposed"), "active": _l("Active"), "completed": _l("Completed"), "ended": _l("Ended")},
)
OUTCOME_LABELS = register(
    "outcome_kind",
    {
        "mou": _l("MoU signed"),
        "joint_project": _l("Joint project"),
        "pilot": _l("Pilot"),
        "contract": _l("Contract"),
        "patent": _l("Patent"),
    },
)


class AnswerForm(AppForm):
    """Accept or decline an introduction; declining needs a reason."""

    response = HiddenField(validators=[AnyOf(("accepted", "declined"))])
    reason = TextAreaField(
        _l("Reason (required to decline)"), filters=[clean_text], validators=[Length(max=1000)]
    )

    def validate_reason(self, field: TextAreaField) -> None:
        if self.response.data == "declined" and not field.data:
            raise ValidationError(_l("Please say why you decline."))


class StatusForm(AppForm):
    """Move a partnership to another status."""

    status = SelectField(
        _l("Status"), choices=[SelectChoice(s, PARTNERSHIP_STATUS_LABELS[s]) for s in PARTNERSHIP_STATUSES]
    )
    submit = SubmitField(_l("Change status"))


class OutcomeForm(AppForm):
    """An outcome of a partnership, with its date and a note."""

    kind = SelectField(_l("Outcome"), choices=[SelectChoice(k, OUTCOME_LABELS[k]) for k in OUTCOME_KINDS])
    happened_on = DateField(_l("Date"), validators=[DataRequired(), DateWithin(past=30 * 365, future=0)])
    note = TextAreaField(_l("Note"), filters=[clean_text], validators=[Length(max=2000)])
    submit = SubmitField(_l("Add outcome"))


class OutcomeEditForm(OutcomeForm):
    """Correct a recorded outcome (prefixed with its id: one form per outcome on the page)."""

    submit = SubmitField(_l("Save outcome"))


class DeleteOutcomeForm(AppForm):
    """Remove an outcome recorded by mistake (a bare POST button)."""

    submit = SubmitField(_l("Delete outcome"))


def outcome_edit_forms(outcomes: list) -> dict[int, OutcomeEditForm]:
    """An edit form per outcome, filled with what it says now."""
    return {o.id: OutcomeEditForm(formdata=None, obj=o, prefix=f"outcome-{o.id}") for o in outcomes}
