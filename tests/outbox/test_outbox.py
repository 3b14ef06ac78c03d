"""The outbox: a task commits with its change, is sent after the commit, waits while the broker is down."""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
import redis
import sqlalchemy as sa
from celery import Celery
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from werkzeug.test import TestResponse

from incubator.database import utcnow
from incubator.extensions import db as _db
from incubator.outbox import services
from incubator.outbox.models import OutboxMessage
from incubator.outbox.services import dispatch
from incubator.search.index import concepts_for
from tests.conftest import (
    KEY_PATTERN,
    IsolatedClient,
    csrf_token,
    dispose,
    empty_tables,
    make_app,
    submit,
    unsent_tasks,
)
from tests.factories import UserFactory
from tests.matching.conftest import Workers, wait_for
from tests.notifications.conftest import mail_settings
from tests.redis_fixtures import free_port

WARN = "incubator.notifications.tasks.warn_of_failed_logins"
STARTUP = {"name": "Cảm biến Bình Dương", "description": "IoT", "needs": "lab", "sector": "manufacturing",
           "stage": "mvp", "website": "", "team_size": "3"}  # fmt: skip


def timed_post(client: FlaskClient, url: str, data: dict) -> tuple[TestResponse, float]:
    """Open the form on `url`, then POST `data` with its tokens; the answer and the POST's own seconds.

    The glossary is compiled first: once per process (1–4 s here), it is no request's broker time."""
    concepts_for(_db.session)
    html = client.get(url).get_data(as_text=True)
    tokens = {"csrf_token": csrf_token(html), "idempotency_key": KEY_PATTERN.search(html).group(1)}
    started = time.monotonic()
    response = client.post(url, data={**data, **tokens})
    return response, time.monotonic() - started


@contextmanager
def broker(app: Flask, url: str) -> Iterator[None]:
    """The app publishes to `url` for the block (Redis: the app's own short timeouts apply)."""
    other = Celery(app.name, set_as_current=False)
    other.config_from_object({**app.config["CELERY"], "broker_url": url})
    working, app.extensions["celery"] = app.extensions["celery"], other
    try:
        yield
    finally:
        app.extensions["celery"] = working
        other.close()


@pytest.fixture
def hung_redis() -> Iterator[str]:
    """A port that accepts connections and never answers (a hung Redis)."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        yield f"redis://127.0.0.1:{listener.getsockname()[1]}/0"


def rows() -> list[OutboxMessage]:
    _db.session.expire_all()
    return list(_db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def make_due() -> None:
    _db.session.execute(sa.update(OutboxMessage).values(next_attempt_at=utcnow() - timedelta(seconds=1)))
    _db.session.commit()


def test_a_task_waits_for_its_commit_and_is_sent_right_after_it(db):
    dispatch(WARN, "an@example.test")
    assert [row.sent_at for row in rows()] == [None]  # flushed in the transaction, not sent
    db.session.commit()
    [row] = rows()
    assert row.sent_at is not None and row.attempts == 1 and row.args == ["an@example.test"]


def test_a_task_of_a_rolled_back_transaction_is_never_sent(db):
    dispatch(WARN, "an@example.test")
    db.session.flush()
    db.session.rollback()
    db.session.commit()
    assert services.relay() == 0
    assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 0


def test_with_the_broker_down_requests_answer_at_once_and_their_tasks_wait(client, login_as, db, queue_down):
    login_as("founder")
    for name in ("Cảm biến Bình Dương", "Nông nghiệp số"):
        response, elapsed = timed_post(client, "/startups/new", {**STARTUP, "name": name})
        assert response.status_code == 302 and elapsed < 1, elapsed  # the figure: under 1 s
    waiting = [row for row in rows() if row.task == "incubator.matching.tasks.match_profile"]
    assert len(waiting) == 2 and all(row.sent_at is None for row in waiting)
    assert waiting[0].attempts == 1 and "refused" in waiting[0].last_error.lower()
    assert waiting[1].attempts <= 1  # the first failure let the next request leave its task to the relay


def test_a_hung_broker_costs_a_request_under_a_second(app, client, login_as, db, hung_redis):
    login_as("founder")
    with broker(app, hung_redis):
        response, elapsed = timed_post(client, "/startups/new", STARTUP)
    assert response.status_code == 302 and elapsed < 1, elapsed  # one send of OUTBOX_SEND_TIMEOUT (0.5 s)
    assert [row.sent_at for row in rows() if "match_profile" in row.task] == [None]


def test_the_relay_waits_longer_after_each_failure_then_sends_and_purges(app, db, stopped_redis):
    with broker(app, stopped_redis):
        dispatch(WARN, "a@example.test")
        dispatch(WARN, "b@example.test")
        db.session.commit()  # the short try after the commit fails
        first = rows()
        assert [r.attempts for r in first] == [1, 1] and first[0].next_attempt_at > utcnow()
        assert services.relay() == 0  # not due yet: nothing tried
        make_due()
        assert services.relay() == 0
        later = rows()
        assert [r.attempts for r in later] == [2, 2]
        assert later[0].next_attempt_at - utcnow() > timedelta(seconds=8)  # 10 s after the second failure
    make_due()
    assert services.relay() == 2  # the broker is back
    assert all(r.sent_at is not None and r.last_error == "" for r in rows())
    db.session.execute(sa.update(OutboxMessage).values(sent_at=utcnow() - timedelta(days=2)))
    db.session.commit()
    services.relay()
    assert rows() == []  # sent long ago: purged


def test_two_relays_never_claim_one_row_twice(app, db):
    now = utcnow()
    with db.engine.begin() as connection:  # committed without the session: nothing sends them
        connection.execute(
            sa.insert(OutboxMessage),
            [{"task": WARN, "args": [i], "created_at": now, "attempts": 0, "next_attempt_at": now,
              "last_error": ""} for i in range(300)],
        )  # fmt: skip
    start, taken = threading.Barrier(2), [[], []]

    def relay(slot: int) -> None:
        with app.app_context():
            start.wait()
            while claimed := services.claim(_db.engine, limit=7):
                taken[slot].extend(row[0] for row in claimed)

    threads = [threading.Thread(target=relay, args=(slot,)) for slot in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert taken[0] and taken[1]  # both relays worked
    assert not set(taken[0]) & set(taken[1])
    assert len(taken[0]) + len(taken[1]) == 300


def test_the_relay_command_sends_what_waits(app, db):
    now = utcnow()
    with db.engine.begin() as connection:
        connection.execute(
            sa.insert(OutboxMessage),
            [{"task": WARN, "args": [f"{i}@example.test"], "created_at": now, "attempts": 0,
              "next_attempt_at": now, "last_error": ""} for i in range(2)],
        )  # fmt: skip
    result = app.test_cli_runner().invoke(args=["outbox", "relay"])
    assert result.exit_code == 0 and "Sent 2 task(s); 0 wait for the broker." in result.output


class RedisServer:
    """A redis-server of our own on a fixed port, stopped and started again (never the shared one)."""

    def __init__(self) -> None:
        self.binary = shutil.which("redis-server") or pytest.skip("redis-server is not installed")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        wait_for(self.answers, timeout=10, interval=0.05)

    def answers(self) -> bool:
        try:
            return redis.Redis.from_url(self.url, socket_connect_timeout=0.5).ping()
        except redis.ConnectionError:
            return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture
def outage(app: Flask, database: str, smtp_server, tmp_path: Path) -> Iterator[tuple[Flask, RedisServer]]:  # noqa: ANN001
    """An app whose broker is a Redis of our own (stopped by the test), mailing the test SMTP server."""
    server = RedisServer()
    server.start()
    outage_app = make_app(database, server.url, **mail_settings(smtp_server[1]))
    outage_app.test_client_class = IsolatedClient
    try:
        with outage_app.app_context():
            yield outage_app, server
            _db.session.remove()
            empty_tables()
    finally:
        server.stop()
        dispose(outage_app)


@pytest.mark.worker
def test_an_email_asked_for_while_redis_is_down_is_sent_after_it_without_a_command(
    outage, database, smtp, smtp_server, tmp_path: Path
):
    app, server = outage
    owner = UserFactory(language="en")
    server.stop()
    client = app.test_client()
    started = time.monotonic()
    response = submit(client, "/password/forgot", {"email": owner.email})
    assert response.status_code == 302 and time.monotonic() - started < 2
    assert unsent_tasks() == [("incubator.accounts.tasks.request_password_reset", [owner.email])]
    server.start()  # the broker is back; a worker with its beat relays, nobody runs a command
    workers = Workers(database, server.url, tmp_path)
    workers.settings = {"OUTBOX_RELAY_EVERY": "1"} | {
        k: str(v) for k, v in mail_settings(smtp_server[1]).items()
    }
    try:
        workers.start(beat=True)
        wait_for(lambda: smtp.messages, timeout=60)
    finally:
        workers.stop_all()
    [message] = smtp.messages
    assert message["To"] == owner.email
    _db.session.rollback()
    assert unsent_tasks() == []  # the reset request and, from the worker, its e-mail: all sent
