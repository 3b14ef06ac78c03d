"""Matching run services: start, plan, rank shards, close, fail and retry full runs."""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from incubator.audit.services import record
from incubator.database import utcnow
from incubator.errors import N_, DomainError
from incubator.extensions import db
from incubator.matchcore import shards
from incubator.matching import fitted, heartbeat
from incubator.matching.corpus import SOURCE_KINDS
from incubator.matching.models import MatchingRun, PendingMatch, RunShard, Suggestion
from incubator.matching.suggestions import rank_by_kind, replace_pending
from incubator.outbox.services import dispatch, pending_args

log = logging.getLogger(__name__)
ACTIVE = ("queued", "running")
IN_PROGRESS = N_("A matching run is already in progress.")
ONE_ACTIVE_INDEX = "uq_matching_runs_one_active"  # the database refuses a second active run
PLAN_TASK = "incubator.matching.tasks.plan_run"


class RunRefused(DomainError):
    """A run cannot start or be retried in its current state."""


def get_run(run_id: int) -> MatchingRun | None:
    """The run with `run_id`, if any."""
    return db.session.get(MatchingRun, run_id)


def list_runs(limit: int = 50) -> list[MatchingRun]:
    """The latest runs, newest first (read only: the periodic sweep marks stale ones failed)."""
    query = select(MatchingRun).order_by(MatchingRun.id.desc()).limit(limit)
    return list(db.session.scalars(query))


def start_run(user_id: int | None) -> MatchingRun:
    """Create a queued full run and, in the same commit, its planning task; refuse while another is active.

    With the broker down the run stays queued until the outbox's relay sends its plan (see
    refresh_stale_runs): it is not lost, and starting another would wait for the same broker."""
    return create_run(user_id, queue=True)


def run_in_process(user_id: int | None) -> MatchingRun:
    """Create a full run and plan and rank it here, shard by shard, with no broker (demo seeding)."""
    run_id = create_run(user_id).id
    for shard_id in plan_run(run_id):
        rank_shard(shard_id)
    return get_run(run_id)


def create_run(user_id: int | None, queue: bool = False) -> MatchingRun:
    """A new queued full run with the configured parameters (and its planning task when `queue`);
    refused while another is active."""
    refresh_stale_runs()
    params = {
        "top_k": current_app.config["MATCHING_TOP_K"],
        "shard_size": current_app.config["MATCHING_SHARD_SIZE"],
    }
    run = MatchingRun(started_by_id=user_id, status="queued", params=params, heartbeat_at=utcnow())
    db.session.add(run)
    with one_active_run():
        db.session.flush()
    record(user_id, "matching.run_started", run)
    if queue:
        dispatch(PLAN_TASK, run.id)
    db.session.commit()
    return run


@contextmanager
def one_active_run() -> Iterator[None]:
    """Turn the database's refusal of a second active run into the message staff read."""
    try:
        yield
    except IntegrityError as error:
        db.session.rollback()
        if ONE_ACTIVE_INDEX in str(error.orig):
            raise RunRefused(IN_PROGRESS) from error
        raise


def retry_run(run_id: int, user_id: int | None) -> MatchingRun:
    """Resume a failed run: shards already done stay done, the others are queued again."""
    reopen = (
        update(MatchingRun)
        .where(MatchingRun.id == run_id, MatchingRun.status == "failed")
        .values(status="queued", error="", heartbeat_at=utcnow(), finished_at=None)
    )
    with one_active_run():
        reopened = db.session.execute(reopen).rowcount
    if reopened != 1:
        db.session.rollback()
        raise RunRefused(N_("Only a failed run can be retried."))
    # a shard that lost its worker too often (heartbeat.LOST_SHARD_LIMIT) gets as many chances again
    db.session.execute(
        update(RunShard).where(RunShard.run_id == run_id, RunShard.status == "pending").values(requeues=0)
    )
    run = get_run(run_id)
    db.session.refresh(run)
    record(user_id, "matching.run_retried", run)
    dispatch(PLAN_TASK, run.id)
    db.session.commit()
    return run


def plan_run(run_id: int) -> list[int]:
    """Split the run's sources into shards (once) and return the ids of shards still to rank."""
    claimed = claim_run(run_id)
    db.session.commit()  # release the row before the (long) fit
    if not claimed:  # finished, or failed meanwhile: a late plan must not revive it
        return []
    run = get_run(run_id)
    if not db.session.scalar(select(func.count()).where(RunShard.run_id == run_id)):
        create_shards(run)
    if not claim_run(run_id):  # marked failed while fitting; the stored shards let Retry resume
        db.session.commit()
        return []
    db.session.execute(PendingMatch.__table__.delete().where(PendingMatch.created_at <= run.started_at))
    db.session.commit()
    close_if_complete(run_id)
    pending = (RunShard.run_id == run_id, RunShard.status == "pending")
    db.session.execute(update(RunShard).where(*pending).values(queued_at=utcnow()))
    db.session.commit()
    return list(db.session.scalars(select(RunShard.id).where(*pending).order_by(RunShard.position)))


def claim_run(run_id: int) -> bool:
    """Mark the run running (with a heartbeat) only if it is still active; return whether it was."""
    now = utcnow()
    claimed = db.session.execute(
        update(MatchingRun)
        .where(MatchingRun.id == run_id, MatchingRun.status.in_(ACTIVE))
        .values(status="running", heartbeat_at=now, started_at=func.coalesce(MatchingRun.started_at, now))
    )
    return claimed.rowcount == 1


def create_shards(run: MatchingRun) -> None:
    """Fit and store the run's matcher, and store its sources as shards of about shard_size."""
    matcher = fitted.fit_for_run(db.session, run.id)
    sources = [d for d in matcher.targets_ if d.kind in SOURCE_KINDS]
    size = max(1, int(run.params.get("shard_size", 200)))
    for position, shard in enumerate(
        shards.split(sources, math.ceil(len(sources) / size)) if sources else []
    ):
        ids = [d.id for d in shard]
        db.session.add(RunShard(run_id=run.id, position=position, source_ids=ids, size=len(ids)))
    run.progress_total = len(sources)
    try:
        db.session.flush()
    except IntegrityError:  # a redelivered plan already created them
        db.session.rollback()


def rank_shard(shard_id: int) -> int:
    """Rank one shard and write its suggestions exactly once; return how many it wrote."""
    lease = heartbeat.claim(shard_id)
    if lease is None:  # done, gone, or a live delivery holds it (its heartbeat is fresh)
        return 0
    try:
        with heartbeat.beating(shard_id, lease):
            time.sleep(current_app.config["MATCHING_SHARD_DELAY"])  # tests only: a shard to kill
            run_id, results = rank_sources(shard_id)
    except Exception:
        heartbeat.release(shard_id, lease)
        raise
    return write_shard(shard_id, lease, run_id, results)


def rank_sources(shard_id: int) -> tuple[int, dict]:
    """The shard's run and the ranked targets of each of its sources."""
    shard = db.session.get(RunShard, shard_id)
    run_id, k = shard.run_id, int(shard.run.params.get("top_k", 5))
    matcher = fitted.matcher_for_run(db.session, run_id)
    by_id = {d.id: d for d in matcher.targets_}
    sources = [by_id[i] for i in shard.source_ids if i in by_id]
    return run_id, rank_by_kind(matcher, sources, k)


def write_shard(shard_id: int, lease: int, run_id: int, results: dict) -> int:
    """Mark the shard done and write its suggestions, only if this delivery still holds it."""
    claimed = db.session.execute(
        update(RunShard)
        .where(RunShard.id == shard_id, RunShard.status == "pending", RunShard.lease == lease)
        .values(status="done", finished_at=utcnow())
    )
    if claimed.rowcount != 1:  # another delivery finished first, or took over from this silent one
        db.session.rollback()
        return 0
    written = replace_pending(results, run_id)
    db.session.execute(update(RunShard).where(RunShard.id == shard_id).values(suggestions=written))
    record_progress(run_id)
    db.session.commit()
    close_if_complete(run_id)
    return written


def record_progress(run_id: int) -> None:
    """Set the run's progress to the number of sources in its finished shards."""
    done = select(func.coalesce(func.sum(RunShard.size), 0)).where(
        RunShard.run_id == run_id, RunShard.status == "done"
    )
    db.session.execute(
        update(MatchingRun)
        .where(MatchingRun.id == run_id)
        .values(progress_done=done.scalar_subquery(), heartbeat_at=utcnow())
    )


def close_if_complete(run_id: int) -> bool:
    """Mark the run done once no shard is pending (idempotent; the last shard closes it)."""
    pending = select(func.count()).where(RunShard.run_id == run_id, RunShard.status == "pending")
    if db.session.scalar(pending):
        return False
    run = get_run(run_id)
    if run is None or run.status == "done":
        return False
    run.status, run.finished_at, run.error = "done", utcnow(), ""
    run.counts = run_counts(run_id)
    db.session.commit()
    return True


def run_counts(run_id: int) -> dict:
    """Suggestions written by a run, by kind, and the shard count."""
    by_kind = db.session.execute(
        select(Suggestion.kind, func.count()).where(Suggestion.run_id == run_id).group_by(Suggestion.kind)
    ).all()
    shards = db.session.scalar(select(func.count()).where(RunShard.run_id == run_id))
    return {"suggestions": sum(n for _, n in by_kind), "by_kind": dict(by_kind), "shards": shards}


def fail_run(run_id: int, message: str) -> None:
    """Mark a run failed with an error code: "stale", "task_failed: detail" (forms.run_error_text)."""
    db.session.rollback()
    run = get_run(run_id)
    if run is not None and run.status != "done":
        run.status, run.error, run.finished_at = "failed", message[:2000], utcnow()
        db.session.commit()


def refresh_stale_runs() -> int:
    """Mark failed the active runs that showed no progress for MATCHING_STALE_AFTER seconds (a run whose
    planning task still waits in the outbox for the broker is not stale: it starts once that is sent)."""
    limit = utcnow() - timedelta(seconds=current_app.config["MATCHING_STALE_AFTER"])
    waiting = [args[0] for args in pending_args(PLAN_TASK) if args]
    result = db.session.execute(
        update(MatchingRun)
        .where(MatchingRun.status.in_(ACTIVE), MatchingRun.heartbeat_at < limit)
        .where(MatchingRun.id.not_in(waiting))
        .values(status="failed", error="stale", finished_at=utcnow())
    )
    db.session.commit()
    return result.rowcount


def run_of_shard(shard_id: int) -> int | None:
    """The run a shard belongs to."""
    db.session.rollback()
    return db.session.scalar(select(RunShard.run_id).where(RunShard.id == shard_id))


def run_status(run: MatchingRun) -> dict:
    """The fields the progress bar polls."""
    percent = round(100 * run.progress_done / run.progress_total) if run.progress_total else 0
    return {
        "id": run.id,
        "status": run.status,
        "done": run.progress_done,
        "total": run.progress_total,
        "percent": 100 if run.status == "done" else percent,
        "finished": run.finished,
        "error": run.error,
        "counts": run.counts,
    }
