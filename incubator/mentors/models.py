"""MentorProfile, Mentorship and MentorSession models."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from incubator.accounts.models import User
from incubator.database import Base, IdMixin, TimestampMixin, one_of
from incubator.startups.models import Startup

MENTORSHIP_STATUSES = ("requested", "active", "declined", "completed", "cancelled")


class MentorProfile(IdMixin, TimestampMixin, Base):
    """A mentor's expertise, sectors, languages, monthly capacity and mentees at once."""

    __tablename__ = "mentor_profiles"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    headline: Mapped[str] = mapped_column(String(200), default="")
    expertise: Mapped[str] = mapped_column(Text, default="")
    sectors: Mapped[str] = mapped_column(String(255), default="")
    languages: Mapped[str] = mapped_column(String(80), default="vi,en")
    capacity_per_month: Mapped[int] = mapped_column(Integer, default=2)
    max_mentees: Mapped[int] = mapped_column(Integer, default=3)
    available: Mapped[bool] = mapped_column(Boolean, default=True)
    user: Mapped[User] = relationship()

    def __repr__(self) -> str:
        return f"<MentorProfile {self.id} user={self.user_id}>"


class Mentorship(IdMixin, TimestampMixin, Base):
    """A founder's request for a mentor for one startup, then the mentoring itself."""

    __tablename__ = "mentorships"
    __table_args__ = (one_of("status", MENTORSHIP_STATUSES),)

    mentor_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    founder_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    startup_id: Mapped[int] = mapped_column(ForeignKey("startups.id", ondelete="CASCADE"), index=True)
    message: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="requested", index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime)
    mentor: Mapped[User] = relationship(foreign_keys=[mentor_id])
    founder: Mapped[User] = relationship(foreign_keys=[founder_id])
    startup: Mapped[Startup] = relationship()
    sessions: Mapped[list[MentorSession]] = relationship(
        order_by="MentorSession.held_on.desc()", cascade="all, delete-orphan", back_populates="mentorship"
    )

    def __repr__(self) -> str:
        return f"<Mentorship {self.id} mentor={self.mentor_id} startup={self.startup_id} {self.status}>"


class MentorSession(IdMixin, TimestampMixin, Base):
    """One mentoring session: shared notes for both sides, private notes for the mentor only."""

    __tablename__ = "mentor_sessions"
    __table_args__ = (CheckConstraint("duration_minutes > 0", name="duration_positive"),)

    mentorship_id: Mapped[int] = mapped_column(ForeignKey("mentorships.id", ondelete="CASCADE"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    duration_minutes: Mapped[int] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")
    private_notes: Mapped[str] = mapped_column(Text, default="")
    mentorship: Mapped[Mentorship] = relationship(back_populates="sessions")

    def __repr__(self) -> str:
        return f"<MentorSession {self.id} mentorship={self.mentorship_id} {self.held_on}>"
