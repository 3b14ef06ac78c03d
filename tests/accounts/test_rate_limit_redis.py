"""With REDIS_URL set, login attempts are counted in Redis, shared by all web processes (memory when down)."""

import socket
import time
from collections.abc import Iterator

import pytest
import redis
from flask import Flask

from tests.accounts.test_login_limits import attempt, guess
from tests.conftest import TEST_PASSWORD
from tests.factories import UserFactory
from tests.redis_fixtures import RUN_PREFIX, TEST_REDIS_URL, delete_run_keys, redis_or_skip


@pytest.fixture
def redis_limited_app(own_app) -> Iterator[Flask]:  # noqa: ANN001
    redis_or_skip(TEST_REDIS_URL)
    yield own_app(RATELIMIT_STORAGE_URI=TEST_REDIS_URL)
    delete_run_keys(TEST_REDIS_URL)


def keys(kind: str) -> list:
    return list(redis.Redis.from_url(TEST_REDIS_URL).scan_iter(match=f"LIMITS*{RUN_PREFIX}/{kind}/*"))


def test_the_eleventh_bad_login_from_one_address_is_refused_and_counted_in_redis(redis_limited_app):
    client = redis_limited_app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    statuses = [
        attempt(client, "a@example.test", "wrong-password", "10.0.8.1").status_code for _ in range(11)
    ]
    assert statuses[-1] == 429 and statuses[:10] == [200] * 10
    assert keys("login-address") and keys("login-pair")


def test_an_account_guessed_at_from_many_addresses_is_slowed_through_redis(redis_limited_app, db):
    owner = UserFactory()
    device, guesser = redis_limited_app.test_client(), redis_limited_app.test_client()
    assert attempt(device, owner.email, TEST_PASSWORD, "10.0.9.1").status_code == 302
    assert guess(guesser, owner.email, times=12)[-2:] == [200, 429]
    assert keys("login-account") and keys("login-slowed") and keys("login-warned")
    assert attempt(device, owner.email, TEST_PASSWORD, "10.0.9.1").status_code == 302


def test_while_redis_is_down_guessing_is_still_limited_in_memory(own_app, stopped_redis, db):
    client = own_app(RATELIMIT_STORAGE_URI=stopped_redis).test_client()
    statuses = [
        attempt(client, "a@example.test", "wrong-password", "10.0.8.2").status_code for _ in range(11)
    ]
    assert statuses == [200] * 10 + [429]


def test_a_hung_redis_costs_a_login_about_a_second_before_memory_takes_over(own_app, db):
    with socket.socket() as hung:  # accepts connections, never answers
        hung.bind(("127.0.0.1", 0))
        hung.listen(16)
        client = own_app(RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{hung.getsockname()[1]}/0").test_client()
        started = time.monotonic()
        assert attempt(client, "a@example.test", "wrong-password", "10.0.8.3").status_code == 200
        assert time.monotonic() - started < 4
