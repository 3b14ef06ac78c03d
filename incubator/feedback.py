"""Flash messages shared by the profile pages."""

from __future__ import annotations

from flask import flash
from flask_babel import gettext as _


def flash_saved(queued: bool) -> None:
    """Confirm the save, warning when matching could not be queued (a subscriber failed)."""
    if queued:
        flash(_("Saved. Matching suggestions will follow shortly."), "success")
    else:
        flash(_("Saved. Matching will run as soon as the task queue is back."), "warning")
