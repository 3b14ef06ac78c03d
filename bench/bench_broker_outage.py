"""How long requests that queue tasks take with the broker up, down (port closed) and hung (never answers).

Usage: python -m bench.bench_broker_outage [--repeat 5]
Runs the app in this process (Flask's test client: the time is the app's own, no network or server)
on a fresh SQLite file, with a throwaway redis-server on a free port as its broker (started, then
stopped for "down"); "hung" is a port that accepts connections and never answers. Prints, per
request, the median and the slowest time, and how many outbox rows wait for the relay; down and hung
run twice: as configured (after a failure a process leaves new rows to the relay for QUIET seconds) and
with every request trying the broker once.
Before the outbox (issue 29): 19 s per queued task with Redis stopped, 500 at 30 s for an approval.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "bench-password-1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_redis(port: int) -> subprocess.Popen:
    """A throwaway redis-server on `port` (never the shared one), answering once this returns."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise SystemExit("redis-server is not installed")
    server = subprocess.Popen([binary, "--port", str(port), "--save", "", "--appendonly", "no"],
                              stdout=subprocess.DEVNULL)  # fmt: skip
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2) as probe:
                probe.sendall(b"PING\r\n")
                if probe.recv(16).startswith(b"+PONG"):
                    return server
        except OSError:
            time.sleep(0.05)
    raise SystemExit("redis-server did not start")


def build_app(database: str, broker: str) -> Flask:
    from incubator.app import create_app

    return create_app({
        "INCUBATOR_ENV": "testing", "SECRET_KEY": "bench-secret", "SQLALCHEMY_DATABASE_URI": database,
        "WTF_CSRF_ENABLED": False, "MAIL_BACKEND": "locmem", "LOGIN_RATE_LIMIT": "1000 per minute",
        "EMAIL_LINK_RATE_LIMIT": "1000 per hour", "RATELIMIT_STORAGE_URI": "memory://",
        "CELERY": {**build_celery(broker)},
    })  # fmt: skip


def build_celery(broker: str) -> dict:
    from config import build_config

    return build_config({"CELERY_BROKER_URL": broker})["CELERY"]


def users(app: Flask) -> None:
    from incubator.accounts.services import create_user

    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        create_user("founder@bench.test", PASSWORD, "Founder", "founder", "en", verified=True)
        create_user("staff@bench.test", PASSWORD, "Staff", "staff", "en", verified=True)


def client_of(app: Flask, email: str) -> FlaskClient:
    client = app.test_client()
    response = client.post("/login", data={"email": email, "password": PASSWORD})
    assert response.status_code == 302, response.status_code
    return client


def requests(app: Flask) -> dict[str, Callable[[int], int]]:
    """The requests that queue tasks: (label → send the i-th one, return its status)."""
    founder, staff, anonymous = (
        client_of(app, "founder@bench.test"),
        client_of(app, "staff@bench.test"),
        app.test_client(),
    )
    startup = {
        "description": "IoT",
        "needs": "lab",
        "sector": "manufacturing",
        "stage": "mvp",
        "team_size": "3",
    }

    def start_run(i: int) -> int:
        status = staff.post("/matching/runs", data={}).status_code
        with app.app_context():  # let the next start begin: this bench measures the request only
            from incubator.extensions import db
            from incubator.matching.models import MatchingRun

            db.session.query(MatchingRun).filter(MatchingRun.status.in_(["queued", "running"])).update(
                {"status": "failed"}
            )
            db.session.commit()
        return status

    def save_startup(i: int) -> int:
        return founder.post("/startups/new", data={**startup, "name": f"S {i}"}).status_code

    def forgot_password(i: int) -> int:
        return anonymous.post("/password/forgot", data={"email": f"x{i}@bench.test"}).status_code

    return {
        "save a startup (1 task)": save_startup,
        "forgotten password (1 task)": forgot_password,
        "start a matching run (1 task)": start_run,
    }


def pending(app: Flask) -> int:
    from incubator.outbox import services

    with app.app_context():
        return services.pending_count()


def measure(app: Flask, repeat: int) -> None:
    for label, send in requests(app).items():
        times, statuses = [], set()
        for i in range(repeat):
            started = time.perf_counter()
            statuses.add(send(i))
            times.append(1000 * (time.perf_counter() - started))
        print(f"  {label:32} median {statistics.median(times):7.1f} ms   max {max(times):7.1f} ms   "
              f"status {sorted(statuses)}")  # fmt: skip
    print(f"  outbox rows waiting for the relay: {pending(app)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    from incubator.outbox import services

    port = free_port()
    server = start_redis(port)
    hung = socket.socket()
    hung.bind(("127.0.0.1", 0))
    hung.listen(64)
    workdir = Path(tempfile.mkdtemp(prefix="bench-outage-"))
    os.environ.setdefault("INCUBATOR_ENV", "testing")
    try:
        database = f"sqlite:///{workdir / 'bench.sqlite'}"
        up = build_app(database, f"redis://127.0.0.1:{port}/0")
        users(up)
        print(f"Redis up (127.0.0.1:{port}):")
        measure(up, repeat)
        server.terminate()
        server.wait(timeout=10)
        for quiet in (services.QUIET, 0.0):  # 0: every request tries the broker once after its commit
            services.QUIET = quiet
            print(f"Redis down (port closed), quiet {quiet:g} s after a failure:")
            measure(build_app(database, f"redis://127.0.0.1:{port}/0"), repeat)
            print(f"Redis hung (a port that never answers), quiet {quiet:g} s after a failure:")
            measure(build_app(database, f"redis://127.0.0.1:{hung.getsockname()[1]}/0"), repeat)
    finally:
        if server.poll() is None:
            server.terminate()
        hung.close()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
