"""Matching forms: buttons that change state carry a CSRF token and nothing else to trust."""

from __future__ import annotations

from wtforms import (
    FloatField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, Length, NumberRange, Optional, ValidationError

from incubator.fields import QuickLabels, QuickNumberInput, QuickSelect, QuickTextArea, QuickTextInput
from incubator.forms import AppForm
from incubator.i18n import lazy_gettext as _l
from incubator.labels import register
from incubator.matching.corpus import MATCH_KINDS

DOCUMENT_KIND_LABELS = register(
    "document_kind",
    {
        "startup": _l("Startup"),
        "lab": _l("Lab"),
        "mentor": _l("Mentor"),
        "challenge": _l("Challenge"),
        "capability": _l("Research capability"),
    },
)
MATCH_KIND_LABELS = register(
    "match_kind",
    {
        f"{source}-{target}": _l(
            "%(source)s → %(target)s",
            source=DOCUMENT_KIND_LABELS[source],
            target=DOCUMENT_KIND_LABELS[target],
        )
        for source, targets in MATCH_KINDS.items()
        for target in targets
    },
)
KIND_CHOICES = [SelectChoice("", _l("All kinds of match"))] + [
    SelectChoice(key, text) for key, text in MATCH_KIND_LABELS.items()
]
RUN_STATUS_LABELS = register(
    "run_status",
    {
        "queued": _l("queued"),
        "running": _l("running"),
        "done": _l("done"),
        "failed": _l("failed"),
    },
)
RUN_ERRORS = {
    # runs that failed before tasks left through the outbox (issue 29)
    "queue_down": _l("The task queue was unavailable when the run started; nothing was lost. Retry the run."),
    "stale": _l("No progress for a while: a worker may have stopped. Retry to finish the remaining shards."),
    "task_failed": _l("A worker failed on this run (%(detail)s). Retry to finish the remaining shards."),
    "shard_lost": _l(
        "A shard stopped its worker several times in a row. Retry to finish the remaining shards."
    ),
}


def run_error_text(error: str | None) -> str:
    """A run's stored error code, in the reader's language ("" when the run has none)."""
    if not error:
        return ""
    code, _sep, detail = error.partition(": ")
    if code not in RUN_ERRORS:
        return error  # written before errors were codes
    return str(RUN_ERRORS[code]) % {"detail": detail} if code == "task_failed" else str(RUN_ERRORS[code])


SUGGESTION_STATUS_LABELS = register(
    "suggestion_status",
    {"pending": _l("To decide"), "approved": _l("Approved"), "rejected": _l("Rejected")},
)
STATUS_CHOICES = [SelectChoice(key, text) for key, text in SUGGESTION_STATUS_LABELS.items()]
REJECT_REASON_LABELS = register(
    "reject_reason",
    {
        "not_relevant": _l("Not relevant"),
        "too_early": _l("Too early"),
        "no_capacity": _l("No capacity"),
        "conflict_of_interest": _l("Conflict of interest"),
        "other": _l("Other"),
    },
)
REASON_CHOICES = [SelectChoice("", _l("Reason (to reject)"))] + [
    SelectChoice(key, text) for key, text in REJECT_REASON_LABELS.items()
]


class ConfirmForm(AppForm):
    """A bare POST button (start a run, retry a run)."""


class DecisionForm(AppForm):
    """Approve (with a note for the parties) or reject with a reason from the fixed list."""

    class Meta(QuickLabels):
        pass

    decision = HiddenField(validators=[AnyOf(("approved", "rejected"))])
    reason = SelectField(_l("Reason"), choices=REASON_CHOICES, default="", widget=QuickSelect())
    note = TextAreaField(_l("Note"), validators=[Length(max=1000)], widget=QuickTextArea())

    def validate_reason(self, field: SelectField) -> None:
        if self.decision.data == "rejected" and not field.data:
            raise ValidationError(_l("Choose why the suggestion is rejected."))
        if field.data == "other" and not (self.note.data or "").strip():
            raise ValidationError(_l("Say why in the note when the reason is “other”."))


class BulkDecisionForm(DecisionForm):
    """The same decision for every selected suggestion."""

    ids = SelectMultipleField(coerce=int, validate_choice=False)

    def validate_ids(self, field: SelectMultipleField) -> None:
        if not field.data:
            raise ValidationError(_l("Select at least one suggestion."))


class SuggestionFilterForm(AppForm):
    """The filters above the suggestion list (a GET form: nothing changes)."""

    class Meta(QuickLabels):
        csrf = False

    status = SelectField(_l("Status"), choices=STATUS_CHOICES, default="pending", widget=QuickSelect())
    kind = SelectField(_l("Kind of match"), choices=KIND_CHOICES, default="", widget=QuickSelect())
    sector = StringField(
        _l("Sector"), validators=[Optional(), Length(max=80)], default="", widget=QuickTextInput()
    )
    organization = SelectField(
        _l("Organization"), coerce=int, default=0, validate_choice=False, widget=QuickSelect()
    )
    min_score = FloatField(
        _l("Minimum score"),
        validators=[Optional(), NumberRange(min=0, max=1)],
        widget=QuickNumberInput(step="any"),
    )
    run = IntegerField(_l("Run"), validators=[Optional(), NumberRange(min=1)], widget=QuickNumberInput())
    page = IntegerField(default=1, validators=[Optional(), NumberRange(min=1, max=100_000)])
