"""The founder's home page: each application with its latest steps, dated in Vietnam time."""

import re
from datetime import datetime

from sqlalchemy import select

from incubator.audit.models import AuditEvent
from incubator.notifications.services import notify
from incubator.review import applications, assignments
from tests.factories import ProgramFactory, StartupFactory, UserFactory


def steps(body: str) -> list[list[str]]:
    """The steps shown under each application of the home page, newest first."""
    blocks = body.split('data-testid="home-application"')[1:]
    return [re.findall(r'data-testid="home-application-step">([^<]*)</li>', block) for block in blocks]


def test_the_founder_home_shows_each_applications_latest_steps_in_local_time(client, login_as, db):
    founder = login_as("founder")
    application = applications.start_application(
        founder,
        ProgramFactory(),
        StartupFactory(owner=founder),
        {"pitch": "x", "answers": [], "submit": True},
    )
    assignments.assign_reviewers(application, [UserFactory(role="staff"), UserFactory(role="staff")], None)
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action.like("application.%")))
    moments = {"application.draft": 10, "application.submitted": 11, "application.under_review": 12}
    for event in events:  # 17:30 UTC is 00:30 the next day in Ho Chi Minh City
        event.created_at = datetime(2026, 3, moments[event.action], 17, 30)
    db.session.commit()
    body = client.get("/").get_data(as_text=True)
    [shown] = steps(body)
    assert [step.replace("\u202f", " ") for step in shown] == [
        "Mar 13, 2026, 12:30 AM · under review", "Mar 12, 2026, 12:30 AM · submitted",
        "Mar 11, 2026, 12:30 AM · draft",
    ]  # fmt: skip


def test_the_founder_home_shows_only_the_three_latest_steps(client, login_as, db):
    founder = login_as("founder")
    data = {"pitch": "x", "answers": [], "submit": True}
    application = applications.start_application(
        founder, ProgramFactory(), StartupFactory(owner=founder), data
    )
    assignments.assign_reviewers(application, [UserFactory(role="staff"), UserFactory(role="staff")], None)
    applications.withdraw(application, founder)  # four steps: draft, submitted, under review, withdrawn
    applications.start_application(
        founder, ProgramFactory(), StartupFactory(owner=founder), {**data, "submit": False}
    )
    shown = sorted(steps(client.get("/").get_data(as_text=True)), key=len)
    assert [[step.split(" · ")[1] for step in each] for each in shown] == [
        ["draft"],
        ["withdrawn", "under review", "submitted"],
    ]


def test_the_founder_home_links_its_unread_notifications_to_the_inbox(client, login_as, db):
    founder = login_as("founder")
    assert "unread notification" not in client.get("/").get_data(as_text=True)
    notify(founder.id, "test", "Hồ sơ của bạn đã được nhận.", email=False)
    db.session.commit()
    body = client.get("/").get_data(as_text=True)
    link = '<a class="alert-link" href="/notifications/">You have 1 unread notification.</a>'
    assert link in body
