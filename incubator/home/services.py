"""What each role sees first on its home page."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ScalarSelect, func, select
from sqlalchemy.orm import joinedload

from incubator.accounts.models import User
from incubator.challenges.models import Capability, Challenge
from incubator.extensions import db
from incubator.labs.models import Booking, Lab
from incubator.matching.models import MatchingRun, Suggestion
from incubator.mentors.models import MentorProfile
from incubator.notifications.models import Notification
from incubator.organizations.models import Membership
from incubator.review.models import Application, Program
from incubator.startups.models import Startup


def organization_ids(user: User) -> list[int]:
    """Ids of the organizations `user` belongs to."""
    return list(db.session.scalars(select(Membership.organization_id).where(Membership.user_id == user.id)))


def open_programs() -> list[Program]:
    """Programs whose application window includes today."""
    today = date.today()
    query = select(Program).where(Program.opens_on <= today, Program.closes_on >= today)
    return list(db.session.scalars(query.order_by(Program.closes_on)))


def count(model: type, *conditions: object) -> ScalarSelect:
    """Number of rows of `model` matching `conditions`, as a subquery that `counted` resolves."""
    return select(func.count()).select_from(model).where(*conditions).scalar_subquery()


def counted(data: dict) -> dict:
    """`data` with every `count(...)` in it replaced by its number, all in one query."""
    pending = {key: value for key, value in data.items() if isinstance(value, ScalarSelect)}
    if pending:
        row = db.session.execute(select(*(query.label(key) for key, query in pending.items()))).one()
        data = {**data, **{key: value or 0 for key, value in row._mapping.items()}}
    return data


def overview(user: User) -> dict:
    """The data for `user`'s home page, by role."""
    builders = {
        "founder": founder_overview,
        "university": university_overview,
        "enterprise": enterprise_overview,
        "mentor": mentor_overview,
        "staff": staff_overview,
        "government": ecosystem_figures,
        "admin": admin_overview,
    }
    data = builders[user.role](user)
    data["unread"] = count(Notification, Notification.user_id == user.id, Notification.read_at.is_(None))
    return counted(data)


def founder_overview(user: User) -> dict:
    startups = list(db.session.scalars(select(Startup).where(Startup.owner_id == user.id)))
    mine = select(Application).where(Application.submitted_by_id == user.id)
    # Each application's program and startup come in the same query, however many applications.
    mine = mine.options(joinedload(Application.program), joinedload(Application.startup))
    applications = list(db.session.scalars(mine))
    return {"startups": startups, "applications": applications, "programs": open_programs()}


def university_overview(user: User) -> dict:
    orgs = organization_ids(user)
    labs = list(db.session.scalars(select(Lab).where(Lab.organization_id.in_(orgs)).order_by(Lab.name)))
    capabilities = list(db.session.scalars(select(Capability).where(Capability.organization_id.in_(orgs))))
    pending = count(Booking, Booking.lab_id.in_([lab.id for lab in labs]), Booking.status == "requested")
    return {"labs": labs, "capabilities": capabilities, "pending_bookings": pending}


def enterprise_overview(user: User) -> dict:
    orgs = organization_ids(user)
    query = select(Challenge).where(Challenge.organization_id.in_(orgs)).order_by(Challenge.created_at.desc())
    return {"challenges": list(db.session.scalars(query))}


def mentor_overview(user: User) -> dict:
    profile = db.session.scalar(select(MentorProfile).where(MentorProfile.user_id == user.id))
    return {"profile": profile}


def staff_overview(user: User) -> dict:
    return {
        "to_review": count(Application, Application.status.in_(("submitted", "under_review"))),
        "pending_suggestions": count(Suggestion, Suggestion.status == "pending"),
        "runs": count(MatchingRun),
        "programs": open_programs(),
    }


def admin_overview(user: User) -> dict:
    return {"users": count(User), **ecosystem_figures(user)}


def ecosystem_figures(user: User | None = None) -> dict:
    """Headline counts of the ecosystem (the government dashboard's first row)."""
    figures = {
        "startups": count(Startup),
        "labs": count(Lab),
        "challenges": count(Challenge),
        "capabilities": count(Capability),
        "mentors": count(MentorProfile),
        "applications": count(Application),
    }
    return {"figures": counted(figures)}
