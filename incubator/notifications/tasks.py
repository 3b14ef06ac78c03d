"""Celery tasks: the e-mail copy of a notification (retried with backoff when mail fails); login warnings."""

from __future__ import annotations

from celery import shared_task

from incubator.notifications import login_warnings, mail

# SMTP errors are OSError subclasses; a refused connection or time-out is retried as well.
RETRY = {"autoretry_for": (OSError,), "max_retries": 5, "retry_backoff": 2, "retry_jitter": False}


@shared_task(name="incubator.notifications.tasks.send_notification_email", **RETRY)
def send_notification_email(notification_id: int) -> bool:
    """Send the e-mail of one notification (the notification itself is already saved)."""
    return mail.send_notification_email(notification_id)


@shared_task(name="incubator.notifications.tasks.warn_of_failed_logins")
def warn_of_failed_logins(email: str) -> bool:
    """Warn the owner of `email`, if there is one, that browsers they never used failed to log in."""
    return login_warnings.warn_of_failed_logins(email)
