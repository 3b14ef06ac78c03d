"""The application's life: draft → submitted → under review → decided, or withdrawn; one way to move."""

from __future__ import annotations

from sqlalchemy import inspect, update
from sqlalchemy.orm.attributes import set_committed_value

from incubator.audit.services import record
from incubator.errors import N_
from incubator.extensions import db
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
    """Change `application`'s status to `to` with an audit row (before → after), or refuse.

    The change is conditioned on the status it was read with (UPDATE … WHERE status = …, row count
    checked): of two concurrent moves from one status, one happens and the other is refused.
    """
    before = application.status
    if not can_move(application, to) or not changed(application, before, to):
        raise TransitionRefused(
            N_("An application that is %(status)s cannot become %(target)s."),
            status=application.status,
            target=to,
        )
    record(actor_id, f"application.{to}", application, before=before, after=to, **detail)


def changed(application: Application, before: str, to: str) -> bool:
    """Set the status from `before` to `to` in the database; False (status re-read) if it was not `before`."""
    if not inspect(application).persistent:  # not in the database yet: no other request can move it
        application.status = to
        return True
    statement = (
        update(Application)
        .where(Application.id == application.id, Application.status == before)
        .values(status=to)
        .execution_options(synchronize_session=False)
    )
    if db.session.execute(statement).rowcount != 1:
        db.session.refresh(application)  # what another request made of it
        return False
    set_committed_value(application, "status", to)
    return True
