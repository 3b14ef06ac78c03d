"""The unread badge is loaded with the request's user, and counted afresh once the request writes."""

from sqlalchemy import update

from incubator.accounts import figures
from incubator.notifications.models import Notification
from incubator.notifications.services import UNREAD, current_unread_count, notify
from tests.factories import UserFactory


def test_the_user_and_the_unread_count_come_in_one_query(app, db):
    user = UserFactory()
    notify(user.id, "welcome", "Xin chào", email=False)
    db.session.commit()
    with app.test_request_context():
        loaded = figures.load_user(user.session_token)
        assert loaded.id == user.id
        assert figures.figure(UNREAD) == 1
        assert current_unread_count(user.id) == 1
        assert figures.load_user("not a token") is None and figures.load_user("") is None


def test_a_flush_drops_the_loaded_count_so_the_page_shows_the_new_one(app, db):
    user = UserFactory()
    with app.test_request_context():
        figures.load_user(user.session_token)
        assert figures.figure(UNREAD) == 0
        notify(user.id, "welcome", "Xin chào", email=False)
        db.session.flush()
        assert figures.figure(UNREAD) is None
        assert current_unread_count(user.id) == 1


def test_an_update_statement_drops_the_loaded_count(app, db):
    user = UserFactory()
    notify(user.id, "welcome", "Xin chào", email=False)
    db.session.commit()
    with app.test_request_context():
        figures.load_user(user.session_token)
        assert figures.figure(UNREAD) == 1
        db.session.execute(update(Notification).values(read_at=Notification.created_at))
        assert figures.figure(UNREAD) is None
        assert current_unread_count(user.id) == 0


def test_without_a_loaded_user_the_count_is_a_query(app, db):
    user = UserFactory()
    notify(user.id, "welcome", "Xin chào", email=False)
    db.session.commit()
    with app.test_request_context():
        assert figures.figure(UNREAD) is None
        assert current_unread_count(user.id) == 1
