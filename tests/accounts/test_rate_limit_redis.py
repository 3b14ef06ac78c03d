"""With REDIS_URL set, login attempts are counted in Redis, shared by every web process."""

from collections.abc import Iterator

import pytest
import redis
from flask import Flask

from tests.conftest import submit
from tests.redis_fixtures import RUN_PREFIX, TEST_REDIS_URL, delete_run_keys, redis_or_skip


@pytest.fixture
def redis_limited_app(own_app) -> Iterator[Flask]:  # noqa: ANN001
    redis_or_skip(TEST_REDIS_URL)
    yield own_app(RATELIMIT_STORAGE_URI=TEST_REDIS_URL)
    delete_run_keys(TEST_REDIS_URL)


def test_the_eleventh_bad_login_is_refused_and_counted_in_redis(redis_limited_app):
    client = redis_limited_app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    statuses = [
        submit(client, "/login", {"email": "a@example.test", "password": "wrong-password"}).status_code
        for _ in range(11)
    ]
    assert statuses[-1] == 429 and statuses[:10] == [200] * 10
    assert list(redis.Redis.from_url(TEST_REDIS_URL).scan_iter(match=f"LIMITS*{RUN_PREFIX}*"))
