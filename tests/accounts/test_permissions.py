"""Each role sees its own navigation and only the pages it may use."""

import pytest
from sqlalchemy import select

from incubator.accounts.models import ROLES, User

RESTRICTED = {
    "/review/applications": {"staff", "admin"},
    "/dashboard/": {"government", "staff", "admin"},
    "/admin/users": {"admin"},
}
NAV_LINKS = {
    "founder": set(),
    "university": set(),
    "enterprise": set(),
    "mentor": set(),
    "staff": {"/review/applications", "/dashboard/"},
    "government": {"/dashboard/"},
    "admin": {"/admin/users", "/review/applications", "/dashboard/"},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url", RESTRICTED)
def test_restricted_pages_open_only_for_their_roles(client, login_as, role, url):
    login_as(role)
    expected = 200 if role in RESTRICTED[url] else 403
    assert client.get(url).status_code == expected


@pytest.mark.parametrize("url", RESTRICTED)
def test_anonymous_visitors_are_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize("role", ROLES)
def test_each_role_sees_only_its_navigation(client, login_as, role):
    login_as(role)
    body = client.get("/").get_data(as_text=True)
    assert 'data-testid="home-title"' in body or 'data-testid="figures"' in body
    for url in RESTRICTED:
        assert (f'href="{url}"' in body) == (url in NAV_LINKS[role]), url


def test_a_founder_gets_the_403_page_for_staff_pages(client, login_as):
    login_as("founder")
    response = client.get("/review/applications")
    assert response.status_code == 403
    assert "You do not have access to this page." in response.get_data(as_text=True)


def test_admin_creates_a_staff_account(client, login_as, post_form, db):
    login_as("admin")
    data = {
        "full_name": "Phạm Quốc Bảo",
        "email": "bao@becamex.test",
        "role": "staff",
        "language": "vi",
        "password": "initial-password",
    }
    assert post_form("/admin/users", data).status_code == 302
    created = db.session.scalar(select(User).where(User.email == "bao@becamex.test"))
    assert created.role == "staff" and created.full_name == "Phạm Quốc Bảo"


def test_a_non_admin_cannot_create_accounts(client, login_as, db):
    login_as("staff")
    response = client.post("/admin/users", data={"email": "x@example.test", "role": "admin"})
    assert response.status_code in (400, 403)
    assert db.session.scalar(select(User).where(User.email == "x@example.test")) is None
