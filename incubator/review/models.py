"""Program, Application and ApplicationReview models."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from incubator.accounts.models import User
from incubator.database import Base, IdMixin, TimestampMixin, one_of
from incubator.organizations.models import Organization
from incubator.startups.models import Startup

APPLICATION_STATUSES = ("submitted", "under_review", "accepted", "waitlisted", "rejected")


class Program(IdMixin, TimestampMixin, Base):
    """An incubation call with an application window and a scoring rubric."""

    __tablename__ = "programs"

    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    opens_on: Mapped[date] = mapped_column(Date)
    closes_on: Mapped[date] = mapped_column(Date)
    seats: Mapped[int] = mapped_column(Integer, default=10)
    rubric: Mapped[list] = mapped_column(JSON, default=list)  # [{"key", "label"}], scored 1–5
    organization: Mapped[Organization] = relationship()

    def is_open(self, today: date) -> bool:
        """Whether applications are accepted on `today`."""
        return self.opens_on <= today <= self.closes_on

    def __repr__(self) -> str:
        return f"<Program {self.id} {self.name!r}>"


class Application(IdMixin, TimestampMixin, Base):
    """A startup's application to a program."""

    __tablename__ = "applications"
    __table_args__ = (
        UniqueConstraint("program_id", "startup_id"),
        one_of("status", APPLICATION_STATUSES),
    )

    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id"), index=True)
    startup_id: Mapped[int] = mapped_column(ForeignKey("startups.id"), index=True)
    submitted_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    pitch: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="submitted", index=True)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    program: Mapped[Program] = relationship()
    startup: Mapped[Startup] = relationship()

    def __repr__(self) -> str:
        return f"<Application {self.id} program={self.program_id} startup={self.startup_id}>"


class ApplicationReview(IdMixin, TimestampMixin, Base):
    """One reviewer's rubric scores (1–5 per criterion) and comment on an application."""

    __tablename__ = "application_reviews"
    __table_args__ = (UniqueConstraint("application_id", "reviewer_id"),)

    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    scores: Mapped[dict] = mapped_column(JSON, default=dict)
    comment: Mapped[str] = mapped_column(Text, default="")
    reviewer: Mapped[User] = relationship()

    def __repr__(self) -> str:
        return f"<ApplicationReview {self.id} application={self.application_id}>"
