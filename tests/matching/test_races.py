"""Races in matching, provoked with threads on the real database: concurrent saves, runs, decisions."""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Callable
from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask import Flask
from sqlalchemy import func, select

from incubator.database import utcnow
from incubator.extensions import db as _db
from incubator.matching import decisions, fitted, incremental, services
from incubator.matching.models import MatchingRun, PendingMatch, RunShard, Suggestion
from incubator.matching.suggestions import replace_pending
from tests.conftest import csrf_token
from tests.factories import LabFactory, StartupFactory

THREADS = 12


def in_threads(app: Flask, work: Callable[[int], object], n: int = THREADS) -> list[object]:
    """Run `work(i)` in `n` threads, each in its own app context, started together; results or errors."""
    barrier, results = threading.Barrier(n), [None] * n

    def run(i: int) -> None:
        with app.app_context():
            barrier.wait()
            try:
                results[i] = work(i)
            except Exception as error:  # the test asserts on what each thread met
                results[i] = error
            finally:
                _db.session.remove()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def kinds(results: list[object]) -> Counter:
    """How many threads met each outcome: "ok", or the exception's class and message."""
    return Counter("ok" if not isinstance(r, Exception) else f"{type(r).__name__}: {r}" for r in results)


def startup_form(startup_id: int, i: int) -> dict:
    return {"name": f"Cơ khí Tân Uyên {i}", "description": f"CNC, đo rung, bảo trì dự đoán {i}",
            "needs": "phòng lab đo rung", "sector": "manufacturing", "stage": "mvp", "website": "",
            "team_size": "4"}  # fmt: skip


def test_concurrent_saves_of_one_startup_while_a_worker_matches_it_never_error(
    app, client, login_as, db, caplog
):
    founder = login_as("founder")
    startup = StartupFactory(owner=founder)
    doc_id, url = f"startup:{startup.id}", f"/startups/{startup.id}/edit"
    cookie = client.get_cookie("session").value
    saving, worker_errors = threading.Event(), []

    def worker() -> None:  # the match task: reads the profile, then deletes its flag
        with app.app_context():
            while saving.is_set():
                try:
                    incremental.match_profile(doc_id)
                except Exception as error:
                    worker_errors.append(error)
                    _db.session.rollback()
            _db.session.remove()

    def save(i: int) -> str:
        browser = app.test_client()
        browser.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
        browser.set_cookie("session", cookie)
        token = csrf_token(browser.get(url).get_data(as_text=True))
        data = {**startup_form(startup.id, i), "csrf_token": token}
        response = browser.post(url, data=data, follow_redirects=True)
        queued = "Saved. Our staff review the matches for this profile" in response.get_data(as_text=True)
        return "queued" if response.status_code == 200 and queued else str(response.status_code)

    saving.set()
    matcher = threading.Thread(target=worker)
    matcher.start()
    try:
        statuses = in_threads(app, save)
    finally:
        saving.clear()
        matcher.join(timeout=60)
    assert statuses == ["queued"] * THREADS
    assert worker_errors == [] and not [r for r in caplog.records if r.levelno >= logging.ERROR]
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(PendingMatch)) <= 1


def test_a_save_keeps_its_flag_and_task_when_a_worker_cleared_the_flag_meanwhile(db):
    startup = StartupFactory()
    doc_id = f"startup:{startup.id}"
    incremental.queue_profile_match("startup", startup.id)
    with _db.engine.begin() as worker:  # the worker finishes the previous match
        worker.execute(sa.delete(PendingMatch).where(PendingMatch.document_id == doc_id))
    assert incremental.queue_profile_match("startup", startup.id) is True  # the next save flags it again
    assert db.session.scalar(select(PendingMatch.queued_at).where(PendingMatch.document_id == doc_id))
    assert incremental.pending_count() == 1


def test_concurrent_starts_begin_exactly_one_run(app, db):
    results = in_threads(app, lambda i: services.start_run(None).id)
    outcomes = kinds(results)
    assert outcomes == {"ok": 1, "RunRefused: A matching run is already in progress.": THREADS - 1}
    active = select(func.count()).where(MatchingRun.status.in_(services.ACTIVE))
    assert db.session.scalar(active) == 1


def test_the_database_refuses_a_second_active_run(db):
    db.session.add(MatchingRun(status="queued", params={}))
    db.session.commit()
    db.session.add(MatchingRun(status="running", params={}))
    with pytest.raises(sa.exc.IntegrityError, match="uq_matching_runs_one_active"):
        db.session.commit()
    db.session.rollback()
    db.session.add_all([MatchingRun(status="done", params={}), MatchingRun(status="failed", params={})])
    db.session.commit()  # finished runs are not limited


def failed_run(db, **fields: object) -> MatchingRun:  # noqa: ANN001
    run = MatchingRun(status="failed", params={"top_k": 3, "shard_size": 4}, error="stopped", **fields)
    db.session.add(run)
    db.session.commit()
    return run


def test_a_failed_run_is_not_retried_while_another_run_is_active(db):
    stopped = failed_run(db)
    db.session.add(MatchingRun(status="running", params={}))
    db.session.commit()
    with pytest.raises(services.RunRefused, match="already in progress"):
        services.retry_run(stopped.id, None)
    db.session.expire_all()
    assert db.session.get(MatchingRun, stopped.id).status == "failed"


def test_concurrent_retries_of_a_failed_run_reopen_it_once(app, db):
    run_id = failed_run(db).id
    outcomes = kinds(in_threads(app, lambda i: services.retry_run(run_id, None).id))
    assert outcomes["ok"] == 1 and sum(outcomes.values()) == THREADS
    assert set(outcomes) - {"ok"} <= {
        "RunRefused: Only a failed run can be retried.",
        "RunRefused: A matching run is already in progress.",
    }
    db.session.expire_all()
    assert db.session.get(MatchingRun, run_id).status == "queued"


def test_a_late_planning_task_does_not_revive_a_failed_run(db):
    StartupFactory()
    run = failed_run(db)
    assert services.plan_run(run.id) == []
    db.session.expire_all()
    assert db.session.get(MatchingRun, run.id).status == "failed"
    assert db.session.scalar(select(func.count()).select_from(RunShard)) == 0


def test_a_run_failed_while_its_plan_was_fitting_stays_failed(db, monkeypatch):
    LabFactory()
    StartupFactory(description="đo rung máy dập, bảo trì dự đoán")
    run = MatchingRun(status="queued", params={"top_k": 3, "shard_size": 4}, heartbeat_at=utcnow())
    db.session.add(run)
    db.session.commit()
    fit_for_run = fitted.fit_for_run

    def stale_sweep_during_the_fit(session, run_id):  # noqa: ANN001, ANN202
        with _db.engine.begin() as sweep:
            sweep.execute(sa.update(MatchingRun).where(MatchingRun.id == run_id).values(status="failed"))
        return fit_for_run(session, run_id)

    monkeypatch.setattr(fitted, "fit_for_run", stale_sweep_during_the_fit)
    assert services.plan_run(run.id) == []
    db.session.expire_all()
    assert db.session.get(MatchingRun, run.id).status == "failed"
    assert db.session.scalar(select(func.count()).select_from(RunShard)) >= 1  # Retry resumes from them
    fitted.forget()


def pending_suggestion(db) -> Suggestion:  # noqa: ANN001
    startup, lab = StartupFactory(), LabFactory()
    row = Suggestion(kind="startup-lab", source_type="startup", source_id=startup.id, target_type="lab",
                     target_id=lab.id, score=0.4, terms=["cnc"])  # fmt: skip
    db.session.add(row)
    db.session.commit()
    return row


def test_a_rerun_never_deletes_a_suggestion_staff_approved_while_it_ranked(db, monkeypatch):
    row = pending_suggestion(db)
    staff_id, source = row.id, f"startup:{row.source_id}"
    from incubator.matching import suggestions

    read = suggestions.existing_pairs

    def approved_right_after_the_read(source_ids):  # noqa: ANN001, ANN202
        rows = read(source_ids)
        with _db.engine.begin() as staff:
            staff.execute(sa.update(Suggestion).where(Suggestion.id == staff_id).values(status="approved"))
        return rows

    monkeypatch.setattr(suggestions, "existing_pairs", approved_right_after_the_read)
    replace_pending({source: []}, None)  # the new ranking no longer holds the pair
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Suggestion, staff_id).status == "approved"


def test_concurrent_decisions_on_one_suggestion_take_exactly_one(app, db):
    suggestion_id = pending_suggestion(db).id
    choice = ("approved", "rejected")
    outcomes = kinds(
        in_threads(
            app, lambda i: decisions.decide_suggestion(suggestion_id, choice[i % 2], None, "too_early")
        )
    )
    assert outcomes == {"ok": 1, "DecisionRefused: This suggestion was already decided.": THREADS - 1}
    db.session.expire_all()
    assert db.session.get(Suggestion, suggestion_id).status in choice


def test_deciding_a_suggestion_a_newer_match_replaced_says_so(client, login_as, post_form, db):
    login_as("staff")
    row = pending_suggestion(db)
    page = client.get("/matching/suggestions").get_data(as_text=True)
    db.session.execute(sa.delete(Suggestion).where(Suggestion.id == row.id))  # a worker replaced it
    db.session.commit()
    response = client.post(f"/matching/suggestions/{row.id}/decision",
                           data={"decision": "approved", "csrf_token": csrf_token(page)},
                           follow_redirects=True)  # fmt: skip
    assert response.status_code == 200
    assert "This suggestion is no longer offered: a newer match replaced it." in response.get_data(
        as_text=True
    )


class Writes:
    """Counts the INSERT, UPDATE and DELETE statements an engine runs while listening."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine, self.statements = engine, []

    def __enter__(self) -> Writes:
        sa.event.listen(self.engine, "before_cursor_execute", self.seen)
        return self

    def __exit__(self, *exc: object) -> None:
        sa.event.remove(self.engine, "before_cursor_execute", self.seen)

    def seen(self, conn, cursor, statement: str, *args: object) -> None:  # noqa: ANN001
        if statement.lstrip().split(None, 1)[0].upper() in ("INSERT", "UPDATE", "DELETE"):
            self.statements.append(statement)


def test_the_run_pages_write_nothing_even_for_a_stale_run(app, client, login_as, db):
    login_as("staff")
    run = MatchingRun(
        status="running", params={}, progress_total=4, heartbeat_at=utcnow() - timedelta(hours=2)
    )
    db.session.add(run)
    db.session.commit()
    urls = ["/matching/", f"/matching/runs/{run.id}", f"/matching/runs/{run.id}/status.json"]
    with Writes(db.engine) as writes:
        assert [client.get(url).status_code for url in urls] == [200, 200, 200]
    assert writes.statements == []
    result = app.test_cli_runner().invoke(args=["matching", "sweep"])
    assert result.exit_code == 0 and "Marked 1 stale run(s) failed." in result.output
    db.session.expire_all()
    assert db.session.get(MatchingRun, run.id).status == "failed"


def flag(db, doc_id: str, queued_ago: timedelta | None) -> None:  # noqa: ANN001
    queued_at = None if queued_ago is None else utcnow() - queued_ago
    db.session.add(PendingMatch(document_id=doc_id, queued_at=queued_at))
    db.session.commit()


def test_the_sweep_queues_again_a_match_that_was_queued_long_ago(app, db):
    flag(db, "startup:1", timedelta(hours=2))  # taken by the broker, never finished (out of retries)
    flag(db, "startup:2", None)  # the broker was down
    flag(db, "startup:3", timedelta(minutes=1))  # queued just now: a worker has it
    before = utcnow()
    result = app.test_cli_runner().invoke(args=["matching", "sweep"])
    assert result.exit_code == 0 and "Queued 2 flagged profile(s)." in result.output
    db.session.expire_all()
    queued = dict(db.session.execute(select(PendingMatch.document_id, PendingMatch.queued_at)).all())
    assert queued["startup:1"] >= before and queued["startup:2"] >= before
    assert queued["startup:3"] < before


def test_the_worker_beat_runs_the_sweep_periodically(app, db):
    from incubator.matching.tasks import sweep

    schedule = app.config["CELERY"]["beat_schedule"]
    assert sweep.name in {entry["task"] for entry in schedule.values()}
    assert sweep.name in app.extensions["celery"].tasks
    flag(db, "startup:9", timedelta(days=1))
    assert sweep.run() == {"lost_shards": 0, "stale_runs": 0, "requeued": 1}
