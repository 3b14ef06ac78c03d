"""The busiest pages issue a fixed, small number of SQL queries, however many rows they show."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from sqlalchemy import event

from incubator.matching.models import MatchingRun, Suggestion
from incubator.notifications.models import Notification
from incubator.review.models import Application, Program
from tests.factories import LabFactory, MentorProfileFactory, OrganizationFactory, StartupFactory


@contextmanager
def queries(db) -> Iterator[list[str]]:  # noqa: ANN001
    """The SQL statements the app runs inside the block (the user's own load included)."""
    statements: list[str] = []

    def collect(conn, cursor, statement, *args) -> None:  # noqa: ANN001
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", collect)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", collect)


def page(client, db, url: str) -> tuple[str, int]:  # noqa: ANN001
    """The page's HTML and how many queries it took (asserting it answered 200)."""
    with queries(db) as statements:
        response = client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True), len(statements)


def program(db, opens: int, closes: int) -> Program:  # noqa: ANN001
    """A program open from `opens` to `closes` days from today."""
    today, owner = date.today(), OrganizationFactory(kind="incubator")
    row = Program(organization_id=owner.id, name=f"Cohort {opens}",
                  opens_on=today + timedelta(opens), closes_on=today + timedelta(closes))  # fmt: skip
    db.session.add(row)
    db.session.commit()
    return row


def suggestion(source_id: int, kind: str, target_id: int) -> Suggestion:
    """A pending suggestion of target `kind` #`target_id` for startup #`source_id`."""
    return Suggestion(kind=f"startup-{kind}", source_type="startup", source_id=source_id, target_type=kind,
                      target_id=target_id, score=0.5, terms=["cnc"])  # fmt: skip


def applications(db, founder, programs: list[Program]) -> None:  # noqa: ANN001
    """One application of a new startup of `founder` to each of `programs`."""
    for each in programs:
        startup = StartupFactory(owner=founder)
        db.session.add(Application(program_id=each.id, startup_id=startup.id, submitted_by_id=founder.id))
    db.session.commit()


@pytest.mark.parametrize("rows", [1, 4])
def test_the_staff_home_takes_three_queries_whatever_it_counts(client, login_as, db, rows):
    staff = login_as("staff")
    founder = StartupFactory().owner
    applications(db, founder, [program(db, -1, 10 + i) for i in range(rows)])
    for i in range(rows):
        notification = Notification(user_id=staff.id, kind="k", message="m")
        db.session.add_all([MatchingRun(status="done"), notification, suggestion(i, "lab", i)])
    db.session.commit()
    html, count = page(client, db, "/")
    assert count <= 3  # the user with the unread badge, the open programs, one query for every figure
    assert 'data-testid="home-title"' in html and "Cohort -1" in html


@pytest.mark.parametrize("rows", [1, 4])
def test_the_founder_home_takes_five_queries_however_many_applications(client, login_as, db, rows):
    founder = login_as("founder")
    applications(db, founder, [program(db, -30 - i, -2) for i in range(rows)])  # closed programs
    html, count = page(client, db, "/")
    # the user with the unread count (the page's figure and the navigation's badge), the first page of
    # startups (not counted), applications with programs, their latest steps (one query), open programs
    assert count <= 5
    assert html.count("Cohort -30") == 1 and html.count("Startup ") >= rows


@pytest.mark.parametrize("labs", [1, 6])
def test_the_lab_list_takes_two_queries_however_many_labs(client, login_as, db, labs):
    login_as("founder")
    for _ in range(labs):
        LabFactory()
    html, count = page(client, db, "/labs/")
    assert count <= 2  # the user with the unread badge; the labs with their organizations (the filter)
    assert html.count('data-testid="lab"') == labs


@pytest.mark.parametrize("rows", [1, 6])
def test_the_suggestions_page_takes_three_queries_however_many_kinds_and_rows(client, login_as, db, rows):
    login_as("staff")
    startups = [StartupFactory() for _ in range(rows)]
    labs, mentors = [LabFactory() for _ in range(rows)], [MentorProfileFactory() for _ in range(rows)]
    for startup, lab, mentor in zip(startups, labs, mentors, strict=True):
        for kind, target in (("lab", lab), ("mentor", mentor)):
            db.session.add(suggestion(startup.id, kind, target.id))
    db.session.commit()
    html, count = page(client, db, "/matching/suggestions")
    assert count <= 3  # user with unread badge, page with its total and titles, the filters' choices
    assert html.count('data-testid="suggestion"') == 2 * rows
