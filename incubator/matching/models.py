"""MatchingRun and Suggestion models."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from incubator.database import Base, IdMixin, TimestampMixin, one_of

RUN_STATUSES = ("queued", "running", "done", "failed")
ACTIVE_RUN = text("status IN ('queued', 'running')")
SHARD_STATUSES = ("pending", "done")
SUGGESTION_STATUSES = ("pending", "approved", "rejected")
REJECT_REASONS = ("not_relevant", "too_early", "no_capacity", "conflict_of_interest", "other")


class MatchingRun(IdMixin, TimestampMixin, Base):
    """A full matching run; its status and progress live here so they survive the broker."""

    __tablename__ = "matching_runs"
    __table_args__ = (
        one_of("status", RUN_STATUSES),
        # At most one active run: every active row has the same indexed value, so a second one is refused.
        Index(
            "uq_matching_runs_one_active",
            text("(status IN ('queued', 'running'))"),
            unique=True,
            sqlite_where=ACTIVE_RUN,
            postgresql_where=ACTIVE_RUN,
        ),
    )

    started_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(String(20), default="queued", index=True)
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    progress_done: Mapped[int] = mapped_column(Integer, default=0)
    progress_total: Mapped[int] = mapped_column(Integer, default=0)
    counts: Mapped[dict] = mapped_column(JSON, default=dict)
    started_at: Mapped[datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    error: Mapped[str] = mapped_column(Text, default="")
    heartbeat_at: Mapped[datetime | None] = mapped_column(DateTime)  # last sign of progress

    @property
    def finished(self) -> bool:
        return self.status in ("done", "failed")

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
    reject_reason: Mapped[str] = mapped_column(String(30), default="")
    decision_note: Mapped[str] = mapped_column(Text, default="")  # the staff note shown to both parties

    def __repr__(self) -> str:
        return (
            f"<Suggestion {self.id} {self.source_type}:{self.source_id}"
            f" → {self.target_type}:{self.target_id} {self.score:.3f}>"
        )


class RunShard(IdMixin, TimestampMixin, Base):
    """A slice of a run's sources that one worker ranks; done once, however often it is delivered."""

    __tablename__ = "matching_run_shards"
    __table_args__ = (UniqueConstraint("run_id", "position"), one_of("status", SHARD_STATUSES))

    run_id: Mapped[int] = mapped_column(ForeignKey("matching_runs.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    source_ids: Mapped[list] = mapped_column(JSON, default=list)  # document ids, e.g. "challenge:3"
    size: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    suggestions: Mapped[int] = mapped_column(Integer, default=0)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    queued_at: Mapped[datetime | None] = mapped_column(DateTime)  # last handed to the broker
    # Set when a delivery takes the shard and touched while it ranks; None while it waits in the queue.
    heartbeat_at: Mapped[datetime | None] = mapped_column(DateTime)
    lease: Mapped[int] = mapped_column(Integer, default=0)  # the delivery holding it (the latest to take it)
    requeues: Mapped[int] = mapped_column(Integer, default=0)  # times the sweep found its delivery silent
    run: Mapped[MatchingRun] = relationship()

    def __repr__(self) -> str:
        return f"<RunShard {self.id} run={self.run_id} #{self.position} {self.status}>"


class PendingMatch(IdMixin, TimestampMixin, Base):
    """A saved profile waiting for its incremental match; it survives a broker outage."""

    __tablename__ = "pending_matches"

    document_id: Mapped[str] = mapped_column(String(40), unique=True)
    queued_at: Mapped[datetime | None] = mapped_column(DateTime)  # its task written to the outbox

    def __repr__(self) -> str:
        return f"<PendingMatch {self.document_id} queued={self.queued_at}>"


class RunModel(Base):
    """The matcher a run's planner fitted, compressed, so every worker ranks against the same targets."""

    __tablename__ = "matching_run_models"

    run_id: Mapped[int] = mapped_column(ForeignKey("matching_runs.id", ondelete="CASCADE"), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)

    def __repr__(self) -> str:
        return f"<RunModel run={self.run_id} {len(self.data)} bytes>"
