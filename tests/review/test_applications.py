"""A founder's application: draft, submit before the deadline, one per startup and program, withdraw."""

from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy import select

from incubator.audit.models import AuditEvent
from incubator.localtime import today_local
from incubator.review import applications
from incubator.review.errors import ApplicationClosed, DuplicateApplication, TransitionRefused
from incubator.review.models import Application
from tests.factories import ProgramFactory, StartupFactory
from tests.review.conftest import ANSWERS


def draft(program=None, startup=None):  # noqa: ANN001, ANN201
    program, startup = program or ProgramFactory(), startup or StartupFactory()
    return applications.start_application(startup.owner, program, startup, {**ANSWERS, "submit": False})


def actions(db, application):  # noqa: ANN001, ANN201
    query = select(AuditEvent.action).where(AuditEvent.object_id == application.id).order_by(AuditEvent.id)
    return list(db.session.scalars(query))


def test_a_draft_is_saved_then_submitted_with_an_audit_row_per_step(db):
    application = draft()
    assert application.status == "draft" and application.answers == ["Sensors", "Factories"]
    applications.update_draft(application, application.startup.owner, {**ANSWERS, "submit": True})
    assert application.status == "submitted" and application.submitted_at is not None
    assert actions(db, application) == ["application.draft", "application.submitted"]
    event = db.session.scalar(select(AuditEvent).filter_by(action="application.submitted"))
    assert event.detail == {"before": "draft", "after": "submitted"}


def test_submitting_after_the_deadline_is_refused_with_the_local_deadline(app, db):
    closed = ProgramFactory(closes_on=today_local() - timedelta(days=1))
    with pytest.raises(ApplicationClosed) as refusal:
        draft(program=closed)
    with app.test_request_context(headers={"Accept-Language": "en"}):
        text = refusal.value.text()
    assert "(Vietnam time)" in text and closed.name in text
    assert "11:59" in text  # the end of the last day, shown in Asia/Ho_Chi_Minh


def test_a_draft_cannot_be_submitted_once_the_program_closed(db):
    application = draft()
    application.program.closes_on = today_local() - timedelta(days=1)
    db.session.commit()
    with pytest.raises(ApplicationClosed):
        applications.update_draft(application, application.startup.owner, {**ANSWERS, "submit": True})


def test_a_program_not_open_yet_refuses_applications(db):
    with pytest.raises(ApplicationClosed):
        draft(program=ProgramFactory(opens_on=today_local() + timedelta(days=2)))


def test_a_startup_applies_once_per_program(db):
    application = draft()
    with pytest.raises(DuplicateApplication):
        draft(program=application.program, startup=application.startup)


def test_the_database_refuses_a_second_application_of_a_startup_to_a_program(db):
    application = draft()
    twin = Application(program_id=application.program_id, startup_id=application.startup_id,
                       submitted_by_id=application.submitted_by_id)  # fmt: skip
    db.session.add(twin)
    with pytest.raises(sa.exc.IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_a_founder_withdraws_and_a_withdrawn_application_stays_withdrawn(db, submitted):
    application = submitted()
    applications.withdraw(application, application.startup.owner)
    assert application.status == "withdrawn"
    with pytest.raises(TransitionRefused):
        applications.withdraw(application, application.startup.owner)


def test_a_submitted_application_is_no_longer_editable(db, submitted):
    application = submitted()
    with pytest.raises(TransitionRefused):
        applications.update_draft(application, application.startup.owner, {**ANSWERS, "submit": False})


def test_the_founder_sees_the_status_history(db, submitted):
    application = submitted()
    history = applications.status_history(application)
    assert [event.detail["after"] for event in history] == ["draft", "submitted"]
