"""Celery tasks: notification and account e-mails (retried with backoff when mail fails); login warnings."""

from __future__ import annotations

from celery import shared_task

from incubator.notifications import account_mail, login_warnings, mail

# SMTP errors are OSError subclasses; a refused connection or time-out is retried as well.
RETRY = {"autoretry_for": (OSError,), "max_retries": 5, "retry_backoff": 2, "retry_jitter": False}


@shared_task(name="incubator.notifications.tasks.send_notification_email", **RETRY)
def send_notification_email(notification_id: int) -> bool:
    """Send the e-mail of one notification (the notification itself is already saved)."""
    return mail.send_notification_email(notification_id)


@shared_task(name="incubator.notifications.tasks.send_account_email", **RETRY)
def send_account_email(user_id: int, kind: str) -> bool:
    """Send an account e-mail (verification link, reset link, already registered) to one user."""
    return account_mail.send_account_email(user_id, kind)


@shared_task(name="incubator.notifications.tasks.warn_of_failed_logins")
def warn_of_failed_logins(email: str) -> bool:
    """Warn the owner of `email`, if there is one, that browsers they never used failed to log in."""
    return login_warnings.warn_of_failed_logins(email)
