"""Matching forms: buttons that change state carry a CSRF token and nothing else to trust."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.validators import AnyOf


class ConfirmForm(FlaskForm):
    """A bare POST button (start a run, retry a run)."""


class DecisionForm(FlaskForm):
    """Approve or reject a suggestion."""

    decision = HiddenField(validators=[AnyOf(("approved", "rejected"))])
