"""The e-mail copy of a notification, composed in the recipient's language when it is sent, by Flask-Mailman.

Every e-mail has a subject naming what happened and an HTML part beside its text part; a kind of
notification may add attachments (a meeting's calendar invitation), built from the database when the
e-mail is composed: the task itself carries only the notification's id."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from email.mime.base import MIMEBase

from flask import current_app
from flask_babel import force_locale, gettext
from flask_mailman import EmailMultiAlternatives

from incubator.accounts.models import User
from incubator.database import utcnow
from incubator.errors import N_
from incubator.extensions import db
from incubator.notifications.messages import text_of
from incubator.notifications.models import Notification

# One subject per kind of notification: the e-mail says what happened before it is opened.
SUBJECTS = {
    "application_received": N_("Your application was received"),
    "reviewer_assigned": N_("A new application to review"),
    "decision_made": N_("A decision on your application"),
    "login.slowed": N_("Failed logins to your account"),
    "booking.requested": N_("A lab booking waits for your answer"),
    "booking.approved": N_("Your lab booking is confirmed"),
    "booking.declined": N_("Your lab booking was declined"),
    "mentorship.requested": N_("A founder asks you to mentor their startup"),
    "mentorship.accepted": N_("Your mentoring request was accepted"),
    "mentorship.declined": N_("Your mentoring request was declined"),
    "mentorship.session": N_("A mentoring session was logged"),
    "mentorship.completed": N_("A mentorship has ended"),
    "mentorship.cancelled": N_("A mentorship was cancelled"),
    "meeting.proposed": N_("A mentoring meeting time waits for your answer"),
    "meeting.accepted": N_("Mentoring meeting agreed: your invitation"),
    "meeting.declined": N_("A proposed mentoring meeting was declined"),
    "meeting.cancelled": N_("A mentoring meeting was cancelled"),
    "introduction.new": N_("An introduction to a possible partner"),
    "introduction.accepted": N_("Both sides accepted the introduction"),
    "introduction.declined": N_("An introduction was declined"),
    "introduction.reminder": N_("An introduction waits for your answer"),
    "organization_decided": N_("A decision on your organization"),
    "organization_to_verify": N_("An organization waits for verification"),
    "membership_requested": N_("Someone asks to join your organization"),
    "membership_decided": N_("A decision on your membership request"),
}
SUBJECT_LENGTH = 90  # a kind without a subject of its own is named by its message's start
INBOX_PATH = "/notifications/"
Paragraph = tuple[str, str]  # (text, address it links to, or "")
Attacher = Callable[[Notification, User], list[MIMEBase]]
ATTACHERS: dict[str, Attacher] = {}  # kind of notification: what its e-mail carries besides the text


def attach_to(kind: str, attacher: Attacher) -> None:
    """Have the e-mails of `kind` carry what `attacher(notification, recipient)` returns."""
    ATTACHERS[kind] = attacher


def subject_of(notification: Notification) -> str:
    """What happened, in the current locale: the kind's subject, else the start of the message itself."""
    if notification.kind in SUBJECTS:
        return gettext(SUBJECTS[notification.kind])
    text = text_of(notification).strip()
    first_line = text.splitlines()[0] if text else ""
    if len(first_line) > SUBJECT_LENGTH:
        first_line = first_line[: SUBJECT_LENGTH - 1].rstrip() + "…"
    return first_line or gettext("A new notification")


def compose(notification: Notification, user: User) -> EmailMultiAlternatives:
    """The message for `notification` in `user`'s language as saved now, with a link back to the site."""
    with force_locale(user.language):
        paragraphs: list[Paragraph] = [(text_of(notification), "")]
        if notification.link:
            url = current_app.config["SITE_URL"].rstrip("/") + notification.link
            paragraphs.append((url, url))
        paragraphs.append((gettext("Your inbox: %(url)s", url=inbox_url()), inbox_url()))
        message = email_message(subject_of(notification), paragraphs, user)
        attacher = ATTACHERS.get(notification.kind)
        for part in attacher(notification, user) if attacher else []:
            message.attach(part)
        return message


def email_message(subject: str, paragraphs: Sequence[Paragraph], user: User) -> EmailMultiAlternatives:
    """A text and an HTML part of the same paragraphs (call within the recipient's `force_locale`)."""
    body = "\n\n".join(text for text, _url in paragraphs)
    message = EmailMultiAlternatives(subject=subject, body=body, to=[user.email])
    template = current_app.jinja_env.get_template("email/message.html")  # no request: no page context
    html = template.render(subject=subject, paragraphs=paragraphs, language=user.language)
    message.attach_alternative(html, "text/html")
    return message


def site_url(path: str) -> str:
    """The absolute address of `path` on the site (a worker has no request to build it from)."""
    return current_app.config["SITE_URL"].rstrip("/") + path


def inbox_url() -> str:
    """The absolute address of the inbox page."""
    return site_url(INBOX_PATH)


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


def deliver(message: EmailMultiAlternatives) -> None:
    """Send `message` through Flask-Mailman's configured backend; raise on a mail failure."""
    with current_app.extensions["mailman"].get_connection() as connection:  # closed even on failure
        connection.send_messages([message])
