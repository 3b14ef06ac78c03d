"""The weekly reminder: introductions unanswered for 7 days, each side that has not answered, once a week."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from incubator.database import utcnow
from incubator.matching import decisions
from incubator.notifications.models import Notification
from incubator.partnerships import introductions
from incubator.partnerships.models import Introduction
from incubator.partnerships.tasks import remind_unanswered
from tests.factories import UserFactory
from tests.partnerships.conftest import make_pair


def introduce(db, score: float, days_ago: float) -> tuple:  # noqa: ANN001
    pair = make_pair(db, score)
    decisions.decide_suggestion(pair.suggestion.id, "approved", UserFactory(role="staff").id)
    introduction = db.session.scalar(
        select(Introduction).where(Introduction.suggestion_id == pair.suggestion.id)
    )
    introduction.created_at = utcnow() - timedelta(days=days_ago)
    db.session.commit()
    return pair, introduction


def reminders(db, user) -> int:  # noqa: ANN001
    query = select(Notification).where(
        Notification.user_id == user.id, Notification.kind == "introduction.reminder"
    )
    return len(db.session.scalars(query).all())


def test_only_week_old_unanswered_undeclined_introductions_are_due(db):
    _, old = introduce(db, 0.9, days_ago=8)
    _, fresh = introduce(db, 0.8, days_ago=3)
    declined_pair, declined = introduce(db, 0.7, days_ago=10)
    introductions.answer(declined, declined_pair.enterprise, "declined", "Không cần")
    accepted_pair, accepted = introduce(db, 0.6, days_ago=10)
    introductions.answer(accepted, accepted_pair.enterprise, "accepted")
    introductions.answer(accepted, accepted_pair.university, "accepted")
    half_pair, half = introduce(db, 0.5, days_ago=9)
    introductions.answer(half, half_pair.enterprise, "accepted")
    assert [i.id for i in introductions.due_for_reminder()] == [old.id, half.id]
    assert fresh.id and declined.id and accepted.id


def test_the_side_that_has_not_answered_is_reminded_once_a_week_at_most(db):
    pair, introduction = introduce(db, 0.9, days_ago=8)
    introductions.answer(introduction, pair.enterprise, "accepted")
    assert remind_unanswered() == 1  # the task as beat calls it, run in-process
    assert reminders(db, pair.university) == 1 and reminders(db, pair.enterprise) == 0
    assert introductions.remind_unanswered(utcnow() + timedelta(days=3)) == 0
    assert reminders(db, pair.university) == 1
    assert introductions.remind_unanswered(utcnow() + timedelta(days=7, minutes=1)) == 1
    assert reminders(db, pair.university) == 2


def test_beat_schedules_the_reminder(app):
    schedule = app.config["CELERY"]["beat_schedule"]
    assert "incubator.partnerships.tasks.remind_unanswered" in {entry["task"] for entry in schedule.values()}
    assert "incubator.partnerships.tasks" in app.config["CELERY"]["include"]


def test_the_beat_task_introduces_an_approval_whose_subscriber_failed(db):
    pair = make_pair(db)
    staff = UserFactory(role="staff")
    pair.suggestion.status, pair.suggestion.decided_by_id = "approved", staff.id  # no signal was received
    pair.suggestion.decision_note = "Ghi chú"
    db.session.commit()
    remind_unanswered()
    introduction = db.session.scalar(select(Introduction))
    assert introduction.suggestion_id == pair.suggestion.id and introduction.message == "Ghi chú"
    assert introductions.introduce_missing() == 0
