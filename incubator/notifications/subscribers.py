"""Notifications react to what accounts announce: an account's owner hears of failed logins."""

from __future__ import annotations

from incubator.events import login_ceiling_reached
from incubator.extensions import db
from incubator.outbox.services import dispatch

WARN_TASK = "incubator.notifications.tasks.warn_of_failed_logins"


def queue_login_warning(email: str, **_: object) -> bool:
    """Queue the warning for `email`'s owner: the worker finds out whether there is one, not the request."""
    dispatch(WARN_TASK, email)
    db.session.commit()
    return True


def connect() -> None:
    """Subscribe notifications to the events it reacts to (a receiver is connected once)."""
    login_ceiling_reached.connect(queue_login_warning)
