"""Fixtures: the app on a real database (SQLite, or PostgreSQL via TEST_DATABASE_URL), clients, logins."""

from __future__ import annotations

import contextvars
import logging
import os
import re
from collections.abc import Callable, Iterator

import email_validator
import pytest
import sqlalchemy as sa
from celery import _state as celery_state
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade

from config import build_config
from incubator.app import create_app
from incubator.extensions import db as _db
from incubator.extensions import limiter
from tests.redis_fixtures import RUN_PREFIX, queue_down, stopped_redis  # noqa: F401 (shared fixtures)

IN_CI = os.environ.get("CI") == "true"
CSRF_PATTERN = re.compile(r'name="(?:[\w-]+-)?csrf_token"(?: type="hidden")? value="([^"]+)"')
KEY_PATTERN = re.compile(r'name="(?:[\w-]+-)?idempotency_key" value="([^"]+)"')
TEST_PASSWORD = "correct-horse-battery"


def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """PostgreSQL when TEST_DATABASE_URL is set (and reachable), else a fresh SQLite file."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        engine.connect().close()
    except sa.exc.OperationalError as error:
        message = f"PostgreSQL at TEST_DATABASE_URL is unreachable: {error}"
        pytest.exit(message, returncode=1) if IN_CI else pytest.skip(message, allow_module_level=True)
    return url


def reset_schema(url: str) -> None:
    """Start PostgreSQL from an empty public schema so migrations run from nothing."""
    if url.startswith("postgresql"):
        engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
        with engine.begin() as connection:
            connection.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        engine.dispose()


def make_app(url: str, broker_url: str, **overrides: object) -> Flask:
    """A testing app on database `url` publishing tasks to `broker_url`."""
    celery = {**build_config({})["CELERY"], "broker_url": broker_url}
    if broker_url.startswith("redis"):
        celery["broker_transport_options"] = {
            "visibility_timeout": 4,
            "socket_connect_timeout": 2,
            "global_keyprefix": RUN_PREFIX,
        }
    settings = {
        "INCUBATOR_ENV": "testing",
        "TESTING": True,  # an unexpected exception reaches the test with its traceback
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": url,
        "RATELIMIT_STORAGE_URI": "memory://",
        "RATELIMIT_KEY_PREFIX": RUN_PREFIX,
        "CELERY": celery,
        "FIGURES_CACHE_SECONDS": 0,  # every test counts its own data (tests/dashboard turn the cache on)
    }
    before = process_state()
    app = create_app({**settings, **overrides})
    app.extensions["state_before_tests"] = before
    return app


def process_state() -> dict:
    """What building an app changes for the whole process: limiter store, Celery app, e-mail mode, logs."""
    return {
        "limiter": dict(vars(limiter)),
        "celery_default": celery_state.default_app,
        "celery_current": celery_state.get_current_app(),
        "email_test": email_validator.TEST_ENVIRONMENT,
        "log_handlers": list(logging.getLogger("incubator").handlers),
        "log_level": logging.getLogger("incubator").level,
    }


def restore_process_state(state: dict) -> None:
    """Put back what `process_state` saw, so a test's own app never leaks into the next test."""
    vars(limiter).clear()
    vars(limiter).update(state["limiter"])
    celery_state.set_default_app(state["celery_default"])
    celery_state._set_current_app(state["celery_current"])
    email_validator.TEST_ENVIRONMENT = state["email_test"]
    logging.getLogger("incubator").handlers[:] = state["log_handlers"]
    logging.getLogger("incubator").setLevel(state["log_level"])


def dispose(app: Flask) -> None:
    """Close `app`'s pooled connections and undo what building it changed process-wide."""
    with app.app_context():
        _db.engine.dispose()
    if "state_before_tests" in app.extensions:
        restore_process_state(app.extensions["state_before_tests"])


@pytest.fixture(scope="session")
def database(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The test database URL, emptied and migrated from nothing once per session."""
    url = database_url(tmp_path_factory)
    reset_schema(url)
    return url


@pytest.fixture(scope="session")
def app(database: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """One app per test session (tasks go to an embedded broker no worker reads)."""
    broker = f"sqla+sqlite:///{tmp_path_factory.mktemp('broker') / 'unread.sqlite'}"
    app = make_app(database, broker)
    with app.app_context():
        upgrade(directory=str(app.config["MIGRATIONS_DIR"]))
    yield app
    dispose(app)


@pytest.fixture
def own_app(app: Flask, database: str) -> Iterator[Callable[..., Flask]]:
    """`own_app(**settings)`: another app on the test database, undone (process-wide) after the test."""
    built: list[Flask] = []

    def build(**overrides: object) -> Flask:
        other = make_app(database, "memory://", **overrides)
        other.test_client_class = IsolatedClient
        built.append(other)
        return other

    yield build
    for other in reversed(built):
        dispose(other)


@pytest.fixture
def db(app: Flask) -> Iterator:
    """The database inside an app context, emptied after the test."""
    with app.app_context():
        limiter.reset()
        yield _db
        _db.session.remove()
        empty_tables()


def empty_tables() -> None:
    """Delete every row (the schema stays), and the matchers this process fitted on them."""
    from incubator.matching import fitted

    fitted.forget()
    tables = [t.name for t in reversed(_db.metadata.sorted_tables)]
    with _db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(sa.text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for name in tables:
                connection.execute(sa.text(f"DELETE FROM {name}"))


def unsent_tasks() -> list[tuple[str, list]]:
    """(task, args) of every outbox row not sent to the broker yet, oldest first."""
    from incubator.outbox.models import OutboxMessage

    query = sa.select(OutboxMessage.task, OutboxMessage.args).where(OutboxMessage.sent_at.is_(None))
    return [tuple(row) for row in _db.session.execute(query.order_by(OutboxMessage.id))]


class IsolatedClient(FlaskClient):
    """Runs each request in a fresh context, as a server would: no `g` or session shared with the test."""

    def open(self, *args: object, **kwargs: object):  # noqa: ANN201
        return contextvars.Context().run(super().open, *args, **kwargs)


@pytest.fixture
def client(app: Flask, db) -> FlaskClient:  # noqa: ANN001
    """A browser-like test client (cookies kept, CSRF enforced) that prefers English."""
    app.test_client_class = IsolatedClient
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def csrf_token(html: str) -> str:
    """The CSRF token of the first form in `html`."""
    match = CSRF_PATTERN.search(html)
    assert match, "no csrf_token in page"
    return match.group(1)


def without_keys(html: str) -> str:
    """`html` with its forms' idempotency keys blanked (each rendering of a form has a fresh one)."""
    return KEY_PATTERN.sub(lambda m: m.group(0).replace(m.group(1), ""), html)


def submit(
    client: FlaskClient, url: str, data: dict, form_url: str | None = None, prefix: str = "", **kwargs
):  # noqa: ANN201
    """Open the page holding the form, then POST `data` with its CSRF token, as a browser would.

    `prefix` is the form's WTForms prefix: its fields are posted as `prefix-name`."""
    html = client.get(form_url or url).get_data(as_text=True)
    found = KEY_PATTERN.search(html)  # a browser sends the form's idempotency key too
    data = {**data, "csrf_token": csrf_token(html), **({"idempotency_key": found.group(1)} if found else {})}
    if prefix:
        data = {f"{prefix}-{key}": value for key, value in data.items()}
    return client.post(url, data=data, **kwargs)


@pytest.fixture
def post_form(client: FlaskClient) -> Callable:
    """`post_form(url, data)` submits a form with its CSRF token."""
    return lambda url, data, **kw: submit(client, url, data, **kw)


@pytest.fixture
def login_as(client: FlaskClient, db) -> Callable:  # noqa: ANN001
    """`login_as(role, **fields)` creates a user with `role` and logs in through the login form."""
    from tests.factories import UserFactory

    def login(role: str, **fields: object):  # noqa: ANN202
        user = UserFactory(role=role, **fields)
        response = submit(client, "/login", {"email": user.email, "password": TEST_PASSWORD})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return user

    return login


@pytest.fixture
def world(db) -> dict:  # noqa: ANN001
    """A user of every role, each owning what their pages edit, and a run with a suggestion."""
    return make_world(db)


def make_world(db) -> dict:  # noqa: ANN001
    """The `world` fixture's records (a module may share one)."""
    from incubator.accounts.models import ROLES
    from incubator.matching.models import MatchingRun, Suggestion
    from tests.factories import (
        CapabilityFactory,
        ChallengeFactory,
        LabFactory,
        MembershipFactory,
        MentorProfileFactory,
        StartupFactory,
        UserFactory,
    )

    users = {role: UserFactory(role=role) for role in ROLES}
    university_org = MembershipFactory(user=users["university"], organization__kind="university").organization
    MembershipFactory(user=users["enterprise"], organization__kind="enterprise")
    ids = {
        "startup_id": StartupFactory(owner=users["founder"]).id,
        "lab_id": LabFactory(manager=users["university"], organization=university_org).id,
        "capability_id": CapabilityFactory(owner=users["university"], organization=university_org).id,
        "challenge_id": ChallengeFactory(author=users["enterprise"]).id,
    }
    MentorProfileFactory(user=users["mentor"])
    run = MatchingRun(status="done")
    db.session.add(run)
    db.session.flush()
    row = Suggestion(run_id=run.id, kind="startup-lab", source_type="startup", source_id=ids["startup_id"],
                     target_type="lab", target_id=ids["lab_id"], score=0.5, terms=["cnc"])  # fmt: skip
    db.session.add(row)
    db.session.commit()
    return {"users": users, "ids": ids | {"run_id": run.id, "suggestion_id": row.id}}
