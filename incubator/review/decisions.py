"""Staff decisions: accept, waitlist or reject with a message, once enough reviews are in."""

from __future__ import annotations

from sqlalchemy import func, select

from incubator.database import lock_for_writing, utcnow
from incubator.errors import N_
from incubator.extensions import db
from incubator.review import notices, states
from incubator.review.errors import NotEnoughReviews, SeatsFull
from incubator.review.models import Application, Program
from incubator.review.reviews import submitted_reviews


def accepted_count(program_id: int) -> int:
    """How many applications of the program were accepted."""
    query = select(func.count(Application.id)).filter_by(program_id=program_id, status="accepted")
    return db.session.scalar(query) or 0


def decide(
    application: Application, outcome: str, message: str, actor_id: int, confirm: bool = False
) -> None:
    """Record the decision `outcome` with its message, tell the founder, all in one transaction.

    Refused while fewer than the program's required reviews are submitted, and, for an acceptance
    beyond the program's seats, unless `confirm` is set.
    """
    lock_for_writing(db.session)  # the seats are counted by one decision of the program at a time
    db.session.execute(select(Program.id).where(Program.id == application.program_id).with_for_update())
    program = application.program
    done = len(submitted_reviews(application))
    if done < program.required_reviews:
        raise NotEnoughReviews(
            N_("A decision needs %(required)d submitted reviews; %(done)d so far."),
            required=program.required_reviews, done=done,
        )  # fmt: skip
    if outcome == "accepted" and not confirm and accepted_count(program.id) >= program.seats:
        raise SeatsFull(
            N_("All %(seats)d seats of %(program)s are taken. Confirm to accept beyond the seats."),
            seats=program.seats, program=program.name,
        )  # fmt: skip
    states.move(application, outcome, actor_id, message=message, over_seats=bool(confirm))
    application.decided_at = utcnow()
    application.decision_message = message
    notices.decision_made(application)
    db.session.commit()
