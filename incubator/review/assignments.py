"""Reviewer assignment: two or more per application, balanced load, conflicts of interest refused."""

from __future__ import annotations

from sqlalchemy import func, select

from incubator.accounts.models import User
from incubator.audit.services import record
from incubator.database import lock_for_writing
from incubator.errors import N_
from incubator.extensions import db
from incubator.organizations.models import Membership
from incubator.permissions import STAFF_ROLES
from incubator.review import notices, states
from incubator.review.errors import ConflictOfInterest, NotAssigned, TransitionRefused
from incubator.review.models import Application, ApplicationReview, ReviewConflict, ReviewerAssignment

SHARED_ORGANIZATION = N_("%(reviewer)s belongs to an organization of %(startup)s and cannot review it.")
DECLARED = N_("%(reviewer)s declared a conflict of interest with %(startup)s.")


def reviewers() -> list[User]:
    """Everyone who may review: active staff and admins, by name."""
    query = select(User).where(User.role.in_(STAFF_ROLES), User.active.is_(True))
    return list(db.session.scalars(query.order_by(User.full_name, User.id)))


def conflict_reason(reviewer: User, application: Application) -> str | None:
    """Why `reviewer` may not review `application` (a message to translate), or None."""
    declared = select(ReviewConflict.id).filter_by(reviewer_id=reviewer.id, startup_id=application.startup_id)
    if db.session.scalar(declared):
        return DECLARED
    founders = {application.startup.owner_id, application.submitted_by_id}
    theirs = select(Membership.organization_id).where(Membership.user_id.in_(founders))
    shared = select(Membership.id).where(
        Membership.user_id == reviewer.id, Membership.organization_id.in_(theirs)
    )
    if reviewer.id in founders or db.session.scalar(shared.limit(1)):
        return SHARED_ORGANIZATION
    return None


def check_no_conflict(reviewer: User, application: Application) -> None:
    """Refuse with the reason when `reviewer` has a conflict of interest on `application`."""
    reason = conflict_reason(reviewer, application)
    if reason:
        raise ConflictOfInterest(reason, reviewer=reviewer.full_name, startup=application.startup.name)


def assignment(application: Application, reviewer_id: int) -> ReviewerAssignment | None:
    """The assignment of `reviewer_id` to `application`, if any."""
    query = select(ReviewerAssignment).filter_by(application_id=application.id, reviewer_id=reviewer_id)
    return db.session.scalar(query)


def assigned_reviewers(application: Application) -> list[User]:
    """The reviewers assigned to `application`, by name."""
    query = (
        select(User)
        .join(ReviewerAssignment, ReviewerAssignment.reviewer_id == User.id)
        .where(ReviewerAssignment.application_id == application.id)
    )
    return list(db.session.scalars(query.order_by(User.full_name, User.id)))


def _assign(application: Application, reviewer: User, actor_id: int) -> ReviewerAssignment:
    """Add one assignment (checked) with its audit row and the reviewer's notification."""
    if application.status not in states.IN_REVIEW:
        raise TransitionRefused(N_("Only submitted applications can get reviewers."))
    check_no_conflict(reviewer, application)
    if assignment(application, reviewer.id):
        raise TransitionRefused(N_("%(reviewer)s is already assigned."), reviewer=reviewer.full_name)
    if application.status == "submitted":
        states.move(application, "under_review", actor_id)
    row = ReviewerAssignment(application_id=application.id, reviewer_id=reviewer.id, assigned_by_id=actor_id)
    db.session.add(row)
    record(actor_id, "review.assigned", application, reviewer_id=reviewer.id, reviewer=reviewer.full_name)
    notices.reviewer_assigned(application, reviewer.id)
    return row


def assign_reviewers(application: Application, chosen: list[User], actor_id: int) -> int:
    """Assign each of `chosen` to `application` in one transaction; return how many.

    The application's row is locked first, so two managers assigning at once see each other's work;
    assigning nobody is refused (never reported as success).
    """
    if not chosen:
        raise TransitionRefused(N_("Tick at least one reviewer to assign."))
    lock_for_writing(db.session)
    db.session.refresh(application, with_for_update=True)
    try:
        for reviewer in chosen:
            _assign(application, reviewer, actor_id)
    except Exception:
        db.session.rollback()
        raise
    db.session.commit()
    return len(chosen)


def load(program_id: int) -> dict[int, int]:
    """How many applications of the program each reviewer is assigned to."""
    query = (
        select(ReviewerAssignment.reviewer_id, func.count())
        .join(Application, Application.id == ReviewerAssignment.application_id)
        .where(Application.program_id == program_id)
        .group_by(ReviewerAssignment.reviewer_id)
    )
    return dict(db.session.execute(query).all())


def assign_automatically(application: Application, pool: list[User], actor_id: int) -> int:
    """Fill `application` up to the program's required reviews from `pool`, least loaded first."""
    current = {user.id for user in assigned_reviewers(application)}
    missing = application.program.required_reviews - len(current)
    if missing <= 0:
        raise TransitionRefused(
            N_("This application already has the %(num)d reviewers its program requires."),
            num=application.program.required_reviews,
        )
    counts = load(application.program_id)
    candidates = [r for r in pool if r.id not in current and conflict_reason(r, application) is None]
    candidates.sort(key=lambda reviewer: (counts.get(reviewer.id, 0), reviewer.id))
    if missing > len(candidates):
        raise TransitionRefused(
            N_("Not enough reviewers without a conflict: %(needed)d needed, %(available)d available."),
            needed=missing, available=len(candidates),
        )  # fmt: skip
    return assign_reviewers(application, candidates[: max(missing, 0)], actor_id)


def declare_conflict(application: Application, reviewer: User, reason: str) -> None:
    """Record `reviewer`'s conflict with the startup and free the assignment for someone else."""
    row = assignment(application, reviewer.id)
    if row is None:
        raise NotAssigned(N_("You are not assigned to this application."))
    review = db.session.scalar(select(ApplicationReview).filter_by(application_id=application.id,
                                                                   reviewer_id=reviewer.id))  # fmt: skip
    if review is not None and review.submitted_at is not None:
        raise TransitionRefused(N_("Your review was already submitted."))
    if review is not None:
        db.session.delete(review)
    db.session.delete(row)
    db.session.add(ReviewConflict(reviewer_id=reviewer.id, startup_id=application.startup_id, reason=reason))
    record(reviewer.id, "review.conflict_declared", application, reviewer=reviewer.full_name, reason=reason)
    db.session.commit()
