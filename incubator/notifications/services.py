"""Notifications: written in the same transaction as their event with the outbox row of their e-mail."""

from __future__ import annotations

from datetime import timedelta

from flask_babel import force_locale
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import ScalarSelect, event, func, select, update
from sqlalchemy.orm import Session

from incubator.accounts import figures
from incubator.accounts.models import User
from incubator.database import utcnow
from incubator.extensions import db
from incubator.notifications import messages
from incubator.notifications.models import Notification
from incubator.outbox import services as outbox
from incubator.outbox.services import dispatch
from incubator.pagination import paginate

EMAIL_TASK = "incubator.notifications.tasks.send_notification_email"
PENDING = "notifications.pending_email"


def notify(
    user_id: int,
    kind: str,
    message: str,
    link: str = "",
    email: bool = True,
    message_id: str | None = None,
    params: dict | None = None,
) -> Notification:
    """Add a notification for `user_id` to the current transaction; the caller's commit writes both.

    That commit also writes the task e-mailing a copy to the outbox (sent after it, or by the relay when
    the broker is down: the e-mail waits, it is never lost); `email=False` writes the in-app row only
    (demo seeding mails nobody). `message` is the text as written now; with `message_id` and its stored
    `params` the text is made again in each reader's language (see `notify_translated`).
    """
    notification = Notification(
        user_id=user_id, kind=kind, message=message, link=link, message_id=message_id, params=params
    )
    db.session.add(notification)
    if email:
        db.session.info.setdefault(PENDING, []).append(notification)
    return notification


def notify_translated(
    user: User,
    kind: str,
    message_id: str,
    link: str = "",
    email: bool = True,
    followed_by: str = "",
    **params: object,
) -> Notification:
    """Notify `user` with `message_id` (an N_-marked msgid) and `params`, read in each reader's language.

    Translated parameters are given as `messages.label_param`/`msgid_param` or datetimes, never as text
    translated now; `followed_by` is user text after the sentence. The text in `user`'s language now is
    stored beside them for the day the message id is renamed."""
    stored = messages.encode(params, followed_by)
    with force_locale(user.language):
        text = messages.render(message_id, stored)
    return notify(user.id, kind, text, link, email, message_id=message_id, params=stored)


@event.listens_for(Session, "before_commit")
def _queue_emails(session: Session) -> None:
    """Add one e-mail task per notification to the committing transaction's outbox."""
    pending = session.info.pop(PENDING, None)
    if pending:
        session.flush()  # their ids
        for notification in pending:
            if notification in session:  # not undone by a savepoint's rollback
                outbox.add(session, EMAIL_TASK, notification.id)


@event.listens_for(Session, "after_rollback")
def _forget_emails(session: Session) -> None:
    """A rolled-back notification is never e-mailed."""
    session.info.pop(PENDING, None)


def unread_query(user_id: object) -> ScalarSelect:
    """How many of `user_id`'s notifications are unread (an id, or a column to correlate with)."""
    query = select(func.count(Notification.id)).where(
        Notification.user_id == user_id, Notification.read_at.is_(None)
    )
    return query.scalar_subquery()


def unread_count(user_id: int) -> int:
    """How many of `user_id`'s notifications are unread."""
    return db.session.scalar(select(unread_query(user_id))) or 0


# Loaded with each request's user, in the same query: the navigation's badge on every page.
UNREAD = "unread_notifications"
figures.register(UNREAD, unread_query)


def current_unread_count(user_id: int) -> int:
    """The request user's unread count as loaded with them, else counted now."""
    count = figures.figure(UNREAD)
    return unread_count(user_id) if count is None else count


def inbox(user_id: int, page: int = 1) -> Pagination:
    """One page of `user_id`'s notifications, newest first."""
    query = select(Notification).where(Notification.user_id == user_id)
    return paginate(query.order_by(Notification.created_at.desc(), Notification.id.desc()), page)


def mark_read(user_id: int, notification_id: int | None = None) -> int:
    """Mark one (or every) unread notification of `user_id` read; return how many changed."""
    query = update(Notification).where(Notification.user_id == user_id, Notification.read_at.is_(None))
    if notification_id is not None:
        query = query.where(Notification.id == notification_id)
    changed = db.session.execute(query.values(read_at=utcnow())).rowcount
    db.session.commit()
    return changed


def queue_unsent(max_age_days: int = 7) -> int:
    """Queue again the e-mail of recent notifications never sent (mail retries spent; a task sends each
    e-mail at most once, so one still waiting in the outbox is not sent twice)."""
    since = utcnow() - timedelta(days=max_age_days)
    query = select(Notification.id).where(Notification.emailed_at.is_(None), Notification.created_at >= since)
    ids = list(db.session.scalars(query))
    for notification_id in ids:
        dispatch(EMAIL_TASK, notification_id)
    db.session.commit()
    return len(ids)
