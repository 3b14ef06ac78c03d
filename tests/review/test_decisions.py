"""Decisions: refused without enough reviews, seats need confirmation, the founder is notified."""

import pytest
from sqlalchemy import select

from incubator.audit.models import AuditEvent
from incubator.notifications.models import Notification
from incubator.review import assignments, decisions
from incubator.review.errors import NotEnoughReviews, SeatsFull, TransitionRefused
from tests.factories import ProgramFactory
from tests.review.conftest import reviewed, score


def test_a_decision_is_refused_while_reviews_are_missing(db, submitted, staff):
    application = submitted()
    first, second = staff(2)
    assignments.assign_reviewers(application, [first, second], first.id)
    score(application, first, 4, 4)
    with pytest.raises(NotEnoughReviews):
        decisions.decide(application, "accepted", "Chúc mừng", first.id)
    assert application.status == "under_review"


@pytest.mark.parametrize("outcome", ["accepted", "waitlisted", "rejected"])
def test_a_decision_records_the_outcome_its_message_an_audit_row_and_a_notification(
    db, submitted, staff, outcome
):
    application = reviewed(submitted(), staff(2), [(4, 4), (3, 5)])
    decisions.decide(application, outcome, "Cảm ơn nhóm đã nộp hồ sơ.", application.program_id)
    assert application.status == outcome and application.decided_at is not None
    event = db.session.scalar(select(AuditEvent).filter_by(action=f"application.{outcome}"))
    assert event.detail["before"] == "under_review" and event.detail["message"] == "Cảm ơn nhóm đã nộp hồ sơ."
    note = db.session.scalar(select(Notification).filter_by(kind="decision_made"))
    assert note.user_id == application.submitted_by_id and "Cảm ơn nhóm" in note.message


def test_the_decision_is_written_in_the_founders_language(db, submitted, staff):
    application = submitted()
    application.submitted_by.language = "vi"
    db.session.commit()
    reviewed(application, staff(2), [(4, 4), (4, 4)])
    decisions.decide(application, "accepted", "Chúc mừng!", application.submitted_by_id)
    note = db.session.scalar(select(Notification).filter_by(kind="decision_made"))
    assert "kết quả xét hồ sơ" in note.message and "được chấp nhận" in note.message


def test_accepting_beyond_the_seats_needs_confirmation(db, submitted, staff):
    program = ProgramFactory(seats=1)
    reviewers = staff(2)
    first = reviewed(submitted(program=program), reviewers, [(5, 5), (4, 4)])
    second = reviewed(submitted(program=program), reviewers, [(4, 4), (4, 4)])
    decisions.decide(first, "accepted", "OK", reviewers[0].id)
    with pytest.raises(SeatsFull):
        decisions.decide(second, "accepted", "OK", reviewers[0].id)
    assert second.status == "under_review"
    decisions.decide(second, "accepted", "OK", reviewers[0].id, confirm=True)
    assert second.status == "accepted"


def test_a_waitlisted_application_can_be_accepted_later_but_a_decided_one_is_final(db, submitted, staff):
    application = reviewed(submitted(), staff(2), [(3, 3), (3, 3)])
    decisions.decide(application, "waitlisted", "Chờ", application.submitted_by_id)
    decisions.decide(application, "accepted", "Có chỗ", application.submitted_by_id)
    with pytest.raises(TransitionRefused):
        decisions.decide(application, "rejected", "Không", application.submitted_by_id)
