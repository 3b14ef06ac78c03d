"""Load the demo data: missing rows only (looked up by natural key), refused in production."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import select

from incubator.database import utcnow
from incubator.demo import data
from incubator.demo.booking_seeds import BookingSeeds
from incubator.demo.partnerships import seed_partnerships
from incubator.demo.review_seed import ReviewSeeding
from incubator.errors import DomainError
from incubator.extensions import db
from incubator.glossary.candidates import mine_candidates
from incubator.localtime import today_local
from incubator.matching import decisions, services
from incubator.matching.models import MatchingRun
from incubator.models import (
    Application,
    ApplicationReview,
    Booking,
    Capability,
    Challenge,
    ClosedDate,
    Lab,
    Membership,
    MentorProfile,
    MentorSession,
    Mentorship,
    Notification,
    OpeningHours,
    Organization,
    Partnership,
    PartnershipOutcome,
    Program,
    ReviewConflict,
    ReviewerAssignment,
    Startup,
    Suggestion,
    Training,
    User,
)
from incubator.organizations.services import set_managed_labs
from incubator.partnerships.models import Introduction

SEEDED_MODELS = (
    User,
    Organization,
    Membership,
    Lab,
    Capability,
    MentorProfile,
    Startup,
    Program,
    Application,
    ReviewerAssignment,
    ReviewConflict,
    ApplicationReview,
    Challenge,
    Notification,
    OpeningHours,
    ClosedDate,
    Training,
    Booking,
    Mentorship,
    MentorSession,
    Suggestion,
    Introduction,
    Partnership,
    PartnershipOutcome,
)


def seed_demo() -> dict[str, int]:
    """Create the missing demo rows, commit once, and return how many of each model were created."""
    if current_app.config.get("INCUBATOR_ENV") == "production":
        raise DomainError("Demo data is never seeded in production.")
    seeder = DemoSeeder(today_local())
    try:
        seeder.run()
    except Exception:
        db.session.rollback()
        raise
    db.session.commit()
    return {model.__name__: seeder.created[model.__name__] for model in SEEDED_MODELS}


def seed_demo_run() -> dict[str, int]:
    """One finished matching run, ranked in this process with no broker, with a few staff decisions.

    Skipped once any run exists, so seeding stays idempotent and never overrides staff's own runs."""
    if current_app.config.get("INCUBATOR_ENV") == "production":
        raise DomainError("Demo data is never seeded in production.")
    if db.session.scalar(select(MatchingRun.id).limit(1)) is not None:
        return {"MatchingRun": 0, "Suggestion": 0, "Decision": 0}
    staff = db.session.scalar(select(User.id).filter_by(email=data.DEMO_STAFF))
    run = services.run_in_process(staff)
    pending = select(Suggestion.id).where(Suggestion.run_id == run.id, Suggestion.status == "pending")
    ranked = list(db.session.scalars(pending.order_by(Suggestion.score.desc(), Suggestion.id)))
    # The two best pairs approved and the weakest rejected; the rest wait for a decision.
    choices = (
        [(ranked[0], "approved", ""), (ranked[1], "approved", ""), (ranked[-1], "rejected", "not_relevant")]
        if len(ranked) > 3
        else []
    )
    for suggestion_id, decision, reason in choices:
        decisions.decide_suggestion(suggestion_id, decision, staff, reason=reason)
    return {"MatchingRun": 1, "Suggestion": run.counts.get("suggestions", 0), "Decision": len(choices)}


def seed_demo_candidates() -> dict[str, int]:
    """The glossary pairs the demo's bilingual profiles suggest, as the beat's scan would find them
    ("nhận dạng chữ (OCR)"); a pair stored already, or decided, is not added again."""
    if current_app.config.get("INCUBATOR_ENV") == "production":
        raise DomainError("Demo data is never seeded in production.")
    return {"GlossaryCandidate": mine_candidates(db.session)["added"]}


def nfc(value: object) -> object:
    """`value` with every string in it normalised to Unicode NFC."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [nfc(item) for item in value]
    if isinstance(value, dict):
        return {key: nfc(item) for key, item in value.items()}
    return value


class DemoSeeder(ReviewSeeding, BookingSeeds):
    """Creates each demo record unless a row with its natural key exists, counting creations."""

    def __init__(self, today: date) -> None:
        self.today = today
        self.created: Counter[str] = Counter()

    def run(self) -> None:
        """Seed every kind of record, parents before children."""
        self.seed_users()
        self.seed_organizations()
        self.seed_memberships()
        self.seed_labs()
        self.seed_lab_managers()
        self.seed_capabilities()
        self.seed_mentors()
        self.seed_startups()
        self.seed_programs()
        self.seed_applications()
        self.seed_assignments()
        self.seed_reviews()
        self.seed_challenges()
        self.seed_notifications()
        self.seed_lab_rules()
        self.seed_bookings()
        self.seed_mentorships()
        seed_partnerships(self)

    def ensure(self, model: type, key: dict, setup: Callable | None = None, **fields: object) -> object:
        """The `model` row matching `key`; when missing, create it with `fields` (and `setup`)."""
        key = nfc(key)
        row = db.session.scalar(select(model).filter_by(**key))
        if row is None:
            row = model(**key, **nfc(fields))
            if setup is not None:
                setup(row)
            db.session.add(row)
            db.session.flush()
            self.created[model.__name__] += 1
        return row

    # Lookups of records seeded earlier in the run (or by an earlier run).

    def user(self, email: str) -> User:
        """The user with `email`."""
        return db.session.scalar(select(User).filter_by(email=email))

    def organization(self, name: str) -> Organization:
        """The organization called `name`."""
        return db.session.scalar(select(Organization).filter_by(name=nfc(name)))

    def startup(self, name: str) -> Startup:
        """The startup called `name`."""
        return db.session.scalar(select(Startup).filter_by(name=nfc(name)))

    def program(self, name: str) -> Program:
        """The program called `name`."""
        return db.session.scalar(select(Program).filter_by(name=nfc(name)))

    def application(self, program: str, startup: str) -> Application:
        """The application of startup `startup` to program `program`."""
        query = select(Application).filter_by(
            program_id=self.program(program).id, startup_id=self.startup(startup).id
        )
        return db.session.scalar(query)

    def labs(self, organization_id: int, names: list[str]) -> list[Lab]:
        """The labs of an organization called `names`."""
        query = select(Lab).where(Lab.organization_id == organization_id, Lab.name.in_(names))
        return list(db.session.scalars(query))

    def days(self, offset: int) -> date:
        """The date `offset` days from the seeding day."""
        return self.today + timedelta(days=offset)

    # One method per kind of record.

    def seed_users(self) -> None:
        """One account per role plus the extra founders, mentors, lab managers and enterprise reps."""
        for email, full_name, role, language in data.USERS:
            self.ensure(
                User,
                {"email": email},
                setup=lambda user: user.set_password(data.DEMO_PASSWORD),
                full_name=full_name,
                role=role,
                language=language,
                email_verified_at=utcnow(),
            )

    def seed_organizations(self) -> None:
        """Incubators, universities, enterprises and the provincial department."""
        for spec in data.ORGANIZATIONS:
            fields = {key: value for key, value in spec.items() if key != "name"}
            self.ensure(Organization, {"name": spec["name"]}, **fields)

    def seed_memberships(self) -> None:
        """Who belongs to which organization, with their title and role there."""
        for email, organization, title, role, is_contact in data.MEMBERSHIPS:
            key = {"user_id": self.user(email).id, "organization_id": self.organization(organization).id}
            self.ensure(Membership, key, title=title, role=role, is_contact=is_contact)

    def seed_lab_managers(self) -> None:
        """The named labs of the lab managers who manage only some of their organization's labs."""
        for email, lab_names in data.LAB_MANAGERS:
            membership = db.session.scalar(
                select(Membership).where(Membership.user_id == self.user(email).id)
            )
            lab_ids = [lab.id for lab in self.labs(membership.organization_id, lab_names)]
            set_managed_labs(membership, lab_ids)

    def seed_labs(self) -> None:
        """The universities' FabLabs, TechLabs, Lab 4.0, workshop and testing labs."""
        for spec in data.LABS:
            fields = {key: value for key, value in spec.items() if key not in ("organization", "manager")}
            key = {"name": fields.pop("name"), "organization_id": self.organization(spec["organization"]).id}
            self.ensure(Lab, key, manager_id=self.user(spec["manager"]).id, **fields)

    def seed_capabilities(self) -> None:
        """The universities' research capabilities."""
        for spec in data.CAPABILITIES:
            details = dict(data.CAPABILITY_DETAILS.get(spec["title"], {}))
            organization = self.organization(spec["organization"])
            lab_names = details.pop("labs", [])
            self.ensure(
                Capability,
                {"title": spec["title"]},
                setup=lambda row, o=organization, n=lab_names: setattr(row, "labs", self.labs(o.id, n)),
                organization_id=organization.id,
                owner_id=self.user(spec["owner"]).id,
                description=spec["description"],
                keywords=spec["keywords"],
                **details,
            )

    def seed_mentors(self) -> None:
        """A mentor profile for each mentor account."""
        for spec in data.MENTORS:
            fields = {key: value for key, value in spec.items() if key != "user"}
            self.ensure(MentorProfile, {"user_id": self.user(spec["user"]).id}, **fields)

    def seed_startups(self) -> None:
        """The founders' startups."""
        for spec in data.STARTUPS:
            fields = {key: value for key, value in spec.items() if key not in ("name", "owner")}
            self.ensure(Startup, {"name": spec["name"]}, owner_id=self.user(spec["owner"]).id, **fields)

    def seed_challenges(self) -> None:
        """Technology challenges posted by enterprises."""
        for spec in data.CHALLENGES:
            self.ensure(
                Challenge,
                {"title": spec["title"]},
                organization_id=self.organization(spec["organization"]).id,
                author_id=self.user(spec["author"]).id,
                description=spec["description"],
                sector=spec["sector"],
                status=spec.get("status", "open"),
                deadline=self.days(spec["deadline_in_days"]),
                **data.CHALLENGE_DETAILS.get(spec["title"], {}),
            )

    def seed_notifications(self) -> None:
        """Welcome notifications for the demo founder (one kept as a message id, read in each language)."""
        for spec in data.NOTIFICATIONS:
            key = {"user_id": self.user(spec["user"]).id, "kind": spec["kind"]}
            fields = {"message_id": spec.get("message_id"), "params": spec.get("params")}
            self.ensure(Notification, key, message=spec["message"], link=spec["link"], **fields)
