"""Staff matching pages: access, filters, decisions with CSRF, the progress JSON, escaping."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from incubator.accounts.models import ROLES
from incubator.matching.models import MatchingRun, Suggestion
from tests.factories import StartupFactory

PAGES = ["/matching/", "/matching/suggestions"]


def suggestion(db, source_id: int, target_type: str = "lab", score: float = 0.5, **fields) -> Suggestion:  # noqa: ANN001
    row = Suggestion(
        kind=f"startup-{target_type}",
        source_type="startup",
        source_id=source_id,
        target_type=target_type,
        target_id=1,
        score=score,
        terms=["cnc", "máy in 3D"],
        **fields,
    )
    db.session.add(row)
    db.session.commit()
    return row


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url", PAGES)
def test_matching_pages_are_for_staff_and_admins_only(client, login_as, role, url):
    login_as(role)
    assert client.get(url).status_code == (200 if role in ("staff", "admin") else 403)


def test_suggestions_are_filtered_by_kind_and_show_their_explanation(client, login_as, db):
    login_as("staff")
    startup = StartupFactory(name="<script>alert(1)</script> Robotics")
    suggestion(db, startup.id, "lab")
    suggestion(db, startup.id, "mentor")
    body = client.get("/matching/suggestions?kind=startup-mentor").get_data(as_text=True)
    assert body.count('data-testid="suggestion"') == 1 and "máy in 3D" in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Robotics" in body and "<script>alert(1)" not in body
    assert client.get("/matching/suggestions?kind=nonsense&page=-3").status_code == 200


def test_a_decision_without_csrf_token_changes_nothing(client, login_as, db):
    login_as("staff")
    row = suggestion(db, StartupFactory().id)
    response = client.post(f"/matching/suggestions/{row.id}/decision", data={"decision": "approved"})
    assert response.status_code == 400
    db.session.refresh(row)
    assert row.status == "pending"


def test_staff_approve_a_suggestion_and_it_leaves_the_queue(client, login_as, post_form, db):
    user = login_as("staff")
    row = suggestion(db, StartupFactory().id)
    post_form(
        f"/matching/suggestions/{row.id}/decision", {"decision": "approved"}, form_url="/matching/suggestions"
    )
    db.session.refresh(row)
    assert row.status == "approved" and row.decided_by_id == user.id
    assert 'data-testid="suggestion"' not in client.get("/matching/suggestions").get_data(as_text=True)


def test_an_unknown_decision_is_refused(client, login_as, post_form, db):
    login_as("staff")
    row = suggestion(db, StartupFactory().id)
    response = post_form(
        f"/matching/suggestions/{row.id}/decision", {"decision": "maybe"}, form_url="/matching/suggestions"
    )
    assert response.status_code == 400
    db.session.refresh(row)
    assert row.status == "pending"


def test_the_progress_json_reports_done_and_total(client, login_as, db):
    login_as("staff")
    run = MatchingRun(status="running", progress_done=3, progress_total=12, params={})
    db.session.add(run)
    db.session.commit()
    status = client.get(f"/matching/runs/{run.id}/status.json").get_json()
    assert (status["done"], status["total"], status["percent"]) == (3, 12, 25)
    assert client.get("/matching/runs/999999/status.json").status_code == 404


def test_a_second_run_cannot_start_while_one_is_active(client, login_as, post_form, db):
    login_as("staff")
    db.session.add(MatchingRun(status="running", params={}, progress_total=1))
    db.session.commit()
    response = post_form("/matching/runs", {}, form_url="/matching/", follow_redirects=True)
    assert "A matching run is already in progress." in response.get_data(as_text=True)
    assert len(db.session.scalars(select(MatchingRun)).all()) == 1


@pytest.mark.parametrize(
    ("code", "language", "shown"),
    [
        ("stale", "en", "No progress for a while"),
        ("stale", "vi", "Đã lâu không có tiến triển"),
        (
            "task_failed: OperationalError: locked",
            "en",
            "A worker failed on this run (OperationalError: locked)",
        ),
        (
            "task_failed: OperationalError: locked",
            "vi",
            "gặp lỗi trong lượt chạy này (OperationalError: locked)",
        ),
    ],
)
def test_a_run_error_is_stored_as_a_code_and_read_in_the_readers_language(
    client, login_as, db, code, language, shown
):
    login_as("staff", language=language)
    run = MatchingRun(status="failed", params={}, error=code)
    db.session.add(run)
    db.session.commit()
    assert shown in client.get(f"/matching/runs/{run.id}").get_data(as_text=True)
    assert shown in client.get(f"/matching/runs/{run.id}/status.json").get_json()["error"]
