"""What each role sees first on its home page."""

from __future__ import annotations

from sqlalchemy import ScalarSelect, func, select

from incubator.accounts.models import User
from incubator.challenges import services as challenge_services
from incubator.challenges.models import Capability, Challenge
from incubator.challenges.visibility import visible_capabilities, visible_challenges
from incubator.extensions import db
from incubator.labs import bookings as booking_services
from incubator.labs import services as lab_services
from incubator.labs.models import Booking, Lab
from incubator.labs.visibility import visible_labs
from incubator.matching.models import MatchingRun, Suggestion
from incubator.mentors import mentorships
from incubator.mentors.models import MentorProfile
from incubator.notifications import services as notification_services
from incubator.organizations.models import ACTIVE, PENDING, Membership, Organization
from incubator.partnerships.models import Partnership
from incubator.review import programs
from incubator.review.applications import founder_applications, latest_steps
from incubator.review.models import Application, Program
from incubator.startups import services as startup_services
from incubator.startups.models import Startup


def open_programs() -> list[Program]:
    """Programs whose application window includes today (Asia/Ho_Chi_Minh)."""
    return programs.open_programs()


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
    data["unread"] = notification_services.current_unread_count(user.id)  # loaded with the user
    return counted(data)


def founder_overview(user: User) -> dict:
    startups = startup_services.first_startups(user)
    applications = founder_applications(user)
    return {"startups": startups, "applications": applications, "steps": latest_steps(applications),
            "programs": open_programs()}  # fmt: skip


def university_overview(user: User) -> dict:
    labs = lab_services.first_my_labs(user)
    capabilities = challenge_services.first_capabilities(user)
    lab_ids = select(Lab.id).where(lab_services.my_labs_clause(user))
    pending = count(Booking, Booking.lab_id.in_(lab_ids), Booking.status == "requested")
    waiting = booking_services.waiting_requests(user)
    return {
        "labs": labs,
        "capabilities": capabilities,
        "pending_bookings": pending,
        "waiting_bookings": waiting,
        "memberships": active_memberships(user),
    }


def enterprise_overview(user: User) -> dict:
    return {
        "challenges": challenge_services.first_challenges(user),
        "memberships": active_memberships(user),
    }


def active_memberships(user: User) -> ScalarSelect:
    """How many organizations `user` acts for (none: the page leads them to create or join one)."""
    return count(Membership, Membership.user_id == user.id, Membership.status == ACTIVE)


def mentor_overview(user: User) -> dict:
    profile = db.session.scalar(select(MentorProfile).where(MentorProfile.user_id == user.id))
    return {"profile": profile, "waiting_requests": mentorships.waiting_requests(user)}


def staff_overview(user: User) -> dict:
    return {
        "to_review": count(Application, Application.status.in_(("submitted", "under_review"))),
        "pending_suggestions": count(Suggestion, Suggestion.status == "pending"),
        "runs": count(MatchingRun),
        "to_verify": count(Organization, Organization.status == PENDING),
        "programs": open_programs(),
    }


def admin_overview(user: User) -> dict:
    return {"users": count(User), **ecosystem_figures(user)}


def ecosystem_figures(user: User | None = None) -> dict:
    """Headline counts of the ecosystem (the government dashboard's first row; public profiles only)."""
    figures = {
        "startups": count(Startup),
        "labs": count(Lab, visible_labs()),
        "challenges": count(Challenge, visible_challenges()),
        "capabilities": count(Capability, visible_capabilities()),
        "mentors": count(MentorProfile),
        "applications": count(Application),
        "partnerships": count(Partnership),
    }
    return {"figures": counted(figures)}
