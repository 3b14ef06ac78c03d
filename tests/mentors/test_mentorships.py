"""Mentorships: request, accept within capacity (also under concurrent accepts), decline, sessions, end."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from flask_babel import force_locale
from sqlalchemy import func, select

from incubator.audit.models import AuditEvent
from incubator.extensions import db as _db
from incubator.mentors.meetings import end_mentorship
from incubator.mentors.mentorships import (
    MentorshipRefused,
    accept_mentorship,
    decline_mentorship,
    log_session,
    request_mentorship,
)
from incubator.mentors.models import Mentorship
from incubator.notifications.models import Notification
from tests.factories import MentorProfileFactory, MentorshipFactory, StartupFactory, UserFactory

THREADS = 8


def refusal(call, *args) -> str:
    with pytest.raises(MentorshipRefused) as caught:
        call(*args)
    with force_locale("en"):
        return caught.value.translated()


def audited(db, action: str) -> list[tuple]:
    """(actor, object type, object id, detail) of each audit row of `action`."""
    query = select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
    return [(e.actor_id, e.object_type, e.object_id, e.detail) for e in db.session.scalars(query)]


@pytest.fixture
def profile(db):
    return MentorProfileFactory(max_mentees=2)


def test_a_founder_requests_and_the_mentor_accepts(db, profile):
    startup = StartupFactory()
    mentorship = request_mentorship(startup.owner, profile, startup, "Cần hỗ trợ gọi vốn")
    assert mentorship.status == "requested" and mentorship.mentor_id == profile.user_id
    note = db.session.scalar(select(Notification).where(Notification.user_id == profile.user_id))
    assert startup.name in note.message
    accept_mentorship(mentorship, profile.user)
    assert mentorship.status == "active"
    actions = set(db.session.scalars(select(AuditEvent.action)))
    assert actions == {"mentorship.requested", "mentorship.accepted"}


def test_a_founder_cannot_ask_for_another_founders_startup_or_twice(db, profile):
    startup = StartupFactory()
    assert refusal(request_mentorship, UserFactory(), profile, startup, "x") == "Choose one of your startups."
    request_mentorship(startup.owner, profile, startup, "x")
    expected = "This startup already has an open request or mentorship with this mentor."
    assert refusal(request_mentorship, startup.owner, profile, startup, "x") == expected


def test_an_unavailable_mentor_takes_no_request(db):
    profile = MentorProfileFactory(available=False)
    startup = StartupFactory()
    assert "takes no new mentees" in refusal(request_mentorship, startup.owner, profile, startup, "x")


def test_capacity_limits_active_mentees(db, profile):
    for _ in range(2):
        accept_mentorship(MentorshipFactory(mentor=profile.user), profile.user)
    third = MentorshipFactory(mentor=profile.user)
    assert (
        refusal(accept_mentorship, third, profile.user)
        == "At capacity: you mentor at most 2 startups at once."
    )
    db.session.refresh(third)
    assert third.status == "requested"


def test_a_decline_carries_its_reason(db, profile):
    mentorship = MentorshipFactory(mentor=profile.user)
    decline_mentorship(mentorship, profile.user, "Không đúng lĩnh vực")
    assert (mentorship.status, mentorship.reason) == ("declined", "Không đúng lĩnh vực")
    expected = [(profile.user_id, "Mentorship", mentorship.id, {"reason": "Không đúng lĩnh vực"})]
    assert audited(db, "mentorship.declined") == expected
    assert refusal(accept_mentorship, mentorship, profile.user) == "This request was already answered."


def test_sessions_are_logged_only_while_active_and_the_mentorship_ends(db, profile):
    mentorship = MentorshipFactory(mentor=profile.user)
    expected = "Sessions are logged only in an active mentorship."
    assert refusal(log_session, mentorship, profile.user, date(2026, 12, 1), 60, "", "") == expected
    assert audited(db, "mentorship.session_logged") == []  # a refused session writes no audit row
    accept_mentorship(mentorship, profile.user)
    session = log_session(mentorship, profile.user, date(2026, 12, 1), 90, "Kế hoạch pilot", "Nhóm còn yếu")
    assert (session.duration_minutes, session.notes, session.private_notes) == (
        90,
        "Kế hoạch pilot",
        "Nhóm còn yếu",
    )
    logged = (profile.user_id, "MentorSession", session.id, {"mentorship_id": mentorship.id, "minutes": 90})
    assert audited(db, "mentorship.session_logged") == [logged]
    end_mentorship(mentorship, mentorship.founder, "completed")
    assert mentorship.status == "completed" and mentorship.ended_at is not None
    assert audited(db, "mentorship.completed") == [(mentorship.founder_id, "Mentorship", mentorship.id, {})]
    assert (
        refusal(end_mentorship, mentorship, profile.user, "cancelled")
        == "This mentorship cannot end this way."
    )
    assert audited(db, "mentorship.cancelled") == []


def test_a_founder_withdraws_a_request_and_it_is_audited_as_cancelled(db, profile):
    mentorship = MentorshipFactory(mentor=profile.user)
    end_mentorship(mentorship, mentorship.founder, "cancelled")
    assert mentorship.status == "cancelled"
    assert audited(db, "mentorship.cancelled") == [(mentorship.founder_id, "Mentorship", mentorship.id, {})]


def test_concurrent_accepts_never_exceed_capacity(app, db, profile):
    ids = [MentorshipFactory(mentor=profile.user).id for _ in range(THREADS)]
    mentor_id = profile.user_id
    barrier = threading.Barrier(THREADS)
    outcomes = [""] * THREADS

    def run(i: int) -> None:
        with app.app_context():
            barrier.wait()
            try:
                mentor = _db.session.get(type(profile.user), mentor_id)
                outcomes[i] = accept_mentorship(_db.session.get(Mentorship, ids[i]), mentor).status
            except MentorshipRefused as refused:
                with force_locale("en"):
                    outcomes[i] = refused.translated()
            except Exception as error:  # noqa: BLE001  (shown in the assertion, never swallowed)
                outcomes[i] = repr(error)
            finally:
                _db.session.remove()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    capacity = "At capacity: you mentor at most 2 startups at once."
    assert sorted(outcomes) == sorted(["active"] * 2 + [capacity] * (THREADS - 2)), outcomes
    db.session.expire_all()
    active = select(func.count()).where(Mentorship.status == "active")
    assert db.session.scalar(active) == 2
    accepted = select(func.count()).where(AuditEvent.action == "mentorship.accepted")
    assert db.session.scalar(accepted) == 2
