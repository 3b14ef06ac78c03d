"""Founder services: apply with a startup, keep a draft, submit before the deadline, withdraw."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager, joinedload

from incubator.accounts.models import User
from incubator.audit.models import AuditEvent
from incubator.audit.services import record
from incubator.database import utcnow
from incubator.errors import N_
from incubator.extensions import db
from incubator.localtime import today_local
from incubator.review import notices, states
from incubator.review.errors import ApplicationClosed, DuplicateApplication, ReviewRefused
from incubator.review.models import Application, Program
from incubator.review.programs import deadline
from incubator.startups.models import Startup

DUPLICATE = N_("%(startup)s has already applied to %(program)s.")


def founder_applications(user: User) -> list[Application]:
    """The applications of `user`'s startups, newest first."""
    query = (
        select(Application)
        .join(Startup, Startup.id == Application.startup_id)
        .where(Startup.owner_id == user.id)
        .order_by(Application.created_at.desc(), Application.id.desc())
        .options(joinedload(Application.program), contains_eager(Application.startup))  # no query per row
    )
    return list(db.session.scalars(query))


def check_open(program: Program) -> None:
    """Refuse unless `program` takes applications now (its window, in Asia/Ho_Chi_Minh)."""
    closes = deadline(program)
    if utcnow() > closes:
        raise ApplicationClosed(
            N_("Applications to %(program)s closed on %(deadline)s (Vietnam time)."),
            program=program.name,
            deadline=closes,
        )
    if today_local() < program.opens_on:
        raise ApplicationClosed(N_("Applications to %(program)s are not open yet."), program=program.name)


def start_application(founder: User, program: Program, startup: Startup, data: dict) -> Application:
    """Create a draft application of `startup` to `program` (submitted too when data["submit"])."""
    check_open(program)
    taken = select(Application.id).filter_by(program_id=program.id, startup_id=startup.id)
    if db.session.scalar(taken):
        raise DuplicateApplication(DUPLICATE, startup=startup.name, program=program.name)
    application = Application(
        program=program, startup=startup, submitted_by_id=founder.id, status="draft",
        pitch=data["pitch"], answers=data["answers"],
    )  # fmt: skip
    db.session.add(application)
    try:
        db.session.flush()
    except IntegrityError:  # a concurrent request created it first: the unique constraint decides
        db.session.rollback()
        raise DuplicateApplication(DUPLICATE, startup=startup.name, program=program.name) from None
    record(founder.id, "application.draft", application, before=None, after="draft")
    return _save(application, founder, data)


def update_draft(application: Application, founder: User, data: dict) -> Application:
    """Save a draft's pitch and answers (and submit it when data["submit"])."""
    if application.status != "draft":
        states.move(application, "draft", founder.id)  # refused with a message
    application.pitch, application.answers = data["pitch"], data["answers"]
    return _save(application, founder, data)


def _save(application: Application, founder: User, data: dict) -> Application:
    """Submit when asked, then commit."""
    if data.get("submit"):
        submit(application, founder)
    db.session.commit()
    return application


def submit(application: Application, founder: User) -> None:
    """Move a draft to submitted before the deadline, every question answered, and tell the founder it was
    received."""
    check_open(application.program)
    answers = [*(application.answers or []), *[""] * len(application.program.questions)]
    if any(not answers[i].strip() for i in range(len(application.program.questions))):
        db.session.rollback()
        raise ReviewRefused(N_("Answer every question of the program to submit the application."))
    states.move(application, "submitted", founder.id)
    application.submitted_at = utcnow()
    notices.application_received(application)


def withdraw(application: Application, founder: User) -> None:
    """Withdraw an application that is not decided yet."""
    states.move(application, "withdrawn", founder.id)
    db.session.commit()


def history(application: Application) -> list[AuditEvent]:
    """The audit rows of `application`, oldest first."""
    query = select(AuditEvent).where(
        AuditEvent.object_type == "Application", AuditEvent.object_id == application.id
    )
    return list(db.session.scalars(query.order_by(AuditEvent.created_at, AuditEvent.id)))


def status_history(application: Application) -> list[AuditEvent]:
    """Only the status changes of `application` (what the founder sees)."""
    return [event for event in history(application) if event.action.startswith("application.")]


def history_with_actors(application: Application) -> list[tuple[AuditEvent, str]]:
    """The audit rows of `application`, oldest first, each with the name of who did it ("" if nobody)."""
    query = (
        select(AuditEvent, User.full_name)
        .outerjoin(User, User.id == AuditEvent.actor_id)
        .where(AuditEvent.object_type == "Application", AuditEvent.object_id == application.id)
    )
    rows = db.session.execute(query.order_by(AuditEvent.created_at, AuditEvent.id))
    return [(event, name or "") for event, name in rows]


def latest_steps(applications: list[Application], limit: int = 3) -> dict[int, list[AuditEvent]]:
    """The last `limit` status changes of each of `applications`, newest first, in one query."""
    steps: dict[int, list[AuditEvent]] = {application.id: [] for application in applications}
    if not steps:
        return steps
    query = select(AuditEvent).where(
        AuditEvent.object_type == "Application",
        AuditEvent.object_id.in_(steps),
        AuditEvent.action.startswith("application."),
    )
    for event in db.session.scalars(query.order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())):
        if len(steps[event.object_id]) < limit:
            steps[event.object_id].append(event)
    return steps
