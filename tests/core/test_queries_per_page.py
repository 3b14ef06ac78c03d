"""The busiest pages issue a fixed, small number of SQL queries, however many rows they show."""

from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from html import unescape
from urllib.parse import urlsplit

import pytest
from sqlalchemy import event, select
from werkzeug.exceptions import HTTPException

from incubator.accounts.models import User
from incubator.accounts.recovery import link_for
from incubator.accounts.services import RESET_PASSWORD, VERIFY_EMAIL
from incubator.demo import data as demo_data
from incubator.demo.seed import seed_demo, seed_demo_run
from incubator.labs.models import ClosedDate
from incubator.labs.rules import to_utc
from incubator.matching.models import MatchingRun, Suggestion
from incubator.notifications.models import Notification
from incubator.review.models import Application, Program
from tests.conftest import submit
from tests.core.test_every_route import build_url, known_id
from tests.factories import (
    BookingFactory,
    LabFactory,
    MentorProfileFactory,
    OrganizationFactory,
    StartupFactory,
    open_every_day,
)


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
def test_the_lab_list_takes_four_queries_however_many_labs(client, login_as, db, labs):
    login_as("founder")
    for _ in range(labs):
        LabFactory()
    html, count = page(client, db, "/labs/")
    assert count <= 4  # the user with the unread badge; the filter's universities; the page's labs (with
    # their organizations) and their count: paged in SQL, never every lab read
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


@pytest.mark.parametrize("labs", [1, 6])
def test_the_dashboard_counts_its_figures_in_seventeen_queries_however_many_labs(client, login_as, db, labs):
    login_as("government")
    today = datetime.combine(date.today(), time(9))
    for _ in range(labs):
        lab = open_every_day(LabFactory())
        db.session.add(ClosedDate(lab_id=lab.id, day=date.today() + timedelta(days=1)))
        BookingFactory(
            lab=lab, status="approved", starts_at=to_utc(today), ends_at=to_utc(today) + timedelta(hours=1)
        )
    db.session.commit()
    html, count = page(client, db, "/dashboard/")
    # the user, the ecosystem's counts, a query per dataset drawn (the funnel: one), the labs with their
    # opening hours, closed dates and approved bookings over the four weeks, the network's two
    assert count <= 17
    assert html.count(">1.0<") >= labs  # each lab's booked hour in the utilisation table


PAGE_QUERY_LIMIT = 20
PER_ENDPOINT = 2  # URLs visited per endpoint and role (two labs, two applications …), enough to show an N+1
HREF = re.compile(r'href="(?:http://localhost)?(/[^"#]*)"')  # the site's own links (a feed's is absolute)


class Crawl:
    """GET pages as one client, following the site's own links, counting each page's SQL queries."""

    def __init__(self, app, client, db) -> None:  # noqa: ANN001
        self.adapter, self.client, self.db = app.url_map.bind("localhost"), client, db
        self.seen: set[str] = set()
        self.visits: Counter[tuple] = Counter()
        self.counts: dict[str, int] = {}
        self.answered: set[str] = set()  # endpoints that answered themselves (not refused, not sent to login)

    def key(self, url: str) -> tuple | None:
        """The endpoint with its non-numeric arguments (each dataset counts), or None for no GET page."""
        try:
            endpoint, args = self.adapter.match(urlsplit(url).path, method="GET")
        except HTTPException:
            return None
        if endpoint.endswith("static") or endpoint == "accounts.logout":
            return None
        return (endpoint, *sorted((k, v) for k, v in args.items() if not isinstance(v, int)))

    def run(self, start: list[str]) -> dict[str, int]:
        """Visit `start` and the links found, breadth first; return each URL's query count."""
        queue = deque(start)
        while queue:
            url = unescape(queue.popleft())
            key = self.key(url)
            if url in self.seen or key is None or self.visits[key] >= PER_ENDPOINT:
                continue
            self.seen.add(url)
            self.visits[key] += 1
            with queries(self.db) as statements:
                response = self.client.get(url)
            self.counts[url] = len(statements)
            refused = response.status_code in (403, 404) or (response.location or "").startswith("/login")
            if not refused:
                self.answered.add(key[0])
            if response.mimetype == "text/html":
                queue.extend(HREF.findall(response.get_data(as_text=True)))
        return self.counts


def rule_urls(app) -> list[str]:  # noqa: ANN001
    """Every GET route, each numeric argument filled with the first row of its table."""
    urls = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if (
            "GET" in rule.methods
            and not rule.endpoint.endswith("static")
            and "<" not in rule.rule.replace("<int:", "")
        ):
            urls.append(build_url(rule.rule, {n: known_id(app, {"ids": {}}, n) for n in rule.arguments}))
    return urls


def demo_accounts() -> list[str | None]:
    """The public (None) and the first demo account of each role and membership kind (lab manager)."""
    firsts = {role: email for email, _, role, _ in reversed(demo_data.USERS)}
    return [None, *firsts.values(), *(email for email, _ in demo_data.LAB_MANAGERS)]


def test_every_page_takes_fewer_than_twenty_queries_for_every_demo_role(app, client, db):
    seed_demo()
    seed_demo_run()
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    founder = db.session.scalar(select(User).where(User.email == "founder@demo.test"))
    mailed = [
        urlsplit(link_for(kind, founder)).path for kind in (VERIFY_EMAIL, RESET_PASSWORD)
    ]  # no page links
    start = ["/", *rule_urls(app), *mailed, f"/labs/?free_on={tomorrow}", "/open-data/"]
    heavy, answered = {}, set()
    for email in demo_accounts():
        browser = app.test_client()  # the test client's class: cookies kept, CSRF enforced
        browser.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
        if email:
            login = {"email": email, "password": demo_data.DEMO_PASSWORD}
            assert submit(browser, "/login", login).status_code == 302
        crawl = Crawl(app, browser, db)
        counts = crawl.run(start)
        answered |= crawl.answered
        heavy |= {(email, url): n for url, n in counts.items() if n >= PAGE_QUERY_LIMIT}
    assert heavy == {}
    pages = {rule.endpoint for rule in app.url_map.iter_rules() if "GET" in rule.methods}
    assert {p for p in pages - answered if not p.endswith("static")} == set()  # every page was reached
