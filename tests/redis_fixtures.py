"""Redis for tests: this run's key prefix, reachability, and a real server that has been stopped."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator

import pytest
import redis
from celery import Celery
from flask import Flask

IN_CI = os.environ.get("CI") == "true"
# Redis keys of this run carry their own prefix, so two runs on one machine never share a key.
RUN_PREFIX = f"test-{uuid.uuid4().hex[:12]}-"
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_or_skip(url: str) -> None:
    """Fail in CI, skip elsewhere, when Redis is not reachable."""
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        message = f"Redis at {url} is unreachable: {error}"
        pytest.fail(message) if IN_CI else pytest.skip(message)


def delete_run_keys(url: str) -> None:
    """Delete this run's keys (and only them) from the Redis at `url`."""
    client = redis.Redis.from_url(url)
    keys = list(client.scan_iter(match=f"*{RUN_PREFIX}*", count=1000))
    if keys:
        client.delete(*keys)
    client.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def stopped_redis() -> Iterator[str]:
    """A real redis-server of our own, started and then stopped: its URL now refuses connections."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server is missing") if IN_CI else pytest.skip("redis-server is not installed")
    port = free_port()
    server = subprocess.Popen([binary, "--port", str(port), "--save", "", "--appendonly", "no"],
                              stdout=subprocess.DEVNULL)  # fmt: skip
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    for _ in range(50):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.1)
    client.close()
    server.terminate()
    server.wait(timeout=10)
    yield url


@pytest.fixture
def queue_down(app: Flask, stopped_redis: str) -> Iterator[None]:
    """For this test the session app publishes its tasks to a stopped Redis (a real refused connection)."""
    settings = {**app.config["CELERY"], "broker_url": stopped_redis}
    settings["broker_transport_options"] = {"socket_connect_timeout": 1, "socket_timeout": 1}
    down = Celery(app.name, set_as_current=False)
    down.config_from_object(settings)
    working, app.extensions["celery"] = app.extensions["celery"], down
    yield
    app.extensions["celery"] = working
    down.close()
