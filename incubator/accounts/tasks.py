"""Celery task: look up the account a password reset names, and queue its e-mail."""

from __future__ import annotations

from celery import shared_task

from incubator.accounts import recovery
from incubator.accounts.services import RESET_PASSWORD, queue_account_email


# It takes the address, not an id: the request never looks the account up, so its answer and its timing
# are the same whether or not one exists. The e-mail is a task of its own, retried on mail failures.
@shared_task(name="incubator.accounts.tasks.request_password_reset")
def request_password_reset(email: str) -> bool:
    """Audit the reset request of the account using `email`, if any, and queue its reset e-mail."""
    user = recovery.password_reset_requested(email)
    return user is not None and queue_account_email(user.id, RESET_PASSWORD)
