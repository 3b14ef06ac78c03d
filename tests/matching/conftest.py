"""Real Celery workers (separate processes) on a real broker: Redis, or the embedded SQLite one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask

from incubator.extensions import db as _db
from incubator.matching import fitted
from tests.conftest import IsolatedClient, dispose, empty_tables, make_app
from tests.redis_fixtures import RUN_PREFIX, TEST_REDIS_URL, delete_run_keys, redis_or_skip

ROOT = Path(__file__).resolve().parents[2]
REDIS_TEST_URL = TEST_REDIS_URL


def wait_for(predicate: Callable[[], object], timeout: float = 60, interval: float = 0.2) -> object:
    """Poll `predicate` until it is truthy; fail the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"condition not met within {timeout}s")


@pytest.fixture(scope="session", params=["redis", "embedded"])
def broker_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Each worker test runs once on Redis (under this run's key prefix) and once on the embedded broker."""
    if request.param == "redis":
        redis_or_skip(REDIS_TEST_URL)
        yield REDIS_TEST_URL
        delete_run_keys(REDIS_TEST_URL)
    else:
        yield f"sqla+sqlite:///{tmp_path_factory.mktemp('embedded') / 'broker.sqlite'}"


@pytest.fixture(scope="session")
def broker_app(app: Flask, database: str, broker_url: str) -> Iterator[Flask]:
    """An app on the test database that publishes to `broker_url` (small shards: several per run)."""
    broker_app = make_app(
        database, broker_url, MATCHING_SHARD_SIZE=4, MATCHING_MODEL_TTL=0, MATCHING_STALE_AFTER=20
    )
    broker_app.test_client_class = IsolatedClient
    yield broker_app
    dispose(broker_app)


@pytest.fixture
def wdb(broker_app: Flask) -> Iterator:
    """The database in `broker_app`'s context, with an empty queue; emptied after the test."""
    with broker_app.app_context():
        broker_app.extensions["celery"].control.purge()
        fitted.forget()
        yield _db
        _db.session.remove()
        empty_tables()


class Workers:
    """Celery worker processes started for one test; each in its own process group."""

    def __init__(self, database: str, broker: str, logs: Path) -> None:
        self.database, self.broker, self.logs = database, broker, logs
        self.processes: list[subprocess.Popen] = []
        self.settings: dict[str, str] = {}  # a test's own environment for the workers it starts

    def environment(self) -> dict:
        env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")}
        return (
            env
            | {
                "INCUBATOR_ENV": "testing",
                "SECRET_KEY": "test-secret",
                "DATABASE_URL": self.database,
                "CELERY_BROKER_URL": self.broker,
                "CELERY_RESULT_BACKEND": "cache+memory://",
                "CELERY_VISIBILITY_TIMEOUT": "4",
                "CELERY_RESTORE_INTERVAL": "1",
                "CELERY_KEY_PREFIX": RUN_PREFIX,
                "MATCHING_MODEL_TTL": "0",
            }
            | self.settings
        )

    def start(self, concurrency: int = 1, beat: bool = False) -> subprocess.Popen:
        """Start a worker (with the periodic tasks when `beat`) and wait until it is ready to take tasks."""
        log = self.logs / f"worker{len(self.processes)}.log"
        command = [sys.executable, "-m", "celery", "-A", "worker.celery_app", "worker", "-l", "info",
                   "-c", str(concurrency), "-n", f"test{len(self.processes)}@%h",
                   "--without-gossip", "--without-mingle"]  # fmt: skip
        if beat:
            command += ["--beat", "--schedule", str(self.logs / "celerybeat-schedule")]
        with log.open("w") as out:
            process = subprocess.Popen(
                command, cwd=ROOT, env=self.environment(), stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        self.processes.append(process)
        wait_for(lambda: "ready." in log.read_text() or process.poll() is not None, timeout=60)
        assert process.poll() is None, log.read_text()[-3000:]
        return process

    def kill(self, process: subprocess.Popen) -> None:
        """SIGKILL a worker and its pool children, as a crashed machine would."""
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)

    def log_tail(self) -> str:
        return "\n".join(p.read_text()[-2000:] for p in sorted(self.logs.glob("worker*.log")))


@pytest.fixture
def workers(wdb, database: str, broker_url: str, tmp_path: Path) -> Iterator[Workers]:  # noqa: ANN001
    """Start workers with `workers.start()`; all are stopped before the database is emptied."""
    pool = Workers(database, broker_url, tmp_path)
    yield pool
    pool.stop_all()


WORDS = [
    "sensor",
    "vibration",
    "bearing",
    "stamping",
    "press",
    "mould",
    "plastic",
    "injection",
    "pcb",
    "solder",
    "camera",
    "vision",
    "logistics",
    "route",
    "warehouse",
    "cold",
    "chain",
    "food",
    "drying",
    "fruit",
    "textile",
    "dyeing",
    "furniture",
    "wood",
    "coating",
    "solar",
    "inverter",
    "battery",
    "energy",
    "robot",
    "arm",
    "plc",
    "scada",
    "iot",
    "gateway",
    "erp",
    "retail",
    "payment",
    "fintech",
]


@pytest.fixture
def bulk_startups(wdb) -> Callable[[int], None]:  # noqa: ANN001
    """Insert `n` startup profiles with varied text in one statement (a corpus worth sharding)."""
    from incubator.database import utcnow
    from incubator.startups.models import Startup
    from tests.factories import UserFactory

    def insert(n: int) -> None:
        owner = UserFactory(role="founder")
        now = utcnow()
        rows = [
            {"owner_id": owner.id, "name": f"Startup {i}", "stage": "mvp", "sector": WORDS[i % 7],
             "description": " ".join(WORDS[(i * j) % len(WORDS)] for j in range(1, 40)),
             "needs": " ".join(WORDS[(i + j * 3) % len(WORDS)] for j in range(12)),
             "website": "", "team_size": 3, "created_at": now, "updated_at": now}
            for i in range(n)
        ]  # fmt: skip
        wdb.session.execute(Startup.__table__.insert(), rows)
        wdb.session.commit()

    return insert
