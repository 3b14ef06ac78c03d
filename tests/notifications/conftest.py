"""A real SMTP server (aiosmtpd) in the test process, and an app that sends its mail there."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator

import pytest
from aiosmtpd.controller import Controller
from celery import _state as celery_state
from flask import Flask

from incubator.extensions import db as _db
from tests.conftest import IsolatedClient, dispose, empty_tables, make_app


class SmtpInbox:
    """An aiosmtpd handler keeping what it accepts; it can refuse the first deliveries (451)."""

    def __init__(self) -> None:
        self.reset()

    def reset(self, fail_first: int = 0) -> None:
        self.attempts, self.fail_first, self.messages = 0, fail_first, []

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: ANN001, N802
        self.attempts += 1
        if self.attempts <= self.fail_first:
            return "451 4.3.0 Mailbox busy, try again later"
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.messages.append(message)
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def smtp_server() -> Iterator[tuple[SmtpInbox, int]]:
    """The SMTP server for the whole session: (its inbox, its port)."""
    inbox, port = SmtpInbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


@pytest.fixture
def smtp(smtp_server) -> SmtpInbox:  # noqa: ANN001
    """The SMTP server's inbox, emptied (and accepting everything) for each test."""
    inbox, _port = smtp_server
    inbox.reset()
    return inbox


def mail_settings(port: int) -> dict:
    return {"MAIL_BACKEND": "smtp", "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": port, "MAIL_TIMEOUT": 5,
            "MAIL_DEFAULT_SENDER": "Ươm tạo BD <no-reply@incubator.test>"}  # fmt: skip


@pytest.fixture(scope="session")
def mail_app(app: Flask, database: str, smtp_server, tmp_path_factory) -> Iterator[Flask]:  # noqa: ANN001
    """An app on the test database that sends mail by SMTP to the test server (embedded broker)."""
    broker = f"sqla+sqlite:///{tmp_path_factory.mktemp('mail-broker') / 'broker.sqlite'}"
    mail_app = make_app(database, broker, **mail_settings(smtp_server[1]))
    mail_app.test_client_class = IsolatedClient
    yield mail_app
    dispose(mail_app)


@pytest.fixture
def mdb(mail_app: Flask) -> Iterator:
    """The database in `mail_app`'s context, with an empty queue; emptied after the test.

    `mail_app`'s Celery is made the current one for the test: a task run with `.apply()` then works in
    `mail_app` (its SMTP settings), whichever app another test built or disposed since."""
    celery = mail_app.extensions["celery"]
    before = (celery_state.default_app, celery_state.get_current_app())
    celery_state.set_default_app(celery)
    celery_state._set_current_app(celery)
    try:
        with mail_app.app_context():
            celery.control.purge()
            yield _db
            _db.session.remove()
            empty_tables()
    finally:
        celery_state.set_default_app(before[0])
        celery_state._set_current_app(before[1])
