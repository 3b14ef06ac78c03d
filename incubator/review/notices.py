"""The notifications of the incubation journey, each written in its recipient's language."""

from __future__ import annotations

from flask_babel import force_locale, gettext

from incubator.accounts.models import User
from incubator.errors import N_
from incubator.extensions import db
from incubator.labels import label
from incubator.notifications.models import Notification
from incubator.notifications.services import notify
from incubator.review.models import Application


def _notify(
    user_id: int, kind: str, link: str, message: str, email: bool = True, **params: object
) -> Notification:
    """Compose `message` in the user's language and add the notification to the transaction."""
    user = db.session.get(User, user_id)
    with force_locale(user.language):
        text = gettext(message, **{key: str(value) for key, value in params.items()})
    return notify(user_id, kind, text, link, email=email)


def review_link(application: Application) -> str:
    """Where a reviewer scores `application` (the link of their "reviewer assigned" notification)."""
    return f"/review/applications/{application.id}/score"


def application_received(application: Application) -> None:
    """Tell the founder their application reached the program."""
    _notify(
        application.submitted_by_id,
        "application_received",
        f"/applications/{application.id}",
        N_("Your application of %(startup)s to %(program)s was received."),
        startup=application.startup.name,
        program=application.program.name,
    )


def reviewer_assigned(application: Application, reviewer_id: int, email: bool = True) -> Notification:
    """Tell a reviewer an application waits for their scores (`email=False`: in the inbox only)."""
    return _notify(
        reviewer_id,
        "reviewer_assigned",
        review_link(application),
        N_("You were asked to review %(startup)s for %(program)s."),
        email=email,
        startup=application.startup.name,
        program=application.program.name,
    )


def decision_made(application: Application) -> None:
    """Tell the founder the program's decision, with the staff's message."""
    user = db.session.get(User, application.submitted_by_id)
    with force_locale(user.language):
        text = gettext(
            "%(program)s: the application of %(startup)s was %(decision)s.",
            program=application.program.name,
            startup=application.startup.name,
            decision=str(label(application.status, "application_status")),
        )
    if application.decision_message:
        text += "\n\n" + application.decision_message
    notify(user.id, "decision_made", text, f"/applications/{application.id}")
