"""Full and incremental matching through real worker processes, on Redis and on the embedded broker."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import func, select

from incubator.audit.models import AuditEvent
from incubator.demo.seed import seed_demo
from incubator.matching import incremental, services
from incubator.matching.models import MatchingRun, RunShard, Suggestion
from incubator.matching.tasks import rank_shard
from incubator.startups.models import Startup
from tests.matching.conftest import wait_for

pytestmark = pytest.mark.worker


def finished_run(db, run_id: int, timeout: float = 90) -> MatchingRun:  # noqa: ANN001
    """Wait until the run is done or failed, reading fresh rows."""

    def check() -> MatchingRun | None:
        db.session.expire_all()
        services.refresh_stale_runs()
        run = db.session.get(MatchingRun, run_id)
        return run if run.finished else None

    return wait_for(check, timeout=timeout)


def pairs(db) -> list[tuple]:  # noqa: ANN001
    rows = db.session.execute(select(Suggestion.source_type, Suggestion.source_id,
                                     Suggestion.target_type, Suggestion.target_id))  # fmt: skip
    return [tuple(r) for r in rows]


def test_a_full_run_over_the_demo_data_completes_with_explained_suggestions(wdb, workers):
    seed_demo()
    workers.start()
    run = finished_run(wdb, services.start_run(None).id)
    assert run.status == "done", (run.error, workers.log_tail())
    assert run.progress_total > 0 and run.progress_done == run.progress_total
    assert run.counts["shards"] > 1 and run.counts["suggestions"] > 0
    suggestions = wdb.session.scalars(select(Suggestion)).all()
    assert suggestions and all(s.terms and s.score > 0 for s in suggestions)
    assert {s.kind for s in suggestions} >= {"challenge-capability", "startup-mentor"}


def test_a_second_run_keeps_decisions_and_never_duplicates_or_revives_a_rejected_pair(wdb, workers):
    seed_demo()
    workers.start()
    first = finished_run(wdb, services.start_run(None).id)
    decided = select(Suggestion).where(Suggestion.status != "pending")
    seeded = {(s.id, s.status) for s in wdb.session.scalars(decided)}  # the demo's decided pairs
    pending = select(Suggestion).where(Suggestion.status == "pending").order_by(Suggestion.id).limit(2)
    approved, rejected = wdb.session.scalars(pending).all()
    approved.status, rejected.status = "approved", "rejected"
    wdb.session.commit()
    kept = seeded | {(approved.id, "approved"), (rejected.id, "rejected")}
    second = finished_run(wdb, services.start_run(None).id)
    assert first.status == second.status == "done"
    found = pairs(wdb)
    assert len(found) == len(set(found))
    wdb.session.expire_all()
    assert {(s.id, s.status) for s in wdb.session.scalars(decided)} == kept
    rejected_pair = (rejected.source_type, rejected.source_id, rejected.target_type, rejected.target_id)
    assert found.count(rejected_pair) == 1


def test_a_saved_profile_is_matched_on_its_own_without_a_full_run(wdb, workers):
    seed_demo()
    workers.start()
    owner = wdb.session.scalar(select(Startup.owner_id).limit(1))
    startup = Startup(
        owner_id=owner,
        name="Bảo trì dự đoán AI",
        stage="prototype",
        sector="manufacturing",
        description="Cảm biến rung và học máy cho bảo trì dự đoán máy dập, predictive maintenance",
        needs="phong thi nghiem rung dong, vibration test lab, mentor co khi",
    )
    wdb.session.add(startup)
    wdb.session.commit()
    assert incremental.queue_profile_match("startup", startup.id)

    def suggested() -> int:
        wdb.session.expire_all()
        query = select(func.count()).where(
            Suggestion.source_type == "startup", Suggestion.source_id == startup.id
        )
        return wdb.session.scalar(query)

    assert wait_for(suggested, timeout=60)
    assert wdb.session.scalar(select(MatchingRun.id)) is None  # no full run was needed
    assert incremental.pending_count() == 0


def test_a_shard_delivered_twice_writes_its_suggestions_once(wdb, workers):
    seed_demo()
    seeded = len(pairs(wdb))  # the demo's decided suggestions, kept apart from any ranking
    run = MatchingRun(status="queued", params={"top_k": 5, "shard_size": 4})
    wdb.session.add(run)
    wdb.session.commit()
    shard_ids = services.plan_run(run.id)  # planned here, so the test holds the shard ids
    first = shard_ids[0]
    for shard_id in [first, first, *shard_ids]:
        rank_shard.delay(shard_id)
    workers.start(concurrency=2)
    run = finished_run(wdb, run.id)
    assert run.status == "done"
    found = pairs(wdb)
    assert len(found) == len(set(found))
    shards = wdb.session.scalars(select(RunShard).where(RunShard.run_id == run.id)).all()
    assert sum(s.suggestions for s in shards) == len(found) - seeded


@pytest.mark.parametrize("broker_url", ["redis"], indirect=True)  # the production broker
def test_a_worker_killed_mid_shard_is_replaced_and_the_run_completes_within_two_minutes(wdb, workers):
    seed_demo()
    # Redis keeps the killed worker's shard for its production visibility timeout (an hour): only the
    # shard's silent heartbeat can bring it back. Each shard waits 2 s, so the kill lands mid-shard.
    workers.settings.update(CELERY_VISIBILITY_TIMEOUT="3600", MATCHING_SHARD_DELAY="2")
    doomed = workers.start()
    run_id = services.start_run(None).id

    def ranking_after_a_first_shard() -> RunShard | None:
        wdb.session.expire_all()
        in_progress = select(RunShard).where(
            RunShard.run_id == run_id, RunShard.status == "pending", RunShard.heartbeat_at.is_not(None)
        )
        return wdb.session.get(MatchingRun, run_id).progress_done and wdb.session.scalar(in_progress)

    lost_id = wait_for(ranking_after_a_first_shard, timeout=90, interval=0.05).id
    workers.kill(doomed)
    killed_at = time.monotonic()
    workers.start(concurrency=2, beat=True)  # the replacement, with the deployment's one beat
    while time.monotonic() - killed_at < 120 and not wdb.session.get(MatchingRun, run_id).finished:
        time.sleep(0.5)
        wdb.session.expire_all()
    run = wdb.session.get(MatchingRun, run_id)
    assert run.status == "done", (run.status, run.error, workers.log_tail())
    assert run.progress_done == run.progress_total and run.error == ""
    assert wdb.session.get(RunShard, lost_id).requeues == 1  # the sweep brought it back, once
    assert not wdb.session.scalar(select(AuditEvent).where(AuditEvent.action == "matching.run_retried"))
    found = pairs(wdb)
    assert len(found) == len(set(found))


def test_the_command_line_starts_a_run_waits_for_it_and_reports_status(wdb, workers, broker_app):
    seed_demo()
    workers.start()
    runner = broker_app.test_cli_runner()
    result = runner.invoke(args=["matching", "run", "--wait", "--interval", "0.3"])
    assert result.exit_code == 0, result.output
    assert "Started matching run" in result.output and ": done " in result.output
    status = runner.invoke(args=["matching", "status"])
    assert (
        status.exit_code == 0
        and "done" in status.output
        and "wait for their incremental match" in status.output
    )
