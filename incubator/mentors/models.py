"""MentorProfile, Mentorship, MentorSession, MentorMeeting and ContactCard models."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import Boolean, CheckConstraint, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from incubator.accounts.models import User
from incubator.database import Base, IdMixin, TimestampMixin, one_of
from incubator.startups.models import Startup

MENTORSHIP_STATUSES = ("requested", "active", "declined", "completed", "cancelled")
MEETING_STATUSES = ("proposed", "accepted", "declined", "replaced", "cancelled")


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


class MentorMeeting(IdMixin, TimestampMixin, Base):
    """A meeting time one side of a mentorship proposes and the other accepts, declines or replaces;
    either side may cancel an accepted meeting before it starts."""

    __tablename__ = "mentor_meetings"
    __table_args__ = (
        one_of("status", MEETING_STATUSES),
        CheckConstraint("duration_minutes > 0", name="meeting_duration_positive"),
    )

    mentorship_id: Mapped[int] = mapped_column(ForeignKey("mentorships.id", ondelete="CASCADE"), index=True)
    proposed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    starts_at: Mapped[datetime] = mapped_column(DateTime)  # naive UTC, like every stored moment
    duration_minutes: Mapped[int] = mapped_column(Integer)
    place: Mapped[str] = mapped_column(String(500))  # an address or a video link
    note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="proposed", index=True)
    answered_at: Mapped[datetime | None] = mapped_column(DateTime)
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("mentor_sessions.id", ondelete="SET NULL"), unique=True
    )
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime)
    cancelled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    cancel_message: Mapped[str] = mapped_column(Text, default="")  # the canceller's optional word
    mentorship: Mapped[Mentorship] = relationship()
    proposed_by: Mapped[User] = relationship(foreign_keys=[proposed_by_id])
    cancelled_by: Mapped[User | None] = relationship(foreign_keys=[cancelled_by_id])

    @property
    def ends_at(self) -> datetime:
        """When the meeting ends (UTC, naive)."""
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    def __repr__(self) -> str:
        return f"<MentorMeeting {self.id} mentorship={self.mentorship_id} {self.starts_at} {self.status}>"


class ContactCard(IdMixin, TimestampMixin, Base):
    """How a user may be reached, shown only to the other side of their accepted mentorships."""

    __tablename__ = "contact_cards"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    share_email: Mapped[bool] = mapped_column(Boolean, default=True)
    phone: Mapped[str] = mapped_column(String(40), default="")
    zalo: Mapped[str] = mapped_column(String(80), default="")
    other: Mapped[str] = mapped_column(String(300), default="")

    def __repr__(self) -> str:
        return f"<ContactCard {self.id} user={self.user_id}>"
