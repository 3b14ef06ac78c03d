"""A real Celery worker sends the decision e-mail after commit, retrying when the SMTP server refuses."""

from pathlib import Path

import pytest

from incubator.extensions import db as _db
from incubator.review.models import Application
from tests.matching.conftest import Workers, wait_for
from tests.notifications.test_mail import decided_application


@pytest.mark.worker
def test_a_worker_retries_a_refused_email_with_backoff_and_the_decision_stays(
    mdb, mail_app, database, smtp, smtp_server, tmp_path: Path, monkeypatch
):
    monkeypatch.setenv("MAIL_BACKEND", "smtp")
    monkeypatch.setenv("MAIL_SERVER", "127.0.0.1")
    monkeypatch.setenv("MAIL_PORT", str(smtp_server[1]))
    workers = Workers(database, mail_app.config["CELERY"]["broker_url"], tmp_path)
    try:
        workers.start()
        smtp.reset(fail_first=1)
        application = decided_application("vi")  # commits; the e-mail tasks are queued after commit
        wait_for(lambda: any("Kết quả xét" in str(m["Subject"]) for m in smtp.messages), timeout=60)
    finally:
        workers.stop_all()
    assert smtp.attempts >= 2  # the first delivery was refused, a retry went through
    _db.session.expire_all()
    assert _db.session.get(Application, application.id).status == "accepted"
    subjects = sorted(str(m["Subject"]).strip() for m in smtp.messages)
    assert subjects == sorted(["Hồ sơ của bạn đã được tiếp nhận",  # application received (vi founder)
                               "A new application to review", "A new application to review",  # en staff
                               "Kết quả xét hồ sơ của bạn"])  # decision made  # fmt: skip
