"""Flash messages shared by the profile pages."""

from __future__ import annotations

from flask import flash
from flask_babel import gettext as _


def flash_saved(queued: bool) -> None:
    """Confirm the save, saying truthfully where matches reach the user (no page of theirs lists the
    suggestions: staff decide them, and an approved one arrives as an introduction); warn when matching
    could not be queued (a subscriber failed)."""
    if queued:
        flash(
            _("Saved. Our staff review the matches for this profile; one they approve reaches you as an "
              "introduction (menu “Introductions”, with a notification)."),
            "success",
        )  # fmt: skip
    else:
        flash(_("Saved. Matching will run as soon as the task queue is back."), "warning")
