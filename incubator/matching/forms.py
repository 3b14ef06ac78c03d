"""Matching forms: buttons that change state carry a CSRF token and nothing else to trust."""

from __future__ import annotations

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, NumberRange, Optional

from incubator.matching.corpus import MATCH_KINDS

PROFILE_KIND_LABELS = {
    "challenge": _l("Challenge"),
    "capability": _l("Research capability"),
    "lab": _l("Lab"),
    "mentor": _l("Mentor"),
    "startup": _l("Startup"),
}


def kind_label(source: str, target: str) -> LazyString:
    """'Challenge → Research capability', translated when shown."""
    return LazyString(lambda: f"{PROFILE_KIND_LABELS[source]} → {PROFILE_KIND_LABELS[target]}")


KIND_CHOICES = [SelectChoice("", _l("All kinds of match"))] + [
    SelectChoice(f"{source}-{target}", kind_label(source, target))
    for source, targets in MATCH_KINDS.items()
    for target in targets
]
RUN_STATUS_LABELS = {
    "queued": _l("queued"),
    "running": _l("running"),
    "done": _l("done"),
    "failed": _l("failed"),
}
STATUS_CHOICES = [
    SelectChoice("pending", _l("To decide")),
    SelectChoice("approved", _l("Approved")),
    SelectChoice("rejected", _l("Rejected")),
]
SUGGESTION_STATUS_LABELS = {choice.value: choice.label for choice in STATUS_CHOICES}


class ConfirmForm(FlaskForm):
    """A bare POST button (start a run, retry a run)."""


class DecisionForm(FlaskForm):
    """Approve or reject a suggestion."""

    decision = HiddenField(validators=[AnyOf(("approved", "rejected"))])


class SuggestionFilterForm(FlaskForm):
    """The filters above the suggestion list (a GET form: nothing changes)."""

    class Meta:
        csrf = False

    status = SelectField(_l("Status"), choices=STATUS_CHOICES, default="pending")
    kind = SelectField(_l("Kind of match"), choices=KIND_CHOICES, default="")
    page = IntegerField(default=1, validators=[Optional(), NumberRange(min=1, max=100_000)])
