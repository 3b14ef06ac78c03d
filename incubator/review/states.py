"""The application's life: draft → submitted → under review → decided, or withdrawn; one way to move."""

from __future__ import annotations

from incubator.audit.services import record
from incubator.errors import N_
from incubator.review.errors import TransitionRefused
from incubator.review.models import Application

DECISIONS = ("accepted", "waitlisted", "rejected")
TRANSITIONS = {
    "draft": {"submitted", "withdrawn"},
    "submitted": {"under_review", "withdrawn"},
    "under_review": {*DECISIONS, "withdrawn"},
    "waitlisted": {"accepted", "rejected", "withdrawn"},
    "accepted": set(),
    "rejected": set(),
    "withdrawn": set(),
}
IN_REVIEW = ("submitted", "under_review")


def can_move(application: Application, to: str) -> bool:
    """Whether `application` may go from its status to `to`."""
    return to in TRANSITIONS[application.status]


def move(application: Application, to: str, actor_id: int | None, **detail: object) -> None:
    """Change `application`'s status to `to` with an audit row (before → after), or refuse."""
    if not can_move(application, to):
        raise TransitionRefused(
            N_("An application that is %(status)s cannot become %(target)s."),
            status=application.status,
            target=to,
        )
    before = application.status
    application.status = to
    record(actor_id, f"application.{to}", application, before=before, after=to, **detail)
