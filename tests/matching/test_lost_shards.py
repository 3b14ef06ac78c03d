"""Shard heartbeats: the sweep queues again a shard whose worker went silent; one delivery writes it."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask import Flask

from incubator.database import utcnow
from incubator.extensions import db as _db
from incubator.matching import heartbeat, services
from incubator.matching.forms import run_error_text
from incubator.matching.models import MatchingRun, RunShard, Suggestion
from incubator.matching.tasks import sweep
from tests.factories import LabFactory, StartupFactory
from tests.matching.conftest import wait_for

LIVE, SILENT, LONG_AGO = 5, 120, 600  # seconds ago; MATCHING_SHARD_LOST_AFTER is 60


def ago(seconds: int | None):  # noqa: ANN201
    return None if seconds is None else utcnow() - timedelta(seconds=seconds)


def running_run(db, last_progress: int, shards: list[tuple]) -> list[int]:  # noqa: ANN001
    """A running run and its shards (status, heartbeat seconds ago, queued seconds ago); their ids."""
    run = MatchingRun(status="running", params={}, heartbeat_at=ago(last_progress))
    db.session.add(run)
    db.session.flush()
    rows = [RunShard(run_id=run.id, position=i, source_ids=[], size=1, status=status,
                     heartbeat_at=ago(beat), queued_at=ago(queued))
            for i, (status, beat, queued) in enumerate(shards)]  # fmt: skip
    db.session.add_all(rows)
    db.session.commit()
    return [row.id for row in rows]


@pytest.mark.parametrize(
    ("last_progress", "shards", "queued_again"),
    [
        # started and silent: its worker died; a live one, a done one and a waiting one stay as they are
        (
            30,
            [
                ("pending", SILENT, LONG_AGO),
                ("pending", LIVE, LONG_AGO),
                ("done", SILENT, LONG_AGO),
                ("pending", None, LONG_AGO),
            ],
            [0],
        ),  # fmt: skip
        (LONG_AGO, [("pending", 30, LONG_AGO)], []),  # silent for less than a minute
        # nothing moved for a while and nobody works on it: the first waiting shard (a dropped message)
        (SILENT, [("done", None, LONG_AGO), ("pending", None, SILENT), ("pending", None, SILENT)], [1]),
        (30, [("pending", None, SILENT), ("pending", None, SILENT)], []),  # a shard finished just now
        (SILENT, [("pending", None, 10), ("pending", None, SILENT)], []),  # the first was sent just now
    ],
)
def test_the_sweep_queues_again_a_shard_whose_worker_went_silent(db, last_progress, shards, queued_again):
    ids = running_run(db, last_progress, shards)
    before = utcnow()
    assert sweep.run()["lost_shards"] == len(queued_again)
    db.session.expire_all()
    rows = [db.session.get(RunShard, i) for i in ids]
    assert [i for i, row in enumerate(rows) if row.queued_at >= before] == queued_again
    for i in queued_again:  # waiting for a worker again: the next delivery takes it at once
        assert rows[i].heartbeat_at is None and rows[i].lease == 0
    assert sweep.run()["lost_shards"] == 0  # queued again once, not at every sweep


def test_a_shard_that_keeps_losing_its_worker_fails_the_run_and_retry_gives_it_new_chances(app, db):
    (shard_id,) = running_run(db, 30, [("pending", SILENT, LONG_AGO)])
    db.session.execute(sa.update(RunShard).values(requeues=heartbeat.LOST_SHARD_LIMIT))
    db.session.commit()
    assert sweep.run()["lost_shards"] == 0
    db.session.expire_all()
    run = db.session.scalars(sa.select(MatchingRun)).one()
    assert (run.status, run.error) == ("failed", "shard_lost")
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert "stopped its worker several times" in run_error_text(run.error)
    services.retry_run(run.id, None)
    assert db.session.get(RunShard, shard_id).requeues == 0


def planned_shard(db) -> int:  # noqa: ANN001
    LabFactory(description="phòng đo rung, vibration test of stamping presses")
    StartupFactory(description="đo rung máy dập, bảo trì dự đoán, vibration of stamping presses")
    run = MatchingRun(status="queued", params={"top_k": 3, "shard_size": 4}, heartbeat_at=utcnow())
    db.session.add(run)
    db.session.commit()
    (shard_id,) = services.plan_run(run.id)
    return shard_id


def test_a_late_original_writes_nothing_once_its_silent_shard_was_handed_to_another_delivery(
    app: Flask, db, monkeypatch
):
    shard_id = planned_shard(db)
    monkeypatch.setitem(app.config, "MATCHING_SHARD_HEARTBEAT", 600)  # the original freezes: no beat
    rank, other = services.rank_by_kind, {}

    def frozen_while_another_delivery_runs(matcher, sources, k):  # noqa: ANN001, ANN202
        monkeypatch.setattr(services, "rank_by_kind", rank)  # the other deliveries rank normally
        other["while_alive"] = services.rank_shard(shard_id)  # a duplicate steps aside
        with _db.engine.begin() as connection:  # ...the original goes silent for two minutes
            connection.execute(sa.update(RunShard).values(heartbeat_at=ago(SILENT)))
        other["sweep"] = sweep.run()["lost_shards"]
        other["requeued"] = services.rank_shard(shard_id)
        return rank(matcher, sources, k)

    monkeypatch.setattr(services, "rank_by_kind", frozen_while_another_delivery_runs)
    assert services.rank_shard(shard_id) == 0  # the original finished last and counted nothing
    assert other["while_alive"] == 0 and other["sweep"] == 1 and other["requeued"] > 0
    db.session.expire_all()
    shard, run = db.session.get(RunShard, shard_id), db.session.scalars(sa.select(MatchingRun)).one()
    assert (shard.status, shard.lease, shard.suggestions) == ("done", 2, other["requeued"])
    assert run.status == "done" and run.progress_done == run.progress_total == shard.size
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Suggestion)) == other["requeued"]


def test_a_shard_being_ranked_is_touched_until_another_delivery_takes_it(app: Flask, db, monkeypatch):
    shard_id = planned_shard(db)
    monkeypatch.setitem(app.config, "MATCHING_SHARD_HEARTBEAT", 0.05)
    lease = heartbeat.claim(shard_id)

    def beat() -> object:
        db.session.expire_all()
        return db.session.get(RunShard, shard_id).heartbeat_at

    def beating() -> bool:
        return any(t.name == f"shard-{shard_id}" for t in threading.enumerate())

    with heartbeat.beating(shard_id, lease):
        first = beat()
        wait_for(lambda: beat() > first, timeout=10, interval=0.02)
        with _db.engine.begin() as connection:  # the sweep handed it to another delivery
            connection.execute(sa.update(RunShard).values(lease=lease + 1))
        wait_for(lambda: not beating(), timeout=10, interval=0.02)  # it stops touching a shard not its own
