"""A real Celery worker e-mails the verification and reset links through a real SMTP server; following
them verifies the address and logs in, or sets a new password once and ends every session."""

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from flask import Flask
from sqlalchemy import select

from incubator.accounts.models import User
from incubator.audit.models import AuditEvent
from incubator.extensions import db as _db
from tests.conftest import TEST_PASSWORD, IsolatedClient, dispose, empty_tables, make_app, submit
from tests.factories import UserFactory
from tests.matching.conftest import Workers, wait_for
from tests.notifications.conftest import mail_settings, smtp, smtp_server  # noqa: F401 (fixtures)

LINK = re.compile(r"https?://\S+/(?:verify|password/reset)/\S+")


@pytest.fixture
def site(app, database, smtp_server, tmp_path: Path, monkeypatch) -> Iterator[Flask]:  # noqa: ANN001, F811
    """An app that mails the test SMTP server, with a real worker on its embedded broker."""
    for name, value in mail_settings(smtp_server[1]).items():
        monkeypatch.setenv(name, str(value))  # the worker's settings
    broker = f"sqla+sqlite:///{tmp_path / 'broker.sqlite'}"
    site = make_app(database, broker, **mail_settings(smtp_server[1]))
    site.test_client_class = IsolatedClient
    workers = Workers(database, broker, tmp_path)
    with site.app_context():
        try:
            workers.start()
            yield site
        finally:
            workers.stop_all()
            _db.session.remove()
            empty_tables()
    dispose(site)


def browser(site: Flask):  # noqa: ANN201
    client = site.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def delivered_link(smtp) -> str:  # noqa: ANN001, F811
    """The path of the link in the one e-mail the worker delivered."""
    wait_for(lambda: smtp.messages, timeout=60)
    [message] = smtp.messages
    return urlsplit(LINK.search(message.get_body(("plain",)).get_content()).group()).path


@pytest.mark.worker
def test_the_emailed_verification_link_verifies_and_leads_the_new_founder_on(site, smtp):  # noqa: F811
    """...and registering the address again e-mails its owner, with the same answer on the page."""
    visitor = browser(site)
    data = {"full_name": "Trần Thị Ánh Nguyệt", "email": "nguyet@example.test", "role": "founder",
            "language": "vi", "password": "a-long-password", "confirm": "a-long-password"}  # fmt: skip
    assert submit(visitor, "/register", data).status_code == 302
    path = delivered_link(smtp)
    assert smtp.messages[0]["To"] == "nguyet@example.test"
    assert smtp.messages[0]["Subject"] == "Xác minh địa chỉ e-mail của bạn"  # in her language
    opened = visitor.get(path)
    assert opened.status_code == 302 and opened.headers["Location"] == "/startups/new"
    assert visitor.get("/startups/new").status_code == 200  # logged in
    assert _db.session.scalar(select(User)).is_verified
    reused = visitor.get(path)
    assert reused.status_code == 400 and "Liên kết này đã được dùng" in reused.get_data(as_text=True)
    assert submit(browser(site), "/register", {**data, "full_name": "Kẻ dò tìm"}).status_code == 302
    wait_for(lambda: len(smtp.messages) == 2, timeout=60)  # its owner hears of it
    assert smtp.messages[1]["To"] == "nguyet@example.test"
    assert str(smtp.messages[1]["Subject"]).strip() == "Có người đã thử đăng ký bằng địa chỉ e-mail của bạn"


@pytest.mark.worker
def test_the_emailed_reset_link_sets_a_new_password_once_and_ends_every_session(site, smtp):  # noqa: F811
    user = UserFactory(email="lan@example.test")
    phone = browser(site)
    assert submit(phone, "/login", {"email": user.email, "password": TEST_PASSWORD}).status_code == 302
    visitor = browser(site)
    assert submit(visitor, "/password/forgot", {"email": "lan@example.test"}).status_code == 302
    path = delivered_link(smtp)
    assert smtp.messages[0]["Subject"] == "Choose a new password"
    new = {"password": "a-brand-new-password", "confirm": "a-brand-new-password"}
    assert submit(visitor, path, new).status_code == 302
    assert phone.get("/profile").status_code == 302  # that session ended
    assert submit(visitor, "/login", {"email": user.email, "password": new["password"]}).status_code == 302
    assert visitor.get(path).status_code == 400  # the link worked once
    audit = select(AuditEvent.action).filter_by(actor_id=user.id).order_by(AuditEvent.id)
    assert list(_db.session.scalars(audit)) == ["user.password_reset_requested", "user.password_reset"]
