"""Queue a Celery task by name without letting a broker outage undo what was saved."""

from __future__ import annotations

import logging

from flask import current_app

log = logging.getLogger(__name__)


def dispatch(task_name: str, *args: object) -> bool:
    """Send a task by name; False (logged) when the broker cannot take it."""
    try:
        current_app.extensions["celery"].send_task(task_name, args=args)
    except Exception:  # any broker failure: the caller keeps what was saved
        log.warning("could not queue %s%s", task_name, args, exc_info=True)
        return False
    return True
