"""Notifications: written in the same transaction as the event they announce."""

from __future__ import annotations

from incubator.extensions import db
from incubator.notifications.models import Notification


def notify(user_id: int, kind: str, message: str, link: str = "") -> Notification:
    """Add a notification for `user_id` to the current transaction; the caller's commit writes both."""
    notification = Notification(user_id=user_id, kind=kind, message=message, link=link)
    db.session.add(notification)
    return notification
