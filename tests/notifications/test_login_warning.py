"""The owner of an account guessed at from many addresses is warned once, in their language, by e-mail."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from incubator.audit.models import AuditEvent
from incubator.extensions import db as _db
from incubator.notifications.models import Notification
from incubator.notifications.tasks import send_notification_email, warn_of_failed_logins
from tests.accounts.test_login_limits import guess
from tests.conftest import IsolatedClient, dispose, empty_tables, make_app
from tests.factories import UserFactory
from tests.matching.conftest import Workers, wait_for
from tests.notifications.conftest import mail_settings


def warnings() -> list[Notification]:
    return list(_db.session.scalars(select(Notification).filter_by(kind="login.slowed")))


def test_the_owner_is_warned_once_in_their_language_and_an_unknown_address_warns_nobody(mdb, smtp):
    owner = UserFactory(language="vi", email="chu@example.test")
    assert warn_of_failed_logins.apply(args=["ghost@example.test"]).get() is False
    assert warn_of_failed_logins.apply(args=[owner.email]).get() is True
    assert warn_of_failed_logins.apply(args=[owner.email]).get() is False  # delivered twice: warned once
    [note] = warnings()
    assert note.user_id == owner.id and note.link == "/profile"
    assert _db.session.scalar(select(AuditEvent.action).filter_by(object_id=owner.id)) == "user.login_slowed"
    send_notification_email.apply(args=[note.id])
    [message] = smtp.messages
    assert (
        message["To"] == owner.email
        and str(message["Subject"]).strip() == "Đăng nhập thất bại vào tài khoản của bạn"
    )
    assert "trình duyệt" in message.get_body(("plain",)).get_content()


@pytest.fixture
def worker_app(app, database, smtp_server, tmp_path: Path) -> Iterator:  # noqa: ANN001
    """An app whose tasks a real worker takes from the embedded broker, sending mail to the test server."""
    broker = f"sqla+sqlite:///{tmp_path / 'broker.sqlite'}"
    worker_app = make_app(database, broker, **mail_settings(smtp_server[1]))
    worker_app.test_client_class = IsolatedClient
    with worker_app.app_context():
        yield worker_app
        _db.session.remove()
        empty_tables()
    dispose(worker_app)


@pytest.mark.worker
def test_guessing_from_many_addresses_e_mails_the_owner_through_a_worker(
    worker_app, database, smtp, smtp_server, tmp_path: Path, monkeypatch
):
    for name, value in mail_settings(smtp_server[1]).items():
        monkeypatch.setenv(name, str(value))
    owner = UserFactory(language="en")
    client = worker_app.test_client()
    workers = Workers(database, worker_app.config["CELERY"]["broker_url"], tmp_path)
    try:
        workers.start()
        assert guess(client, owner.email, times=12)[-1] == 429  # the request only queued the warning
        wait_for(lambda: smtp.messages, timeout=60)
    finally:
        workers.stop_all()
    [message] = smtp.messages
    assert message["To"] == owner.email and message["Subject"] == "Failed logins to your account"
    assert "still log in as usual" in message.get_body(("plain",)).get_content()
