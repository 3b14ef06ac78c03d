"""An unverified account may log in and read, but every route that publishes or requests refuses it."""

import pytest
from flask import Flask
from sqlalchemy import func, select

from incubator.database import utcnow
from incubator.extensions import db as _db
from tests.conftest import TEST_PASSWORD, csrf_token, submit

# Marking one's own notifications read publishes and requests nothing.
OPEN_TO_UNVERIFIED = {"notifications.mark_read", "notifications.mark_all_read"}
CHANGING = {"POST", "PUT", "PATCH", "DELETE"}
ROLES = ("founder", "university", "enterprise", "mentor", "staff", "admin")


def changing_routes(app: Flask) -> list[tuple[str, object]]:
    """(rule, view) of every role-restricted route that accepts a change."""
    return [
        (rule, app.view_functions[rule.endpoint])
        for rule in app.url_map.iter_rules()
        if rule.methods & CHANGING and getattr(app.view_functions[rule.endpoint], "allowed_roles", None)
    ]


def row_counts() -> dict[str, int]:
    """How many rows each table holds."""
    tables = _db.metadata.sorted_tables
    return {t.name: _db.session.scalar(select(func.count()).select_from(t)) for t in tables}


def test_every_role_restricted_route_that_changes_something_requires_a_verified_address(app):
    unguarded = [
        rule.rule
        for rule, view in changing_routes(app)
        if rule.endpoint not in OPEN_TO_UNVERIFIED and not getattr(view, "verified_required", False)
    ]
    assert unguarded == []


@pytest.mark.parametrize("role", ROLES)
def test_an_unverified_users_post_to_any_of_its_routes_changes_nothing(app, client, world, role):
    user = world["users"][role]
    user.email_verified_at = None
    _db.session.commit()
    assert submit(client, "/login", {"email": user.email, "password": TEST_PASSWORD}).status_code == 302
    token = csrf_token(client.get("/").get_data(as_text=True))
    urls = app.url_map.bind("localhost")
    before = row_counts()
    tried = 0
    for rule, view in changing_routes(app):
        if role not in view.allowed_roles or rule.endpoint in OPEN_TO_UNVERIFIED:
            continue
        values = {name: world["ids"].get(name, 1) for name in rule.arguments}
        response = client.post(urls.build(rule.endpoint, values), data={"csrf_token": token})
        body = response.get_data(as_text=True)
        assert response.status_code == 403, rule.rule
        assert "Verify your e-mail address first." in body and 'data-testid="resend-verification"' in body
        tried += 1
    assert tried and row_counts() == before


def test_a_startup_waits_for_the_founders_verified_address(client, login_as, post_form, db):
    founder = login_as("founder", email_verified_at=None)
    startup = {"name": "Nhuộm Xanh", "description": "Thuốc nhuộm sinh học", "sector": "Dệt may",
               "stage": "idea", "team_size": 3}  # fmt: skip
    assert client.get("/startups/new").status_code == 200  # reading stays open
    assert post_form("/startups/new", startup).status_code == 403
    assert row_counts()["startups"] == 0
    founder.email_verified_at = utcnow()
    db.session.commit()
    assert post_form("/startups/new", startup).status_code == 302
    assert row_counts()["startups"] == 1


def test_a_json_client_gets_the_reason_as_json(client, login_as, db):
    login_as("founder", email_verified_at=None)
    token = csrf_token(client.get("/").get_data(as_text=True))
    json = {"Accept": "application/json"}
    response = client.post("/startups/new", data={"csrf_token": token}, headers=json)
    assert response.status_code == 403
    assert response.get_json() == {"error": "Verify your e-mail address first.", "status": 403}
