"""Introduction and Partnership models."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from incubator.database import Base, IdMixin, TimestampMixin, one_of
from incubator.matching.models import Suggestion

RESPONSES = ("pending", "accepted", "declined")
PARTNERSHIP_STATUSES = ("proposed", "active", "completed", "cancelled")


class Introduction(IdMixin, TimestampMixin, Base):
    """Staff introducing the two parties of an approved suggestion; each side answers."""

    __tablename__ = "introductions"
    __table_args__ = (
        one_of("source_response", RESPONSES),
        one_of("target_response", RESPONSES),
    )

    suggestion_id: Mapped[int] = mapped_column(ForeignKey("suggestions.id"), unique=True)
    introduced_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    message: Mapped[str] = mapped_column(Text, default="")
    source_response: Mapped[str] = mapped_column(String(20), default="pending")
    target_response: Mapped[str] = mapped_column(String(20), default="pending")
    suggestion: Mapped[Suggestion] = relationship()

    def __repr__(self) -> str:
        return f"<Introduction {self.id} suggestion={self.suggestion_id}>"


class Partnership(IdMixin, TimestampMixin, Base):
    """An accepted introduction that became a working partnership."""

    __tablename__ = "partnerships"
    __table_args__ = (one_of("status", PARTNERSHIP_STATUSES),)

    introduction_id: Mapped[int] = mapped_column(ForeignKey("introductions.id"), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default="proposed", index=True)
    outcomes: Mapped[str] = mapped_column(Text, default="")
    started_on: Mapped[date | None] = mapped_column(Date)
    completed_on: Mapped[date | None] = mapped_column(Date)
    introduction: Mapped[Introduction] = relationship()

    def __repr__(self) -> str:
        return f"<Partnership {self.id} {self.title!r} {self.status}>"
