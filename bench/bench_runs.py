"""Wall time of a full matching run over a synthetic 50k-profile database with 1, 2 and 4 workers.

Usage: python -m bench.bench_runs [--profiles 50000] [--workers 1,2,4] [--shard-size 1000]
Database: BENCH_DATABASE_URL (default a fresh SQLite file); broker: BENCH_BROKER_URL (default Redis db 14).
Each row carries the 1-minute load average before and after the run (a shared machine).
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from flask import current_app
from flask_migrate import upgrade
from sqlalchemy import delete, func, select

from bench.bench_matchcore import synthetic
from incubator.app import create_app
from incubator.database import utcnow
from incubator.extensions import db
from incubator.matching import services
from incubator.models import (
    Capability,
    Challenge,
    Lab,
    MatchingRun,
    MentorProfile,
    Organization,
    RunShard,
    Startup,
    Suggestion,
    User,
)  # fmt: skip

ROOT = Path(__file__).resolve().parents[1]
# share of the profiles per kind: sources (challenges, startups) and targets (capabilities, labs, mentors)
MIX = {"startup": 0.5, "challenge": 0.2, "capability": 0.15, "lab": 0.05, "mentor": 0.1}


def build_app(database: str, broker: str, shard_size: int):  # noqa: ANN201
    """An app on the benchmark database and broker."""
    os.environ.update(DATABASE_URL=database, CELERY_BROKER_URL=broker, INCUBATOR_ENV="testing",
                      SECRET_KEY="bench", CELERY_RESULT_BACKEND="cache+memory://",
                      MATCHING_SHARD_SIZE=str(shard_size), MATCHING_STALE_AFTER="3600")  # fmt: skip
    return create_app()


def owners() -> tuple[int, int, int]:
    """A user, a university and an enterprise to own the synthetic rows."""
    user = User(email="bench@example.test", full_name="Bench", role="admin", password_hash="x")
    uni = Organization(name="Bench University", kind="university")
    ent = Organization(name="Bench Enterprise", kind="enterprise")
    db.session.add_all([user, uni, ent])
    db.session.commit()
    return user.id, uni.id, ent.id


def rows_for(kind: str, texts: list[str], user: int, uni: int, ent: int) -> tuple[type, list[dict]]:
    """Insertable rows of `kind` whose text is `texts`."""
    now = {"created_at": utcnow(), "updated_at": utcnow()}
    if kind == "startup":
        return Startup, [{"owner_id": user, "name": t[:60], "description": t, "needs": "", "sector": "",
                          "stage": "mvp", "website": "", "team_size": 3, **now} for t in texts]  # fmt: skip
    if kind == "challenge":
        return Challenge, [{"organization_id": ent, "author_id": user, "title": t[:60], "description": t,
                            "sector": "", "status": "open", **now} for t in texts]  # fmt: skip
    if kind == "capability":
        return Capability, [{"organization_id": uni, "owner_id": user, "title": t[:60], "description": t,
                             "keywords": "", **now} for t in texts]  # fmt: skip
    if kind == "lab":
        return Lab, [{"organization_id": uni, "manager_id": user, "name": t[:60], "kind": "fablab",
                      "description": t, "equipment": "", "opening_hours": "", "capacity": 5, "location": "",
                      "bookable": True, **now} for t in texts]  # fmt: skip
    return MentorProfile, [{"user_id": None, "headline": t[:60], "expertise": t, "sectors": "",
                            "languages": "vi,en", "capacity_per_month": 3, "available": True, **now}
                           for t in texts]  # fmt: skip


def populate(n: int) -> None:
    """Insert `n` synthetic profiles split by MIX, unless the database already holds them."""
    if db.session.scalar(select(func.count()).select_from(Startup)):
        return
    user, uni, ent = owners()
    texts = [d.text for d in synthetic(n, seed=11)]
    start = 0
    for kind, share in MIX.items():
        count = int(n * share)
        model, rows = rows_for(kind, texts[start : start + count], user, uni, ent)
        if kind == "mentor":  # one user per mentor profile (user_id is unique)
            rows = mentor_rows(rows)
        for i in range(0, len(rows), 5000):
            db.session.execute(model.__table__.insert(), rows[i : i + 5000])
        start += count
    db.session.commit()


def mentor_rows(rows: list[dict]) -> list[dict]:
    """Give each mentor profile its own user."""
    users = [{"email": f"m{i}@example.test", "full_name": f"Mentor {i}", "role": "mentor",
              "language": "en", "password_hash": "x", "active": True, "created_at": utcnow(),
              "updated_at": utcnow()} for i in range(len(rows))]  # fmt: skip
    db.session.execute(User.__table__.insert(), users)
    ids = db.session.scalars(select(User.id).where(User.role == "mentor").order_by(User.id)).all()
    return [{**row, "user_id": uid} for row, uid in zip(rows, ids, strict=True)]


def start_workers(n: int, logs: Path) -> list[subprocess.Popen]:
    """Start `n` single-process workers and wait until each is ready."""
    processes = []
    for i in range(n):
        log = logs / f"w{n}-{i}.log"
        command = [sys.executable, "-m", "celery", "-A", "worker.celery_app", "worker", "-c", "1",
                   "-l", "info", "-n", f"bench{i}@%h", "--without-gossip", "--without-mingle"]  # fmt: skip
        processes.append(subprocess.Popen(command, cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT,
                                          start_new_session=True))  # fmt: skip
        while "ready." not in log.read_text():
            time.sleep(0.2)
    return processes


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        process.wait(timeout=60)


def timed_run(n_workers: int, logs: Path) -> tuple[float, MatchingRun]:
    """Clear earlier results, start workers, run once; return wall seconds and the run."""
    db.session.execute(delete(Suggestion))
    db.session.execute(delete(RunShard))
    db.session.execute(delete(MatchingRun))
    db.session.commit()
    current_app.extensions["celery"].control.purge()  # nothing left over from an interrupted run
    processes = start_workers(n_workers, logs)
    try:
        began = time.monotonic()
        run_id = services.start_run(None).id
        while True:
            time.sleep(0.5)
            db.session.expire_all()
            run = db.session.get(MatchingRun, run_id)
            if run.finished:
                return time.monotonic() - began, run
    finally:
        stop(processes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--profiles", type=int, default=50_000)
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--shard-size", type=int, default=1000)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="bench-runs-"))
    database = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{scratch / 'bench.sqlite'}")
    broker = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/14")
    app = build_app(database, broker, args.shard_size)
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        began = time.monotonic()
        populate(args.profiles)
        print(f"database: {database.split('@')[-1]}  broker: {broker}  profiles: {args.profiles}"
              f"  (populated in {time.monotonic() - began:.0f} s)")  # fmt: skip
        print(f"{'workers':>7} {'wall s':>8} {'sources':>8} {'shards':>6} {'suggestions':>11} {'status':>7}"
              f" {'load before':>11} {'load after':>10}")  # fmt: skip
        for n in [int(x) for x in args.workers.split(",")]:
            load = os.getloadavg()[0]  # the machine is shared: other people's work moves every figure
            seconds, run = timed_run(n, scratch)
            print(f"{n:>7} {seconds:>8.1f} {run.progress_total:>8} {run.counts.get('shards', 0):>6} "
                  f"{run.counts.get('suggestions', 0):>11} {run.status:>7} {load:>11.2f} "
                  f"{os.getloadavg()[0]:>10.2f}", flush=True)  # fmt: skip
    print(f"worker logs: {scratch}")


if __name__ == "__main__":
    main()
