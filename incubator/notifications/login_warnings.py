"""Security notices for an account's owner: many failed logins from browsers they never logged in with."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from limits import parse
from sqlalchemy import select

from incubator.accounts.services import find_user_by_email
from incubator.audit.services import record
from incubator.database import utcnow
from incubator.errors import N_
from incubator.extensions import db
from incubator.notifications.models import Notification
from incubator.notifications.services import notify_translated

FAILED_LOGINS = "login.slowed"
WARNING = N_(
    "Someone failed to log in to your account many times from browsers you have not logged in "
    "with. For a while such browsers may only try now and then; the browsers you logged in with "
    "before still log in as usual. If this was not you, make sure your password is long and used "
    "nowhere else."
)


def warn_of_failed_logins(email: str) -> bool:
    """Notify (and e-mail) the active owner of `email`, once a window; False when there is nobody to tell."""
    user = find_user_by_email(email)
    if user is None or not user.active or warned_recently(user.id):
        return False
    notify_translated(user, FAILED_LOGINS, WARNING, "/profile")  # e-mailed by a task once this commits
    record(None, "user.login_slowed", user)
    db.session.commit()
    return True


def warned_recently(user_id: int) -> bool:
    """Whether `user_id` was warned within a window of LOGIN_ACCOUNT_CEILING (a task run twice warns once)."""
    window = parse(current_app.config["LOGIN_ACCOUNT_CEILING"]).get_expiry()
    query = select(Notification.id).where(
        Notification.user_id == user_id,
        Notification.kind == FAILED_LOGINS,
        Notification.created_at >= utcnow() - timedelta(seconds=window),
    )
    return db.session.scalar(query.limit(1)) is not None
