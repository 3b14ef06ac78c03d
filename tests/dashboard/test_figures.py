"""Dashboard arithmetic against a hand-counted ecosystem, and the page (access, tables, no inline script)."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time
from time import sleep

import pytest

from incubator.accounts.models import ROLES
from incubator.dashboard import aggregates, network, services
from incubator.dashboard.contract import typed
from incubator.dashboard.datasets import DATASETS
from incubator.labs.models import ClosedDate
from incubator.labs.rules import to_utc
from tests.conftest import TEST_PASSWORD, submit
from tests.core.test_queries_per_page import queries
from tests.factories import BookingFactory, LabFactory, StartupFactory, UserFactory


def test_startups_are_counted_by_stage_and_sector(ecosystem):
    assert services.startups_by_stage() == [
        {"stage": "idea", "startups": 0},
        {"stage": "prototype", "startups": 2},
        {"stage": "mvp", "startups": 1},
        {"stage": "growth", "startups": 0},
        {"stage": "scale", "startups": 0},
    ]
    assert services.startups_by_sector() == [
        {"sector": "manufacturing", "startups": 2},
        {"sector": "food", "startups": 1},
    ]


def test_applications_and_lab_bookings_are_counted(ecosystem):
    rows = {(r["program"], r["status"]): r["applications"] for r in services.applications_by_program()}
    assert {status: n for (_, status), n in rows.items()} == {
        "submitted": 1,
        "under_review": 0,
        "accepted": 1,
        "waitlisted": 0,
        "rejected": 0,
        "withdrawn": 0,
    }
    assert {program for program, _ in rows} == {
        "Block71 Cohort"
    }  # the draft and the hidden program: not counted
    (lab,) = services.lab_bookings()
    assert lab == {"lab_id": ecosystem["lab"].id, "lab": "FabLab TDMU",
                   "organization_id": ecosystem["school"].id, "organization": "Đại học Thủ Dầu Một",
                   "requested": 1, "approved": 2, "declined": 0, "cancelled": 0}  # fmt: skip


def booked(lab, day: date, start: tuple[int, int], end: tuple[int, int], status: str = "approved") -> None:  # noqa: ANN001
    """A booking of `lab` on `day` from local `start` to `end` (hour, minute)."""
    BookingFactory(
        lab=lab,
        status=status,
        starts_at=to_utc(datetime.combine(day, time(*start))),
        ends_at=to_utc(datetime.combine(day, time(*end))),
    )


def test_lab_utilisation_is_booked_over_open_hours_in_the_four_weeks_to_next_week(db, ecosystem):
    lab = ecosystem["lab"]  # open Monday–Friday 08:00–17:00: 45 hours a week
    booked(lab, date(2026, 10, 20), (9, 0), (12, 30))  # 3.5 h, in the first week measured
    booked(lab, date(2026, 11, 10), (16, 0), (18, 0))  # 1 h: only the hour before closing counts
    booked(lab, date(2026, 11, 11), (9, 0), (12, 0), status="declined")  # not approved: 0 h
    booked(lab, date(2026, 11, 12), (13, 0), (15, 0), status="cancelled")  # 0 h
    booked(lab, date(2026, 10, 16), (9, 0), (12, 0))  # the Friday before the window: 0 h
    booked(lab, date(2026, 11, 16), (9, 0), (12, 0))  # the Monday after it: 0 h
    db.session.add(ClosedDate(lab_id=lab.id, day=date(2026, 11, 13), note="Holiday"))  # 9 h less open
    never_open = LabFactory(organization=ecosystem["school"], name="Cleanroom TDMU")
    db.session.commit()
    rows = services.lab_utilisation(date(2026, 11, 4))  # a Wednesday: weeks of 19 Oct … 9 Nov
    # open: 4 weeks × 45 h − 9 h = 171 h; booked: 2 h (fixture) + 3.5 h + 1 h = 6.5 h; 6.5 / 171 = 3.80 %
    assert rows == [
        {"lab_id": lab.id, "lab": "FabLab TDMU", "organization_id": lab.organization_id,
         "organization": "Đại học Thủ Dầu Một", "first_day": "2026-10-19",
         "last_day": "2026-11-15", "open_hours": 171.0, "booked_hours": 6.5, "utilisation_percent": 3.8},
        {"lab_id": never_open.id, "lab": never_open.name, "organization_id": lab.organization_id,
         "organization": "Đại học Thủ Dầu Một", "first_day": "2026-10-19",
         "last_day": "2026-11-15", "open_hours": 0.0, "booked_hours": 0.0, "utilisation_percent": None},
    ]  # fmt: skip
    one_week = services.lab_utilisation(date(2026, 11, 8), weeks=1)[0]  # a Sunday: next week alone
    assert (one_week["first_day"], one_week["open_hours"], one_week["booked_hours"]) == (
        "2026-11-09",
        36.0,
        1.0,
    )
    assert one_week["utilisation_percent"] == round(100 / 36, 1)


def test_the_funnel_converts_step_by_step(ecosystem):
    assert services.matching_funnel() == [
        {"step": "suggested", "count": 10, "conversion_percent": None},
        {"step": "approved", "count": 4, "conversion_percent": 40.0},
        {"step": "introduced", "count": 3, "conversion_percent": 75.0},
        {"step": "both_accepted", "count": 2, "conversion_percent": 66.7},
        {"step": "partnerships", "count": 2, "conversion_percent": 100.0},
    ]


def test_median_days_rejection_reasons_statuses_and_outcomes(ecosystem):
    assert services.partnership_timing() == [{"partnerships": 2, "median_days": 15.0}]
    reasons = {r["reason"]: r["suggestions"] for r in services.rejection_reasons()}
    assert reasons == {
        "not_relevant": 0,
        "too_early": 2,
        "no_capacity": 0,
        "conflict_of_interest": 0,
        "other": 1,
    }
    statuses = {r["status"]: r["partnerships"] for r in services.partnerships_by_status()}
    assert statuses == {"proposed": 1, "active": 1, "completed": 0, "ended": 0}
    assert {r["kind"]: r["outcomes"] for r in services.outcomes_by_kind()}["mou"] == 2


def test_an_empty_ecosystem_has_no_rates_and_no_median(db):
    assert all(step["conversion_percent"] is None for step in services.matching_funnel())
    assert services.partnership_timing() == [{"partnerships": 0, "median_days": None}]


def test_the_network_joins_the_two_organizations_twice(ecosystem):
    picture = network.network()
    by_name = {n.name: n for n in picture["nodes"]}
    assert (
        by_name["Đại học Thủ Dầu Một"].partnerships == 2
        and by_name["Công ty Cơ khí Tân Uyên"].partnerships == 2
    )
    assert len(picture["edges"]) == 2


@pytest.mark.parametrize("role", ROLES)
def test_the_dashboard_is_for_staff_admins_and_government(client, login_as, role):
    login_as(role)
    assert client.get("/dashboard/").status_code == (200 if role in ("staff", "admin", "government") else 403)


def test_the_dashboard_passes_its_data_as_json_and_shows_every_chart_as_a_table(client, login_as, ecosystem):
    login_as("government")
    page = client.get("/dashboard/").get_data(as_text=True)
    assert 'style="' not in page
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", page)
    assert inline == [' type="application/json" id="dashboard-charts"']
    data = json.loads(re.search(r'id="dashboard-charts">(.*?)</script>', page, re.S).group(1))
    assert data["matching-funnel"]["datasets"][0]["data"] == [10, 4, 3, 2, 2]
    assert page.count("<canvas data-chart=") == len(data) == page.count('data-testid="table-')
    assert "/static/vendor/chartjs/chart.umd.min.js" in page and "/open-data/matching-funnel.csv" in page
    assert page.count('data-testid="network-edge"') == 2 and "66.7" in page and "15.0" in page
    assert page.count('data-testid="network-line"') == 1 and 'data-count="2"' in page  # one line, its count
    assert (
        data["lab-utilisation"]["labels"] == ["FabLab TDMU"] and 'data-testid="table-lab-utilisation"' in page
    )
    assert 'name="csrf_token"' not in page.split('data-testid="dashboard-title"')[1]  # read-only


def test_the_vendored_chart_library_is_served_by_the_app(client):
    response = client.get("/static/vendor/chartjs/chart.umd.min.js")
    assert response.status_code == 200 and b"Chart.js v4" in response.data[:200]
    response.close()


def stage_counts(client) -> list[int]:  # noqa: ANN001
    """The startups-by-stage bars the dashboard draws for the logged-in client."""
    page = client.get("/dashboard/").get_data(as_text=True)
    data = json.loads(re.search(r'id="dashboard-charts">(.*?)</script>', page, re.S).group(1))
    return data["startups-by-stage"]["datasets"][0]["data"]


def logged_in(app, role: str):  # noqa: ANN001, ANN201
    """A browser of its own (the test client's class) logged in as a new user of `role`."""
    browser = app.test_client()
    user = UserFactory(role=role, full_name=f"Viewer {role}")
    assert submit(browser, "/login", {"email": user.email, "password": TEST_PASSWORD}).status_code == 302
    return browser


def test_staff_and_government_share_the_figures_until_they_expire(app, client, db, ecosystem, monkeypatch):
    monkeypatch.setitem(app.config, "FIGURES_CACHE_SECONDS", 60)
    viewers = {role: logged_in(app, role) for role in ("staff", "government")}
    try:
        assert stage_counts(viewers["staff"]) == [0, 2, 1, 0, 0]
        StartupFactory(stage="idea")
        with queries(db) as statements:
            page = viewers["government"].get("/dashboard/").get_data(as_text=True)
            rows = viewers["government"].get("/open-data/lab-utilisation.json").get_json()
        assert len(statements) <= 2  # the government user (and the open data nothing): figures from the cache
        assert "Viewer government" in page and "Viewer staff" not in page  # the page itself is per user
        assert rows == [typed(DATASETS["lab-utilisation"], row) for row in services.lab_utilisation()]
        monkeypatch.setitem(app.config, "FIGURES_CACHE_SECONDS", 0.01)
        sleep(0.02)
        assert stage_counts(viewers["government"]) == [1, 2, 1, 0, 0]  # counted afresh once expired
    finally:
        aggregates.forget()


def test_every_node_of_a_busy_network_gets_a_label_that_overlaps_no_other_label():
    names = [f"Trường Đại học số {i} Bình Dương" for i in range(10)] + [f"Công ty {i}" for i in range(6)]
    placed = [network.Node(f"organization:{i}", name, "university") for i, name in enumerate(names)]
    links = [
        {"source": "organization:0", "target": f"organization:{i}", "status": "active"} for i in (1, 2, 3)
    ]
    links += [{"source": "organization:4", "target": "organization:5", "status": "proposed"}] * 2
    for link in links:
        for end in (link["source"], link["target"]):
            placed[int(end.split(":")[1])].partnerships += 1
    network.place(placed, links)
    network.label(placed)
    assert all(node.label and 0 <= node.x <= network.SIZE and 0 <= node.y <= network.SIZE for node in placed)
    boxes = [node.label_box for node in placed]
    overlapping = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if network._overlap(a, b)]
    assert overlapping == []
    by_id = {n.id: n for n in placed}
    assert sorted(line["count"] for line in network.lines(links, by_id)) == [1, 1, 1, 2]
