"""With the broker down, a decision and its notification are saved at once; the e-mail waits in the outbox."""

import time

from sqlalchemy import select

from incubator.extensions import db as _db
from incubator.notifications.models import Notification
from incubator.notifications.services import EMAIL_TASK
from incubator.review.models import Application
from tests.conftest import dispose, empty_tables, make_app, unsent_tasks
from tests.notifications.test_mail import accept, scored_application


def test_a_decision_is_kept_when_the_broker_is_unreachable(app, database):
    down = make_app(database, "redis://127.0.0.1:1/0")  # nothing listens on port 1
    try:
        with down.app_context():
            scored, reviewer = scored_application()
            started = time.monotonic()  # the decision alone: what one request does
            application = accept(scored, reviewer)
            elapsed = time.monotonic() - started
            _db.session.expire_all()
            assert _db.session.get(Application, application.id).status == "accepted"
            note = _db.session.scalar(select(Notification).filter_by(kind="decision_made"))
            assert note is not None and note.emailed_at is None
            assert (EMAIL_TASK, [note.id]) in unsent_tasks()
            assert elapsed < 1, elapsed  # one short try after the commit, then the relay's turn
            _db.session.remove()
            empty_tables()
    finally:
        dispose(down)
