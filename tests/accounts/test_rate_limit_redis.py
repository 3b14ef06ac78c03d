"""With REDIS_URL set, login attempts are counted in Redis, shared by every web process."""

from collections.abc import Iterator

import pytest
import redis
from flask import Flask

from incubator.extensions import limiter
from tests.conftest import IN_CI, IsolatedClient, dispose, make_app, submit

REDIS_URL = "redis://127.0.0.1:6379/13"


@pytest.fixture
def redis_limited_app(app: Flask, database: str) -> Iterator[Flask]:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).flushdb()
    except redis.RedisError as error:
        pytest.fail(f"Redis unreachable: {error}") if IN_CI else pytest.skip(f"Redis unreachable: {error}")
    limited = make_app(database, "memory://", RATELIMIT_STORAGE_URI=REDIS_URL)
    limited.test_client_class = IsolatedClient
    yield limited
    dispose(limited)


def test_the_eleventh_bad_login_is_refused_and_counted_in_redis(redis_limited_app):
    client = redis_limited_app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    statuses = [
        submit(client, "/login", {"email": "a@example.test", "password": "wrong-password"}).status_code
        for _ in range(11)
    ]
    assert statuses[-1] == 429 and statuses[:10] == [200] * 10
    assert redis.Redis.from_url(REDIS_URL).keys("LIMITS*")
    with redis_limited_app.app_context():
        limiter.reset()
