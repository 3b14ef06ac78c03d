"""A real Celery worker sends the e-mails after commit, retrying when the SMTP server refuses."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from incubator.extensions import db as _db
from incubator.review.models import Application
from tests.conftest import dispose, empty_tables, make_app
from tests.matching.conftest import REDIS_TEST_URL, Workers, redis_or_skip, wait_for
from tests.notifications.conftest import mail_settings
from tests.notifications.test_mail import decided_application
from tests.notifications.test_meeting_mail import agreed_meeting, calendar_of


@pytest.fixture(params=["embedded", "redis"])
def worker_mail_app(request, app, database, smtp_server, tmp_path: Path) -> Iterator:  # noqa: ANN001
    """An app sending mail to the test SMTP server, on the embedded broker and on Redis."""
    if request.param == "redis":
        redis_or_skip(REDIS_TEST_URL)
        broker = REDIS_TEST_URL
    else:
        broker = f"sqla+sqlite:///{tmp_path / 'broker.sqlite'}"
    mail_app = make_app(database, broker, **mail_settings(smtp_server[1]))
    with mail_app.app_context():
        mail_app.extensions["celery"].control.purge()
        yield mail_app
        _db.session.remove()
        empty_tables()
    dispose(mail_app)


@pytest.mark.worker
def test_a_worker_retries_a_refused_email_with_backoff_and_the_decision_stays(
    worker_mail_app, database, smtp, smtp_server, tmp_path: Path, monkeypatch
):
    for name, value in mail_settings(smtp_server[1]).items():
        monkeypatch.setenv(name, str(value))
    workers = Workers(database, worker_mail_app.config["CELERY"]["broker_url"], tmp_path)
    try:
        workers.start()
        smtp.reset(fail_first=1)
        application = decided_application("vi")  # commits; the e-mail tasks are queued after commit
        wait_for(lambda: len(smtp.messages) == 4, timeout=60)
    finally:
        workers.stop_all()
    assert smtp.attempts == 5  # the first delivery was refused, its retry went through
    _db.session.expire_all()
    assert _db.session.get(Application, application.id).status == "accepted"
    subjects = sorted(str(m["Subject"]).strip() for m in smtp.messages)
    assert subjects == sorted(["Hồ sơ của bạn đã được tiếp nhận",  # application received (vi founder)
                               "A new application to review", "A new application to review",  # en staff
                               "Kết quả xét hồ sơ của bạn"])  # decision made  # fmt: skip


@pytest.mark.worker
@pytest.mark.parametrize("worker_mail_app", ["redis"], indirect=True)
def test_a_worker_mails_both_sides_of_an_agreed_meeting_its_calendar_invitation(
    worker_mail_app, database, smtp, smtp_server, tmp_path: Path, monkeypatch
):
    for name, value in mail_settings(smtp_server[1]).items():
        monkeypatch.setenv(name, str(value))
    workers = Workers(database, worker_mail_app.config["CELERY"]["broker_url"], tmp_path)
    try:
        workers.start()
        meeting = agreed_meeting()  # the tasks go through the broker as JSON; the worker attaches the .ics
        wait_for(lambda: len(smtp.messages) == 3, timeout=60)  # the proposal, then the agreement to both
    finally:
        workers.stop_all()
    invited = [m for m in smtp.messages if any(True for _ in m.iter_attachments())]
    assert sorted(str(m["To"]) for m in invited) == ["ha@agrisense.test", "vinh@mentor.test"]
    for message in invited:
        part, calendar = calendar_of(message)
        assert part.get_param("method") == "REQUEST"
        assert str(calendar.walk("VEVENT")[0]["UID"]) == f"mentor-meeting-{meeting.id}@incubator"
