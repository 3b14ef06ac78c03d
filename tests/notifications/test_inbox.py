"""The inbox: a notification is written with its event, shown with an unread count, marked read."""

import pytest
import sqlalchemy as sa
from sqlalchemy import func, select

from incubator.extensions import db as _db
from incubator.notifications.models import Notification
from incubator.notifications.services import notify
from tests.factories import UserFactory


def queued_email_tasks(app) -> int:  # noqa: ANN001
    """How many e-mail tasks wait in the app's embedded broker."""
    engine = sa.create_engine(app.config["CELERY"]["broker_url"].removeprefix("sqla+"))
    try:
        with engine.connect() as connection:
            if not sa.inspect(connection).has_table("kombu_message"):
                return 0
            rows = connection.execute(sa.text("SELECT payload FROM kombu_message")).scalars()
            return sum("send_notification_email" in str(row) for row in rows)
    finally:
        engine.dispose()


def test_a_notification_joins_the_transaction_of_its_event(app, db):
    user = UserFactory()
    notify(user.id, "welcome", "Xin chào")
    db.session.rollback()  # the event failed: no notification, no e-mail
    assert db.session.scalar(select(func.count(Notification.id))) == 0
    before = queued_email_tasks(app)
    notify(user.id, "welcome", "Xin chào")
    assert queued_email_tasks(app) == before  # nothing queued before the commit
    db.session.commit()
    assert db.session.scalar(select(func.count(Notification.id))) == 1
    assert queued_email_tasks(app) == before + 1


def test_the_navigation_shows_the_unread_count_and_the_inbox_marks_read(client, login_as, db):
    user = login_as("founder")
    for text in ("Hồ sơ đã được tiếp nhận", "Kết quả xét hồ sơ"):
        notify(user.id, "decision_made", text, "/")
    db.session.commit()
    body = client.get("/").get_data(as_text=True)
    assert 'data-testid="unread-count">2<' in body
    inbox = client.get("/notifications/").get_data(as_text=True)
    assert "Hồ sơ đã được tiếp nhận" in inbox and inbox.count('data-read="no"') == 2
    first = db.session.scalar(select(Notification).order_by(Notification.id))
    from tests.conftest import submit

    submit(client, f"/notifications/{first.id}/read", {}, form_url="/notifications/")
    assert 'data-testid="unread-count">1<' in client.get("/").get_data(as_text=True)
    submit(client, "/notifications/read", {}, form_url="/notifications/")
    assert 'data-testid="unread-count"' not in client.get("/").get_data(as_text=True)


def test_a_user_cannot_mark_someone_elses_notification(client, login_as, db):
    login_as("founder")
    other = UserFactory()
    note = notify(other.id, "welcome", "Riêng tư")
    db.session.commit()
    from tests.conftest import submit

    submit(client, f"/notifications/{note.id}/read", {}, form_url="/notifications/")
    _db.session.expire_all()
    assert db.session.get(Notification, note.id).read_at is None
    assert "Riêng tư" not in client.get("/notifications/").get_data(as_text=True)


@pytest.mark.parametrize("url", ["/notifications/"])
def test_the_inbox_needs_a_login(client, url):
    assert client.get(url).status_code == 302
