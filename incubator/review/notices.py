"""The notifications of the incubation journey, each written in its recipient's language."""

from __future__ import annotations

from incubator.accounts.models import User
from incubator.errors import N_
from incubator.extensions import db
from incubator.notifications.messages import label_param
from incubator.notifications.models import Notification
from incubator.notifications.services import notify_translated
from incubator.review.models import Application


def _notify(
    user_id: int,
    kind: str,
    link: str,
    message: str,
    email: bool = True,
    followed_by: str = "",
    **params: object,
) -> Notification:
    """Add the notification of `message` to the transaction, read in each reader's language."""
    user = db.session.get(User, user_id)
    return notify_translated(user, kind, message, link, email=email, followed_by=followed_by, **params)


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
    _notify(
        application.submitted_by_id,
        "decision_made",
        f"/applications/{application.id}",
        N_("%(program)s: the application of %(startup)s was %(decision)s."),
        followed_by=application.decision_message or "",
        program=application.program.name,
        startup=application.startup.name,
        decision=label_param(application.status, "application_status"),
    )
