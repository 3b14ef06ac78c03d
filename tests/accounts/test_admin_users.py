"""The admin's user page: reached from the list, shows the account, changes its role and access."""

import re
from collections import Counter
from datetime import datetime

import pytest
from flask import Flask
from sqlalchemy import select

from incubator.accounts.models import ROLES
from incubator.audit.models import AuditEvent
from tests.conftest import TEST_PASSWORD, submit
from tests.factories import MembershipFactory, UserFactory

PREFIX = "account"


def browser(app: Flask):  # noqa: ANN201
    """Another browser (its own cookies), preferring English."""
    other = app.test_client()
    other.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return other


def log_in(client, user) -> bool:  # noqa: ANN001
    """Whether `user` could log in on `client`."""
    return submit(client, "/login", {"email": user.email, "password": TEST_PASSWORD}).status_code == 302


def change(post_form, user, **data: str):  # noqa: ANN001, ANN201
    """Post the user page's form for `user` (a missing `active` unticks the box)."""
    return post_form(f"/admin/users/{user.id}", data, prefix=PREFIX, follow_redirects=True)


def audited(db, action: str, user) -> bool:  # noqa: ANN001
    query = select(AuditEvent).where(AuditEvent.action == action, AuditEvent.object_id == user.id)
    return db.session.scalar(query) is not None


def test_each_user_row_leads_to_the_user_page(client, login_as, db):
    admin = login_as("admin")
    others = [UserFactory(role=role) for role in ("enterprise", "mentor")]
    body = client.get("/admin/users").get_data(as_text=True)
    for user in (admin, *others):
        link = f"/admin/users/{user.id}"
        assert f'href="{link}"' in body and client.get(link).status_code == 200


def test_the_admin_sees_the_user_with_labels_organizations_and_local_times(client, login_as, db):
    login_as("admin")
    user = UserFactory(
        full_name="Trần Thị Lan",
        role="enterprise",
        language="en",
        last_login_at=datetime(2026, 12, 1, 21, 46),
    )
    MembershipFactory(user=user, organization__name="Công ty Cơ khí Bình Dương", title="CTO")
    body = client.get(f"/admin/users/{user.id}").get_data(as_text=True)
    assert "Trần Thị Lan" in body and user.email in body
    assert "Enterprise representative" in body and "English" in body
    assert "Công ty Cơ khí Bình Dương" in body and "(CTO)" in body
    assert "4:46" in body and "21:46" not in body  # Asia/Ho_Chi_Minh is UTC+7
    assert "Can log in" in body


def test_the_page_has_unique_ids_labelled_fields_and_no_empty_action(client, login_as, db):
    login_as("admin")
    body = client.get(f"/admin/users/{UserFactory().id}").get_data(as_text=True)
    ids = re.findall(r'\sid="([^"]+)"', body)
    assert not [i for i, n in Counter(ids).items() if n > 1] and 'action=""' not in body
    for field in (f"{PREFIX}-role", f"{PREFIX}-active"):
        assert f'id="{field}"' in body and f'for="{field}"' in body


def test_the_admin_changes_a_role_with_an_audit_row(client, login_as, post_form, db):
    login_as("admin")
    user = UserFactory(role="founder")
    response = change(post_form, user, role="mentor", active="y")
    assert "Changes saved." in response.get_data(as_text=True)
    db.session.refresh(user)
    assert user.role == "mentor" and user.active
    assert audited(db, "user.role_changed", user)


def test_deactivating_ends_the_users_sessions_and_reactivating_lets_them_back(
    app, client, login_as, post_form, db
):
    login_as("admin")
    user = UserFactory(role="founder")
    elsewhere = browser(app)
    assert log_in(elsewhere, user)
    token = user.session_token
    assert "Deactivated" in change(post_form, user, role="founder").get_data(as_text=True)
    db.session.refresh(user)
    assert not user.active and user.session_token != token and audited(db, "user.deactivated", user)
    response = elsewhere.get("/profile")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert not log_in(browser(app), user)
    change(post_form, user, role="founder", active="y")
    assert audited(db, "user.reactivated", user) and log_in(browser(app), user)


@pytest.mark.parametrize(("field", "value"), [("role", "staff"), ("active", None)])
def test_an_admin_cannot_demote_or_deactivate_themself(client, login_as, post_form, db, field, value):
    admin = login_as("admin")
    data = {"role": "admin", "active": "y", field: value}
    response = change(post_form, admin, **{k: v for k, v in data.items() if v is not None})
    assert "You cannot change your own role or deactivate your own account." in response.get_data(
        as_text=True
    )
    db.session.refresh(admin)
    assert admin.role == "admin" and admin.active
    assert client.get("/admin/users").status_code == 200  # still logged in, still an admin


@pytest.mark.parametrize("role", [r for r in ROLES if r != "admin"])
def test_other_roles_get_403_even_with_a_valid_token(client, login_as, post_form, db, role):
    login_as(role)
    user = UserFactory(role="founder")
    assert client.get(f"/admin/users/{user.id}").status_code == 403
    response = post_form(
        f"/admin/users/{user.id}", {"role": "admin", "active": "y"}, form_url="/", prefix=PREFIX
    )
    assert response.status_code == 403
    db.session.refresh(user)
    assert user.role == "founder"


def test_an_unknown_user_is_404(client, login_as):
    login_as("admin")
    assert client.get("/admin/users/999999").status_code == 404


def test_a_change_without_a_csrf_token_is_refused(client, login_as, db):
    login_as("admin")
    user = UserFactory(role="founder")
    assert client.post(f"/admin/users/{user.id}", data={f"{PREFIX}-role": "admin"}).status_code == 400
    db.session.refresh(user)
    assert user.role == "founder"
