"""Demo seeding of the incubation journey: programs, applications in every state, reviewers, reviews."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select

from incubator.audit.services import record
from incubator.database import utcnow
from incubator.demo import data
from incubator.extensions import db
from incubator.localtime import LOCAL_ZONE
from incubator.models import (
    Application,
    ApplicationReview,
    Notification,
    Program,
    ReviewConflict,
    ReviewerAssignment,
)
from incubator.review import notices

DECIDER = "staff@demo.test"


class ReviewSeeding:
    """The incubation part of DemoSeeder (needs its `ensure`, lookups and `days`)."""

    def moment(self, days: int, hour: int = 10) -> datetime:
        """A naive UTC moment `days` from the seeding day, at `hour` local time."""
        local = datetime.combine(self.days(days), time(hour), tzinfo=LOCAL_ZONE)
        return local.astimezone(UTC).replace(tzinfo=None)

    def seed_programs(self) -> None:
        """The open, closed and upcoming incubation programs, dated relative to today."""
        for spec in data.PROGRAMS:
            self.ensure(
                Program,
                {"name": spec["name"]},
                organization_id=self.organization(spec["organization"]).id,
                description=spec["description"],
                description_en=spec["description_en"],
                opens_on=self.days(spec["opens_in_days"]),
                closes_on=self.days(spec["closes_in_days"]),
                seats=spec["seats"],
                required_reviews=2,
                questions=spec["questions"],
                rubric=spec["rubric"],
            )

    def seed_applications(self) -> None:
        """Applications in every state, each with the audit rows of the path it went through."""
        for spec in data.APPLICATIONS:
            program = self.program(spec["program"])
            key = {"program_id": program.id, "startup_id": self.startup(spec["startup"]).id}
            before = self.created["Application"]
            decided = spec["path"][-1] in ("accepted", "waitlisted", "rejected")
            opened = (program.opens_on - self.today).days
            application = self.ensure(
                Application, key, submitted_by_id=self.user(spec["submitted_by"]).id,
                status=spec["path"][-1], pitch=spec["pitch"], answers=spec["answers"],
                submitted_at=self.moment(opened + 3) if len(spec["path"]) > 1 else None,
                decided_at=self.moment(opened + 70) if decided else None,
                decision_message=spec.get("decision_message", ""),
            )  # fmt: skip
            if self.created["Application"] > before:
                self.record_path(application, spec["path"])

    def record_path(self, application: Application, path: list[str]) -> None:
        """One audit row per status the application went through."""
        staff_steps = ("under_review", "accepted", "waitlisted", "rejected")
        previous = None
        for status in path:
            actor = self.user(DECIDER) if status in staff_steps else application.submitted_by
            record(actor.id, f"application.{status}", application, before=previous, after=status,
                   message=application.decision_message if status == path[-1] else "")  # fmt: skip
            previous = status

    def seed_assignments(self) -> None:
        """Who reviews what (each reviewer told in their inbox), and the declared conflicts of interest."""
        for program, startup, reviewer in data.ASSIGNMENTS:
            application = self.application(program, startup)
            key = {"application_id": application.id, "reviewer_id": self.user(reviewer).id}
            self.ensure(ReviewerAssignment, key, assigned_by_id=self.user(DECIDER).id)
            self.tell_reviewer(application, key["reviewer_id"])
        for reviewer, startup, reason in data.CONFLICTS:
            key = {"reviewer_id": self.user(reviewer).id, "startup_id": self.startup(startup).id}
            self.ensure(ReviewConflict, key, reason=reason)

    def tell_reviewer(self, application: Application, reviewer_id: int) -> None:
        """The "reviewer assigned" notification, once; read already when the application is decided.

        Written by the journey's own notice, in the reviewer's language, with no e-mail queued."""
        link = notices.review_link(application)
        sent = select(Notification.id).filter_by(user_id=reviewer_id, kind="reviewer_assigned", link=link)
        if db.session.scalar(sent) is not None:
            return
        notification = notices.reviewer_assigned(application, reviewer_id, email=False)
        if application.status != "under_review":
            notification.read_at = utcnow()
        db.session.flush()
        self.created["Notification"] += 1

    def seed_reviews(self) -> None:
        """Rubric scores, comments and recommendations; submitted ones count for the decision."""
        for spec in data.REVIEWS:
            application = self.application(spec["program"], spec["startup"])
            key = {"application_id": application.id, "reviewer_id": self.user(spec["reviewer"]).id}
            submitted_at = application.submitted_at + timedelta(days=5) if spec["submitted"] else None
            self.ensure(ApplicationReview, key, scores=spec["scores"], comment=spec["comment"],
                        recommendation=spec["recommendation"], submitted_at=submitted_at)  # fmt: skip
