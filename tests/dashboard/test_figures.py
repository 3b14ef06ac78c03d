"""Dashboard arithmetic against a hand-counted ecosystem, and the page (access, tables, no inline script)."""

from __future__ import annotations

import json
import re

import pytest

from incubator.accounts.models import ROLES
from incubator.dashboard import network, services


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
    rows = {r["status"]: r["applications"] for r in services.applications_by_program()}
    assert rows == {
        "draft": 0,
        "submitted": 1,
        "under_review": 0,
        "accepted": 1,
        "waitlisted": 0,
        "rejected": 0,
        "withdrawn": 0,
    }
    (lab,) = services.lab_bookings()
    assert lab == {"lab": "FabLab TDMU", "organization": "Đại học Thủ Dầu Một",
                   "requested": 1, "approved": 2, "declined": 0, "cancelled": 0}  # fmt: skip


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
    assert 'name="csrf_token"' not in page.split('data-testid="dashboard-title"')[1]  # read-only


def test_the_vendored_chart_library_is_served_by_the_app(client):
    response = client.get("/static/vendor/chartjs/chart.umd.min.js")
    assert response.status_code == 200 and b"Chart.js v4" in response.data[:200]
    response.close()
