"""Introduction, Partnership and PartnershipOutcome models."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from incubator.database import Base, IdMixin, TimestampMixin, one_of
from incubator.matching.models import Suggestion

RESPONSES = ("pending", "accepted", "declined")
SIDES = ("source", "target")
PARTNERSHIP_STATUSES = ("proposed", "active", "completed", "ended")
OUTCOME_KINDS = ("mou", "joint_project", "pilot", "contract", "patent")


class Introduction(IdMixin, TimestampMixin, Base):
    """Staff introducing the two parties of an approved suggestion; each side answers."""

    __tablename__ = "introductions"
    __table_args__ = (
        one_of("source_response", RESPONSES),
        one_of("target_response", RESPONSES),
    )

    suggestion_id: Mapped[int] = mapped_column(ForeignKey("suggestions.id"), unique=True)
    introduced_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    message: Mapped[str] = mapped_column(Text, default="")  # the staff note
    source_response: Mapped[str] = mapped_column(String(20), default="pending")
    target_response: Mapped[str] = mapped_column(String(20), default="pending")
    source_reason: Mapped[str] = mapped_column(Text, default="")
    target_reason: Mapped[str] = mapped_column(Text, default="")
    source_answered_at: Mapped[datetime | None] = mapped_column(DateTime)
    target_answered_at: Mapped[datetime | None] = mapped_column(DateTime)
    revealed_at: Mapped[datetime | None] = mapped_column(DateTime)  # both accepted: contacts shown
    last_reminded_at: Mapped[datetime | None] = mapped_column(DateTime)
    suggestion: Mapped[Suggestion] = relationship()

    @property
    def status(self) -> str:
        """pending, accepted (by both) or declined (by either)."""
        responses = {self.source_response, self.target_response}
        if "declined" in responses:
            return "declined"
        return "accepted" if responses == {"accepted"} else "pending"

    def response(self, side: str) -> str:
        """The answer of `side` ("source" or "target")."""
        return getattr(self, f"{side}_response")

    def __repr__(self) -> str:
        return f"<Introduction {self.id} suggestion={self.suggestion_id} {self.status}>"


class Partnership(IdMixin, TimestampMixin, Base):
    """An introduction both sides accepted, become a partnership between its two parties."""

    __tablename__ = "partnerships"
    __table_args__ = (one_of("status", PARTNERSHIP_STATUSES),)

    introduction_id: Mapped[int] = mapped_column(ForeignKey("introductions.id"), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default="proposed", index=True)
    source_type: Mapped[str] = mapped_column(String(20))
    source_id: Mapped[int] = mapped_column(Integer)
    target_type: Mapped[str] = mapped_column(String(20))
    target_id: Mapped[int] = mapped_column(Integer)
    source_organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"), index=True)
    target_organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"), index=True)
    started_on: Mapped[date | None] = mapped_column(Date)
    completed_on: Mapped[date | None] = mapped_column(Date)  # completed or ended
    introduction: Mapped[Introduction] = relationship()
    outcomes: Mapped[list[PartnershipOutcome]] = relationship(
        back_populates="partnership", order_by="PartnershipOutcome.happened_on"
    )

    def __repr__(self) -> str:
        return f"<Partnership {self.id} {self.title!r} {self.status}>"


class PartnershipOutcome(IdMixin, TimestampMixin, Base):
    """Something a partnership achieved: an MoU, a joint project, a pilot, a contract, a patent."""

    __tablename__ = "partnership_outcomes"
    __table_args__ = (one_of("kind", OUTCOME_KINDS),)

    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnerships.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    happened_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    partnership: Mapped[Partnership] = relationship(back_populates="outcomes")

    def __repr__(self) -> str:
        return f"<PartnershipOutcome {self.id} {self.kind} {self.happened_on}>"
