"""The e-mail copy of a notification, composed in the recipient's language and sent by Flask-Mailman."""

from __future__ import annotations

from flask import current_app
from flask_babel import force_locale, gettext
from flask_mailman import EmailMessage

from incubator.accounts.models import User
from incubator.database import utcnow
from incubator.errors import N_
from incubator.extensions import db
from incubator.notifications.models import Notification

SUBJECTS = {
    "application_received": N_("Your application was received"),
    "reviewer_assigned": N_("A new application to review"),
    "decision_made": N_("A decision on your application"),
    "login.slowed": N_("Failed logins to your account"),
}
DEFAULT_SUBJECT = N_("A new notification")
INBOX_PATH = "/notifications/"


def compose(notification: Notification, user: User) -> EmailMessage:
    """The message for `notification`, in `user`'s language, with a link back to the site."""
    with force_locale(user.language):
        subject = gettext(SUBJECTS.get(notification.kind, DEFAULT_SUBJECT))
        body = notification.message
        if notification.link:
            body += "\n\n" + current_app.config["SITE_URL"].rstrip("/") + notification.link
        body += "\n\n" + gettext("Your inbox: %(url)s", url=inbox_url())
    return EmailMessage(subject=subject, body=body, to=[user.email])


def inbox_url() -> str:
    """The absolute address of the inbox page (a worker has no request to build it from)."""
    return current_app.config["SITE_URL"].rstrip("/") + INBOX_PATH


def send_notification_email(notification_id: int) -> bool:
    """E-mail `notification_id` once (a second delivery sends nothing); raise on a mail failure."""
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.emailed_at is not None:
        return False
    user = db.session.get(User, notification.user_id)
    if user is None or not user.active:
        return False
    deliver(compose(notification, user))
    notification.emailed_at = utcnow()
    db.session.commit()
    return True


def deliver(message: EmailMessage) -> None:
    """Send `message` through Flask-Mailman's configured backend; raise on a mail failure."""
    with current_app.extensions["mailman"].get_connection() as connection:  # closed even on failure
        connection.send_messages([message])
