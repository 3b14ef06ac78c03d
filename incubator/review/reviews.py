"""Reviewer services: score an assigned application, and the scores each viewer may see."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from incubator.accounts.models import User
from incubator.audit.services import record
from incubator.database import utcnow
from incubator.errors import N_
from incubator.extensions import db
from incubator.review import scoring
from incubator.review.assignments import assignment, check_no_conflict
from incubator.review.errors import NotAssigned, ReviewRefused, TransitionRefused
from incubator.review.models import RECOMMENDATIONS, Application, ApplicationReview, ReviewerAssignment


@dataclass
class Scores:
    """What the application page shows of its reviews' arithmetic."""

    reviews: int
    criteria: dict[str, float | None]
    weighted: float | None
    spread: float | None
    normalised: float | None


def own_review(application: Application, reviewer_id: int) -> ApplicationReview | None:
    """`reviewer_id`'s review of `application` (draft or submitted), if any."""
    query = select(ApplicationReview).filter_by(application_id=application.id, reviewer_id=reviewer_id)
    return db.session.scalar(query)


def save_review(application: Application, reviewer: User, data: dict) -> ApplicationReview:
    """Save `reviewer`'s scores, comment and recommendation; submit them when data["submit"]."""
    if assignment(application, reviewer.id) is None:
        raise NotAssigned(N_("Only an assigned reviewer can score this application."))
    check_no_conflict(reviewer, application)
    if application.status != "under_review":
        raise TransitionRefused(N_("This application is not under review any more."))
    review = own_review(application, reviewer.id) or ApplicationReview(
        application_id=application.id, reviewer_id=reviewer.id
    )
    if review.submitted_at is not None:
        raise TransitionRefused(N_("Your review was already submitted."))
    review.scores = {c["key"]: int(data["scores"][c["key"]]) for c in application.program.rubric}
    review.comment, review.recommendation = data["comment"], data["recommendation"]
    db.session.add(review)
    if data.get("submit"):
        if review.recommendation not in RECOMMENDATIONS:
            db.session.rollback()
            raise ReviewRefused(N_("Choose a recommendation to submit the review."))
        review.submitted_at = utcnow()
        weighted = round(scoring.weighted_score(review.scores, application.program.rubric), 2)
        record(reviewer.id, "review.submitted", application, reviewer=reviewer.full_name,
               scores=review.scores, weighted=weighted, recommendation=review.recommendation)  # fmt: skip
    db.session.commit()
    return review


def submitted_reviews(application: Application) -> list[ApplicationReview]:
    """The submitted reviews of `application`, oldest first."""
    query = select(ApplicationReview).where(
        ApplicationReview.application_id == application.id, ApplicationReview.submitted_at.is_not(None)
    )
    return list(db.session.scalars(query.order_by(ApplicationReview.submitted_at, ApplicationReview.id)))


def programs_hiding_scores(viewer: User) -> set[int]:
    """The programs whose other reviews and scores `viewer` may not see yet: the one rule of hidden scores.

    A program is hidden from a reviewer assigned there to an application still under review that they have
    not submitted a review of, until all of them are submitted. Normalised scores mix every review of the
    program, so a peer's submission on one application moves the others': hiding one application would leak.
    """
    submitted = select(ApplicationReview.application_id).where(
        ApplicationReview.reviewer_id == viewer.id, ApplicationReview.submitted_at.is_not(None)
    )
    query = (
        select(Application.program_id)
        .join(ReviewerAssignment, ReviewerAssignment.application_id == Application.id)
        .where(
            ReviewerAssignment.reviewer_id == viewer.id,
            Application.status == "under_review",  # only then can a review still be submitted
            Application.id.not_in(submitted),
        )
    )
    return set(db.session.scalars(query.distinct()))


def peers_hidden(application: Application, viewer: User) -> bool:
    """Whether `viewer` may not see other reviewers' reviews and scores of `application` yet."""
    return application.program_id in programs_hiding_scores(viewer)


def visible_reviews(application: Application, viewer: User) -> list[ApplicationReview]:
    """The submitted reviews `viewer` may read: none of the others before their own is submitted."""
    if peers_hidden(application, viewer):
        return []
    return submitted_reviews(application)


def program_reviews(program_id: int) -> list[tuple[ApplicationReview, list]]:
    """Every submitted review of the program, with its program's rubric."""
    query = (
        select(ApplicationReview, Application)
        .join(Application, Application.id == ApplicationReview.application_id)
        .where(Application.program_id == program_id, ApplicationReview.submitted_at.is_not(None))
    )
    return [(review, app.program.rubric) for review, app in db.session.execute(query).all()]


def program_scores(program_id: int) -> dict[int, Scores]:
    """The scores of every reviewed application of a program, by application id."""
    rows = program_reviews(program_id)
    scored = [scoring.ScoredReview(r.reviewer_id, r.application_id, scoring.weighted_score(r.scores, rubric))
              for r, rubric in rows]  # fmt: skip
    normalised = scoring.normalised_scores(scored)
    result: dict[int, Scores] = {}
    for application_id in normalised:
        mine = [s.weighted for s in scored if s.application_id == application_id]
        reviews = [(r, rubric) for r, rubric in rows if r.application_id == application_id]
        rubric = reviews[0][1]
        result[application_id] = Scores(
            reviews=len(mine),
            criteria=scoring.criterion_averages([r.scores for r, _ in reviews], rubric),
            weighted=sum(mine) / len(mine),
            spread=scoring.spread(mine),
            normalised=normalised[application_id],
        )
    return result


def application_scores(application: Application) -> Scores:
    """The scores of one application (empty when it has no submitted review)."""
    empty = Scores(0, {c["key"]: None for c in application.program.rubric}, None, None, None)
    return program_scores(application.program_id).get(application.id, empty)


def visible_scores(application: Application, viewer: User) -> Scores | None:
    """The scores of `application` as `viewer` may see them: None while they are hidden (peers_hidden)."""
    return None if peers_hidden(application, viewer) else application_scores(application)


def assigned_to(reviewer: User) -> list[tuple[Application, ApplicationReview | None]]:
    """The applications `reviewer` is assigned to, with their own review when started."""
    query = (
        select(Application)
        .join(ReviewerAssignment, ReviewerAssignment.application_id == Application.id)
        .where(ReviewerAssignment.reviewer_id == reviewer.id)
        .order_by(Application.submitted_at.desc(), Application.id.desc())
    )
    return [(app, own_review(app, reviewer.id)) for app in db.session.scalars(query)]
