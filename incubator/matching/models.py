"""MatchingRun and Suggestion models."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from incubator.database import Base, IdMixin, TimestampMixin, one_of

RUN_STATUSES = ("queued", "running", "done", "failed")
SUGGESTION_STATUSES = ("pending", "approved", "rejected")


class MatchingRun(IdMixin, TimestampMixin, Base):
    """A full matching run; its status and progress live here so they survive the broker."""

    __tablename__ = "matching_runs"
    __table_args__ = (one_of("status", RUN_STATUSES),)

    started_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(String(20), default="queued", index=True)
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    progress_done: Mapped[int] = mapped_column(Integer, default=0)
    progress_total: Mapped[int] = mapped_column(Integer, default=0)
    counts: Mapped[dict] = mapped_column(JSON, default=dict)
    started_at: Mapped[datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    error: Mapped[str] = mapped_column(Text, default="")

    def __repr__(self) -> str:
        return f"<MatchingRun {self.id} {self.status} {self.progress_done}/{self.progress_total}>"


class Suggestion(IdMixin, TimestampMixin, Base):
    """A suggested pair (source → target) with its score, explanation and staff decision."""

    __tablename__ = "suggestions"
    __table_args__ = (
        UniqueConstraint("source_type", "source_id", "target_type", "target_id"),
        one_of("status", SUGGESTION_STATUSES),
    )

    run_id: Mapped[int | None] = mapped_column(ForeignKey("matching_runs.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(40), index=True)
    source_type: Mapped[str] = mapped_column(String(20))
    source_id: Mapped[int] = mapped_column(Integer)
    target_type: Mapped[str] = mapped_column(String(20))
    target_id: Mapped[int] = mapped_column(Integer)
    score: Mapped[float] = mapped_column(Float)
    terms: Mapped[list] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)

    def __repr__(self) -> str:
        return (
            f"<Suggestion {self.id} {self.source_type}:{self.source_id}"
            f" → {self.target_type}:{self.target_id} {self.score:.3f}>"
        )
