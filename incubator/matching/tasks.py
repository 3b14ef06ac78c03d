"""Celery tasks for matching: short, idempotent, taking ids and calling services."""

from __future__ import annotations

from celery import shared_task

from incubator.extensions import db
from incubator.matching import heartbeat, incremental, services
from incubator.outbox.services import dispatch

RETRY = {"autoretry_for": (Exception,), "max_retries": 3, "retry_backoff": 2, "retry_jitter": False}


@shared_task(name="incubator.matching.tasks.plan_run", bind=True, **RETRY)
def plan_run(self, run_id: int) -> int:  # noqa: ANN001
    """Plan a run's shards and queue every shard still pending."""
    try:
        shard_ids = services.plan_run(run_id)
    except Exception as error:
        give_up_if_last_try(self, run_id, error)
        raise
    for shard_id in shard_ids:
        dispatch(heartbeat.RANK_SHARD, shard_id)
    db.session.commit()  # the outbox sends them now, or its relay later
    return len(shard_ids)


@shared_task(name="incubator.matching.tasks.rank_shard", bind=True, **RETRY)
def rank_shard(self, shard_id: int) -> int:  # noqa: ANN001
    """Rank one shard (a second delivery writes nothing)."""
    try:
        return services.rank_shard(shard_id)
    except Exception as error:
        give_up_if_last_try(self, services.run_of_shard(shard_id), error)
        raise


@shared_task(name="incubator.matching.tasks.match_profile", **RETRY)
def match_profile(document_id: str) -> int:
    """Match one saved profile on its own."""
    return incremental.match_profile(document_id)


@shared_task(name="incubator.matching.tasks.sweep")
def sweep() -> dict:
    """Periodic (beat): queue again lost shards and profile matches, and mark stale runs failed."""
    return {
        "lost_shards": heartbeat.requeue_lost_shards(),
        "stale_runs": services.refresh_stale_runs(),
        "requeued": incremental.dispatch_flagged(),
    }


def give_up_if_last_try(task, run_id: int | None, error: Exception) -> None:  # noqa: ANN001
    """On the last retry, mark the run failed so staff see it and can retry."""
    if run_id is not None and task.request.retries >= task.max_retries:
        services.fail_run(run_id, f"task_failed: {type(error).__name__}: {error}")
