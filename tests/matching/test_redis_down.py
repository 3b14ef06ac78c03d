"""With Redis stopped, pages render at once, saves are kept, their tasks (a run's plan) wait in the outbox."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import select

from incubator.extensions import db as _db
from incubator.matching import incremental, services
from incubator.matching.models import MatchingRun, PendingMatch
from incubator.startups.models import Startup
from tests.conftest import (
    TEST_PASSWORD,
    IsolatedClient,
    dispose,
    empty_tables,
    make_app,
    submit,
    unsent_tasks,
)
from tests.factories import UserFactory


@pytest.fixture
def redis_down_app(app: Flask, database: str, stopped_redis: str) -> Iterator[Flask]:
    """The app configured for production-like Redis (broker and rate limits) while Redis is down."""
    down = make_app(database, stopped_redis, REDIS_URL=stopped_redis, RATELIMIT_STORAGE_URI=stopped_redis)
    down.test_client_class = IsolatedClient
    with down.app_context():
        yield down
        _db.session.remove()
        empty_tables()
    dispose(down)


def logged_in(app: Flask, role: str):  # noqa: ANN201
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    user = UserFactory(role=role)
    response = submit(client, "/login", {"email": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    return client, user


@pytest.mark.parametrize("url", ["/", "/matching/", "/matching/suggestions", "/dashboard/", "/login"])
def test_pages_render_while_redis_is_down(redis_down_app, url):
    client, _ = logged_in(redis_down_app, "staff")
    assert client.get(url).status_code == 200


def test_a_run_started_while_redis_is_down_waits_queued_in_the_outbox_and_is_not_stale(redis_down_app):
    client, _ = logged_in(redis_down_app, "staff")
    started = time.monotonic()
    response = submit(client, "/matching/runs", {}, form_url="/matching/")
    assert response.status_code == 302 and time.monotonic() - started < 2
    run = _db.session.scalar(select(MatchingRun))
    assert run.status == "queued"
    assert unsent_tasks() == [("incubator.matching.tasks.plan_run", [run.id])]
    redis_down_app.config["MATCHING_STALE_AFTER"] = 0  # however long the outage, its plan is on its way
    try:
        assert services.refresh_stale_runs() == 0
    finally:
        redis_down_app.config["MATCHING_STALE_AFTER"] = 900
    _db.session.expire_all()
    assert _db.session.get(MatchingRun, run.id).status == "queued"


def test_a_saved_profile_survives_redis_being_down_and_its_match_waits_in_the_outbox(redis_down_app):
    owner = UserFactory(role="founder")
    startup = Startup(owner_id=owner.id, name="Nông nghiệp số Bình Dương", stage="idea")
    _db.session.add(startup)
    _db.session.commit()
    assert incremental.queue_profile_match("startup", startup.id) is True
    _db.session.expire_all()
    assert _db.session.get(Startup, startup.id).name == "Nông nghiệp số Bình Dương"
    flag = _db.session.scalar(select(PendingMatch))
    assert flag.document_id == f"startup:{startup.id}" and flag.queued_at is not None
    assert unsent_tasks() == [("incubator.matching.tasks.match_profile", [f"startup:{startup.id}"])]
    assert incremental.dispatch_flagged() == 0  # queued already: the outbox sends it, not the sweep
    assert incremental.pending_count() == 1


def test_a_founder_saving_a_startup_while_redis_is_down_keeps_it_at_once(redis_down_app):
    client, founder = logged_in(redis_down_app, "founder")
    data = {
        "name": "Cơ khí chính xác Tân Uyên",
        "description": "CNC và đo lường",
        "needs": "phòng lab đo rung",
        "sector": "manufacturing",
        "stage": "mvp",
        "website": "",
        "team_size": "4",
    }
    started = time.monotonic()
    response = submit(client, "/startups/new", data)
    assert response.status_code == 302 and time.monotonic() - started < 2
    startup = _db.session.scalar(select(Startup).where(Startup.owner_id == founder.id))
    assert startup.name == "Cơ khí chính xác Tân Uyên"
    assert ("incubator.matching.tasks.match_profile", [f"startup:{startup.id}"]) in unsent_tasks()
