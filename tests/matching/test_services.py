"""Matching services in-process (no broker): shards, per-kind top k, decisions, incremental matches."""

from __future__ import annotations

import zlib
from collections import Counter

import pytest
from sqlalchemy import func, select

from incubator.challenges.models import Capability
from incubator.demo.seed import seed_demo
from incubator.matching import decisions, fitted, incremental, services
from incubator.matching.models import MatchingRun, PendingMatch, RunModel, RunShard, Suggestion
from incubator.organizations.models import Organization


@pytest.fixture
def demo(db):  # noqa: ANN001
    seed_demo()
    fitted.forget()
    yield db
    fitted.forget()


def run_in_process(db, top_k: int = 3, shard_size: int = 4) -> MatchingRun:  # noqa: ANN001
    run = MatchingRun(status="queued", params={"top_k": top_k, "shard_size": shard_size})
    db.session.add(run)
    db.session.commit()
    for shard_id in services.plan_run(run.id):
        services.rank_shard(shard_id)
    db.session.expire_all()
    return db.session.get(MatchingRun, run.id)


def test_a_run_ranks_every_shard_and_keeps_at_most_k_targets_per_kind(demo):
    run = run_in_process(demo, top_k=3)
    assert run.status == "done" and run.progress_done == run.progress_total > 0
    shards = demo.session.scalars(select(RunShard).where(RunShard.run_id == run.id)).all()
    assert len(shards) == run.counts["shards"] > 1 and all(s.status == "done" for s in shards)
    assert all(s.terms for s in demo.session.scalars(select(Suggestion)))  # every suggestion says why
    per_kind = Counter(  # the demo's decided pairs are kept besides the run's top k
        (s.source_type, s.source_id, s.target_type)
        for s in demo.session.scalars(select(Suggestion).where(Suggestion.status == "pending"))
    )
    assert per_kind and max(per_kind.values()) <= 3
    assert {t for _, _, t in per_kind} == {"capability", "lab", "mentor", "challenge"}


def test_ranking_a_finished_shard_again_writes_nothing(demo):
    run = run_in_process(demo)
    shard = demo.session.scalar(select(RunShard).where(RunShard.run_id == run.id))
    before = demo.session.scalar(select(func.count()).select_from(Suggestion))
    assert services.rank_shard(shard.id) == 0
    assert demo.session.scalar(select(func.count()).select_from(Suggestion)) == before


def test_a_rejected_pair_is_never_suggested_again(demo):
    run_in_process(demo)
    rejected = demo.session.scalar(
        select(Suggestion).where(Suggestion.status == "pending").order_by(Suggestion.score.desc())
    )
    decisions.decide_suggestion(rejected.id, "rejected", None, reason="not_relevant")
    run_in_process(demo)
    same_pair = select(func.count()).where(
        Suggestion.source_type == rejected.source_type, Suggestion.source_id == rejected.source_id,
        Suggestion.target_type == rejected.target_type, Suggestion.target_id == rejected.target_id,
    )  # fmt: skip
    assert demo.session.scalar(same_pair) == 1
    assert demo.session.get(Suggestion, rejected.id).status == "rejected"


def test_a_decision_cannot_be_taken_twice(demo):
    run_in_process(demo)
    suggestion = demo.session.scalar(select(Suggestion).where(Suggestion.status == "pending"))
    decisions.decide_suggestion(suggestion.id, "approved", None)
    with pytest.raises(decisions.DecisionRefused, match="already decided"):
        decisions.decide_suggestion(suggestion.id, "rejected", None, reason="too_early")


def test_a_new_capability_enters_the_suggestions_of_the_challenge_it_fits(demo):
    run_in_process(demo, top_k=2)
    university = demo.session.scalar(select(Organization).where(Organization.kind == "university"))
    capability = Capability(
        organization_id=university.id,
        owner_id=1,
        title="Đo rung và bảo trì dự đoán",
        description="predictive maintenance, stamping press vibration, bearing sensors; bao tri du doan",
        keywords="predictive maintenance",
    )
    demo.session.add(capability)
    demo.session.commit()
    incremental.match_profile(f"capability:{capability.id}")
    offered = demo.session.scalars(
        select(Suggestion).where(
            Suggestion.target_type == "capability", Suggestion.target_id == capability.id
        )
    ).all()
    assert offered and all(s.source_type in ("challenge", "startup") for s in offered)
    assert demo.session.scalar(select(func.count()).select_from(PendingMatch)) == 0


def test_a_closed_challenge_loses_its_undecided_suggestions(demo):
    run_in_process(demo)
    pending = demo.session.scalar(
        select(Suggestion).where(Suggestion.status == "pending").where(Suggestion.source_type == "challenge")
    )
    challenge_id = pending.source_id
    from incubator.challenges.models import Challenge

    demo.session.get(Challenge, challenge_id).status = "closed"
    demo.session.commit()
    incremental.match_profile(f"challenge:{challenge_id}")
    left = select(func.count()).where(
        Suggestion.source_type == "challenge",
        Suggestion.source_id == challenge_id,
        Suggestion.status == "pending",
    )
    assert demo.session.scalar(left) == 0


def test_a_run_with_no_progress_is_marked_failed_and_can_be_retried(demo):
    from datetime import timedelta

    from incubator.database import utcnow

    run = MatchingRun(
        status="running", params={"top_k": 3, "shard_size": 4}, heartbeat_at=utcnow() - timedelta(hours=1)
    )
    demo.session.add(run)
    demo.session.commit()
    assert services.refresh_stale_runs() == 1
    demo.session.refresh(run)
    assert run.status == "failed" and run.error == "stale"
    services.retry_run(run.id, None)
    demo.session.refresh(run)
    assert run.status == "queued" and run.error == ""  # handed to the (unread) embedded broker


def planned_run(db):  # noqa: ANN001, ANN201
    """A run planned in-process (its matcher fitted and stored), and the planner's matcher."""
    run = MatchingRun(status="queued", params={"top_k": 3, "shard_size": 4})
    db.session.add(run)
    db.session.commit()
    services.plan_run(run.id)
    return run, fitted.matcher_for_run(db.session, run.id)


def test_a_worker_without_the_planners_copy_ranks_with_the_stored_matcher(demo):
    run, planned = planned_run(demo)
    stored = demo.session.get(RunModel, run.id).data
    assert stored[:4] == fitted.ZSTD_MAGIC  # Zstandard, not zlib (10x faster to write at 50k profiles)
    fitted.forget()  # another worker process: only the database's copy
    loaded = fitted.matcher_for_run(demo.session, run.id)
    assert loaded is not planned and loaded.target_ids_ == planned.target_ids_
    assert (loaded.matrix_ != planned.matrix_).nnz == 0


def test_a_matcher_stored_with_zlib_before_zstandard_still_loads(demo):
    run, planned = planned_run(demo)
    demo.session.get(RunModel, run.id).data = zlib.compress(planned.to_bytes(), 1)
    demo.session.commit()
    fitted.forget()
    assert fitted.matcher_for_run(demo.session, run.id).target_ids_ == planned.target_ids_
