"""With Redis stopped, pages render, saved profiles stay saved, and starting a run says why it cannot."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import select

from incubator.extensions import db as _db
from incubator.matching import incremental
from incubator.matching.models import MatchingRun, PendingMatch
from incubator.startups.models import Startup
from tests.conftest import TEST_PASSWORD, IsolatedClient, dispose, empty_tables, make_app, submit
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


def test_starting_a_run_while_redis_is_down_shows_a_clear_message(redis_down_app):
    client, _ = logged_in(redis_down_app, "staff")
    response = submit(client, "/matching/runs", {}, form_url="/matching/", follow_redirects=True)
    assert response.status_code == 200
    assert "The task queue is unavailable right now" in response.get_data(as_text=True)
    run = _db.session.scalar(select(MatchingRun))
    assert run.status == "failed" and run.error == "queue_down"


def test_a_saved_profile_survives_redis_being_down_and_is_flagged_for_later(redis_down_app):
    owner = UserFactory(role="founder")
    startup = Startup(owner_id=owner.id, name="Nông nghiệp số Bình Dương", stage="idea")
    _db.session.add(startup)
    _db.session.commit()
    assert incremental.queue_profile_match("startup", startup.id) is False
    _db.session.expire_all()
    assert _db.session.get(Startup, startup.id).name == "Nông nghiệp số Bình Dương"
    flag = _db.session.scalar(select(PendingMatch))
    assert flag.document_id == f"startup:{startup.id}" and flag.queued_at is None
    assert incremental.dispatch_flagged() == 0  # still down: stays flagged
    assert incremental.pending_count() == 1


def test_a_founder_saving_a_startup_while_redis_is_down_keeps_it_and_is_told_why(redis_down_app):
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
    response = submit(client, "/startups/new", data, follow_redirects=True)
    assert response.status_code == 200
    assert "Matching will run as soon as the task queue is back." in response.get_data(as_text=True)
    startup = _db.session.scalar(select(Startup).where(Startup.owner_id == founder.id))
    assert startup.name == "Cơ khí chính xác Tân Uyên"
    assert _db.session.scalar(select(PendingMatch.queued_at)) is None
