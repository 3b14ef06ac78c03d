"""Shard leases: a delivery takes a shard, touches it while it ranks; the sweep queues a silent one again."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import Engine, exists, or_, select, update
from sqlalchemy.exc import SQLAlchemyError

from incubator.database import utcnow
from incubator.extensions import db
from incubator.matching.models import MatchingRun, RunShard
from incubator.outbox.services import dispatch

log = logging.getLogger(__name__)
LOST_SHARD_LIMIT = 3  # a shard whose delivery went silent this often fails its run (staff Retry)
RANK_SHARD = "incubator.matching.tasks.rank_shard"


def silent_since() -> datetime:
    """A shard whose last heartbeat is older than this has lost its worker."""
    return utcnow() - timedelta(seconds=current_app.config["MATCHING_SHARD_LOST_AFTER"])


def claim(shard_id: int) -> int | None:
    """Take a pending shard no live delivery holds; return this delivery's lease, None to step aside."""
    taken = db.session.execute(
        update(RunShard)
        .where(
            RunShard.id == shard_id,
            RunShard.status == "pending",
            or_(RunShard.heartbeat_at.is_(None), RunShard.heartbeat_at < silent_since()),
        )
        .values(lease=RunShard.lease + 1, heartbeat_at=utcnow())
        .returning(RunShard.lease)
    ).scalar()
    db.session.commit()
    return taken


def release(shard_id: int, lease: int) -> None:
    """Let the next delivery (a retry) take the shard at once after this one failed."""
    db.session.rollback()
    db.session.execute(
        update(RunShard).where(RunShard.id == shard_id, RunShard.lease == lease).values(heartbeat_at=None)
    )
    db.session.commit()


@contextmanager
def beating(shard_id: int, lease: int) -> Iterator[None]:
    """While the block runs, a thread touches the shard every MATCHING_SHARD_HEARTBEAT seconds."""
    stop = threading.Event()
    every = current_app.config["MATCHING_SHARD_HEARTBEAT"]
    thread = threading.Thread(
        target=beat, args=(db.engine, shard_id, lease, every, stop), name=f"shard-{shard_id}", daemon=True
    )
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def beat(engine: Engine, shard_id: int, lease: int, every: float, stop: threading.Event) -> None:
    """Touch the shard until `stop`, or until another delivery holds it or it is done."""
    touch = update(RunShard).where(
        RunShard.id == shard_id, RunShard.lease == lease, RunShard.status == "pending"
    )
    while not stop.wait(every):
        try:
            with engine.begin() as connection:
                if connection.execute(touch.values(heartbeat_at=utcnow())).rowcount != 1:
                    return  # handed to another delivery: its final write will not be ours
        except SQLAlchemyError:  # the database is away: the next beat tries again
            log.warning("heartbeat of shard %s failed", shard_id, exc_info=True)


def requeue_lost_shards() -> int:
    """Queue again the shards whose worker went silent (and one of a run where nothing moves)."""
    limit = silent_since()
    lost = db.session.execute(
        select(RunShard.id, RunShard.run_id, RunShard.requeues)
        .join(MatchingRun)
        .where(MatchingRun.status == "running", RunShard.status == "pending", RunShard.heartbeat_at < limit)
    ).all()
    queued = 0
    for shard_id, run_id, requeues in lost:
        if requeues >= LOST_SHARD_LIMIT:
            fail_lost_run(run_id)
        elif mark_queued(shard_id, RunShard.heartbeat_at < limit, count=True):
            log.warning("shard %s of run %s went silent: queued again", shard_id, run_id)
            queued += 1
    for shard_id in first_waiting_shards(limit):
        queued += mark_queued(shard_id, or_(RunShard.queued_at.is_(None), RunShard.queued_at < limit))
    return queued


def first_waiting_shards(limit: datetime) -> list[int]:
    """Of each running run with no progress and no live shard since `limit`, its first waiting shard.

    A message a worker took from Redis but died before recording (kombu's window) is never delivered
    again; only one such shard is sent at a time, so a queue that is merely busy grows by one message.
    """
    live = exists().where(
        RunShard.run_id == MatchingRun.id, RunShard.status == "pending", RunShard.heartbeat_at >= limit
    )
    idle = select(MatchingRun.id).where(
        MatchingRun.status == "running", MatchingRun.heartbeat_at < limit, ~live
    )
    waiting = (
        select(RunShard.run_id, RunShard.id)
        .where(RunShard.run_id.in_(idle), RunShard.status == "pending", RunShard.heartbeat_at.is_(None))
        .order_by(RunShard.run_id, RunShard.position)
    )
    first: dict[int, int] = {}
    for run_id, shard_id in db.session.execute(waiting):
        first.setdefault(run_id, shard_id)
    return list(first.values())


def mark_queued(shard_id: int, condition: object, count: bool = False) -> bool:
    """Queue the shard again (waiting: no heartbeat) with its task in one commit, if `condition` holds."""
    values = {"queued_at": utcnow(), "heartbeat_at": None}
    if count:
        values["requeues"] = RunShard.requeues + 1
    still_lost = (RunShard.id == shard_id, RunShard.status == "pending", condition)
    marked = db.session.execute(update(RunShard).where(*still_lost).values(values)).rowcount == 1
    if marked:
        dispatch(RANK_SHARD, shard_id)
    db.session.commit()
    return marked


def fail_lost_run(run_id: int) -> None:
    """A shard kept losing its worker (it may crash it): staff see the run failed and can Retry."""
    db.session.execute(
        update(MatchingRun)
        .where(MatchingRun.id == run_id, MatchingRun.status == "running")
        .values(status="failed", error="shard_lost", finished_at=utcnow())
    )
    db.session.commit()
    log.warning("run %s failed: a shard lost its worker %s times", run_id, LOST_SHARD_LIMIT)
