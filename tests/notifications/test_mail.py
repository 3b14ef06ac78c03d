"""E-mail copies go through a real SMTP server; a mail failure is retried and never loses the decision."""

from sqlalchemy import select

from incubator.extensions import db as _db
from incubator.notifications.models import Notification
from incubator.notifications.tasks import send_notification_email
from incubator.review import assignments, decisions
from incubator.review.applications import start_application
from tests.factories import ProgramFactory, StartupFactory, UserFactory
from tests.review.conftest import ANSWERS, score


def decided_application(language: str = "vi"):  # noqa: ANN201
    """An application accepted through the services (its founder reads `language`)."""
    startup = StartupFactory(owner=UserFactory(language=language, email="founder@startup.test"))
    application = start_application(startup.owner, ProgramFactory(name="Block71 – Khóa 3"), startup,
                                    {**ANSWERS, "submit": True})  # fmt: skip
    first, second = UserFactory(role="staff"), UserFactory(role="staff")
    assignments.assign_reviewers(application, [first, second], first.id)
    score(application, first, 5, 4)
    score(application, second, 4, 4)
    decisions.decide(application, "accepted", "Chúc mừng Nhóm Nhuộm Xanh!", first.id)
    return application


def decision_notification() -> Notification:
    return _db.session.scalar(select(Notification).filter_by(kind="decision_made"))


def test_the_decision_email_reaches_the_smtp_server_in_the_founders_language(mdb, smtp):
    decided_application("vi")
    note = decision_notification()
    send_notification_email.apply(args=[note.id])
    [message] = smtp.messages
    assert message["To"] == "founder@startup.test"
    assert message["Subject"] == "Kết quả xét hồ sơ của bạn"
    body = message.get_body(("plain",)).get_content()
    assert "Block71 – Khóa 3" in body and "Chúc mừng Nhóm Nhuộm Xanh!" in body
    assert "/notifications/" in body
    _db.session.expire_all()
    assert decision_notification().emailed_at is not None


def test_a_second_delivery_of_the_task_sends_nothing(mdb, smtp):
    decided_application()
    note = decision_notification()
    send_notification_email.apply(args=[note.id])
    send_notification_email.apply(args=[note.id])
    assert len(smtp.messages) == 1


def test_a_refused_delivery_is_retried_and_the_decision_is_kept(mdb, smtp):
    application = decided_application("en")
    smtp.reset(fail_first=2)  # the server answers 451 twice, then accepts
    send_notification_email.apply(args=[decision_notification().id])
    assert smtp.attempts == 3 and len(smtp.messages) == 1
    assert smtp.messages[0]["Subject"] == "A decision on your application"
    _db.session.expire_all()
    assert _db.session.get(type(application), application.id).status == "accepted"


def test_an_smtp_server_that_stays_down_never_undoes_the_decision(mdb, smtp):
    application = decided_application()
    smtp.reset(fail_first=100)
    result = send_notification_email.apply(args=[decision_notification().id])
    assert result.failed() or result.state == "RETRY"
    assert smtp.attempts == 1 + send_notification_email.max_retries and smtp.messages == []
    _db.session.expire_all()
    assert _db.session.get(type(application), application.id).status == "accepted"
    note = decision_notification()
    assert note.emailed_at is None and note.message  # the in-app notification is there, unsent


def test_unsent_emails_are_queued_again_by_the_resend_command(mail_app, mdb, smtp):
    decided_application()  # 4 notifications: received, 2 × assigned, decision; none sent yet
    first = _db.session.scalar(select(Notification).order_by(Notification.id))
    send_notification_email.apply(args=[first.id])
    result = mail_app.test_cli_runner().invoke(args=["notifications", "resend"])
    assert result.exit_code == 0 and "Queued 3 notification e-mail(s)." in result.output


def test_the_email_has_an_html_part_in_the_language_the_recipient_saved_by_send_time(mdb, smtp):
    application = decided_application("vi")
    application.submitted_by.language = "en"  # changed after the notification, before the e-mail
    _db.session.commit()
    send_notification_email.apply(args=[decision_notification().id])
    [message] = smtp.messages
    assert message["Subject"] == "A decision on your application"
    html = message.get_body(("html",)).get_content()
    text = message.get_body(("plain",)).get_content()
    assert '<html lang="en">' in html and "<h1" in html and "Chúc mừng Nhóm Nhuộm Xanh!" in html
    assert 'href="http' in html and "/notifications/" in html and "/notifications/" in text


def test_every_kind_of_notification_has_a_subject_saying_what_happened(app):
    import re
    from pathlib import Path

    from incubator.notifications.mail import SUBJECTS, subject_of

    sources = "\n".join(p.read_text() for p in Path("incubator").rglob("*.py"))
    kinds = set(re.findall(r'(?:notify\([^,]+|tell\(\s*[\w.]+),\s*"([\w.]+)"', sources))
    kinds |= {
        "login.slowed",
        "application_received",
        "reviewer_assigned",
        "mentorship.completed",
        "mentorship.cancelled",
        "booking.requested",
    }  # fmt: skip  (named through constants)
    assert kinds and kinds <= set(SUBJECTS), kinds - set(SUBJECTS)
    unknown = Notification(kind="something.new", message="Lan đã đặt lịch gặp bạn lúc 9:00.\nChi tiết…")
    with app.test_request_context():
        assert subject_of(unknown) == "Lan đã đặt lịch gặp bạn lúc 9:00."
