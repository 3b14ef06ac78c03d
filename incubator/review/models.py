"""Programs with their rubric, applications, reviewer assignments, conflicts and reviews."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from incubator.accounts.models import User
from incubator.database import Base, IdMixin, TimestampMixin, one_of
from incubator.organizations.models import Organization
from incubator.startups.models import Startup

APPLICATION_STATUSES = (
    "draft",
    "submitted",
    "under_review",
    "accepted",
    "waitlisted",
    "rejected",
    "withdrawn",
)
RECOMMENDATIONS = ("accept", "waitlist", "reject")


class Program(IdMixin, TimestampMixin, Base):
    """An incubation call with an application window, its questions and a scoring rubric."""

    __tablename__ = "programs"

    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")  # Vietnamese
    description_en: Mapped[str] = mapped_column(Text, default="")
    opens_on: Mapped[date] = mapped_column(Date)
    closes_on: Mapped[date] = mapped_column(Date)  # the last local day applications are taken
    seats: Mapped[int] = mapped_column(Integer, default=10)
    required_reviews: Mapped[int] = mapped_column(Integer, default=2)
    # Questions and rubric in both languages, Vietnamese always written, English "" / [] when not:
    # [{"vi": "question", "en": "question"}, ...]
    questions: Mapped[list] = mapped_column(JSON, default=list)
    # [{"key", "weight", "label": {"vi", "en"}, "guide": {"vi": [five texts, for scores 1..5], "en": [...]}}]
    rubric: Mapped[list] = mapped_column(JSON, default=list)
    organization: Mapped[Organization] = relationship()

    def is_open(self, today: date) -> bool:
        """Whether applications are accepted on `today`."""
        return self.opens_on <= today <= self.closes_on

    def __repr__(self) -> str:
        return f"<Program {self.id} {self.name!r}>"


class Application(IdMixin, TimestampMixin, Base):
    """A startup's application to a program (one per startup and program)."""

    __tablename__ = "applications"
    __table_args__ = (
        UniqueConstraint("program_id", "startup_id"),
        one_of("status", APPLICATION_STATUSES),
    )

    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id"), index=True)
    startup_id: Mapped[int] = mapped_column(ForeignKey("startups.id"), index=True)
    submitted_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    pitch: Mapped[str] = mapped_column(Text, default="")
    answers: Mapped[list] = mapped_column(JSON, default=list)  # one answer per program question
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    decision_message: Mapped[str] = mapped_column(Text, default="")
    program: Mapped[Program] = relationship()
    startup: Mapped[Startup] = relationship()
    submitted_by: Mapped[User] = relationship()

    def __repr__(self) -> str:
        return f"<Application {self.id} program={self.program_id} startup={self.startup_id}>"


class ReviewerAssignment(IdMixin, TimestampMixin, Base):
    """A reviewer asked by staff to score one application."""

    __tablename__ = "reviewer_assignments"
    __table_args__ = (UniqueConstraint("application_id", "reviewer_id"),)

    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    application: Mapped[Application] = relationship()
    reviewer: Mapped[User] = relationship(foreign_keys=[reviewer_id])

    def __repr__(self) -> str:
        return f"<ReviewerAssignment application={self.application_id} reviewer={self.reviewer_id}>"


class ReviewConflict(IdMixin, TimestampMixin, Base):
    """A reviewer's declared conflict of interest with a startup: never assigned to it again."""

    __tablename__ = "review_conflicts"
    __table_args__ = (UniqueConstraint("reviewer_id", "startup_id"),)

    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    startup_id: Mapped[int] = mapped_column(ForeignKey("startups.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(Text, default="")

    def __repr__(self) -> str:
        return f"<ReviewConflict reviewer={self.reviewer_id} startup={self.startup_id}>"


class ApplicationReview(IdMixin, TimestampMixin, Base):
    """One reviewer's rubric scores (1–5 per criterion), comment and recommendation."""

    __tablename__ = "application_reviews"
    __table_args__ = (UniqueConstraint("application_id", "reviewer_id"),)

    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    scores: Mapped[dict] = mapped_column(JSON, default=dict)
    comment: Mapped[str] = mapped_column(Text, default="")
    recommendation: Mapped[str] = mapped_column(String(20), default="")
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)  # None while a draft
    reviewer: Mapped[User] = relationship()
    application: Mapped[Application] = relationship()

    def __repr__(self) -> str:
        return f"<ApplicationReview {self.id} application={self.application_id}>"
