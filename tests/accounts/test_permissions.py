"""Each role opens only its own pages: every role-restricted route, GET and POST with a valid CSRF token."""

from collections import defaultdict

import pytest
from flask import Flask
from sqlalchemy import select

from incubator.accounts.models import ROLES, User
from tests.conftest import TEST_PASSWORD, csrf_token, submit

STAFF = {"staff", "admin"}
# (method, url, roles allowed, status an allowed role gets). Written out by hand, never read from the
# decorators: removing a role_required makes the refused roles get something else than 403 here.
ROUTES = [
    ("GET", "/admin/users", {"admin"}, 200),
    ("POST", "/admin/users", {"admin"}, 200),  # the form again, with its errors
    # No user_id in the world: record 1, which exists or not (404); its own tests give exact statuses.
    ("GET", "/admin/users/{user_id}", {"admin"}, None),
    ("POST", "/admin/users/{user_id}", {"admin"}, None),
    ("GET", "/dashboard/", {"government", *STAFF}, 200),
    ("GET", "/review/applications", STAFF, 200),
    ("GET", "/matching/", STAFF, 200),
    ("POST", "/matching/runs", STAFF, 302),
    ("GET", "/matching/runs/{run_id}", STAFF, 200),
    ("GET", "/matching/runs/{run_id}/status.json", STAFF, 200),
    ("POST", "/matching/runs/{run_id}/retry", STAFF, 302),
    ("GET", "/matching/suggestions", STAFF, 200),
    ("GET", "/admin/glossary/", STAFF, 200),
    ("POST", "/admin/glossary/", STAFF, 200),  # the form again, with its errors
    ("POST", "/admin/glossary/{term_id}/delete", STAFF, None),  # no term in the world: 404
    ("POST", "/admin/glossary/suggested/{candidate_id}/accept", STAFF, None),  # no suggested pair: 404
    ("POST", "/admin/glossary/suggested/{candidate_id}/reject", STAFF, None),
    ("POST", "/matching/suggestions/{suggestion_id}/decision", STAFF, 400),  # no decision chosen
    ("GET", "/startups/", {"founder"}, 200),
    ("GET", "/startups/new", {"founder"}, 200),
    ("POST", "/startups/new", {"founder"}, 200),
    ("GET", "/startups/{startup_id}/edit", {"founder", *STAFF}, 200),
    ("POST", "/startups/{startup_id}/edit", {"founder", *STAFF}, 200),
    ("GET", "/labs/mine", {"university"}, 200),
    ("GET", "/labs/new", {"university"}, 200),
    ("POST", "/labs/new", {"university"}, 200),
    ("GET", "/labs/{lab_id}/edit", {"university", *STAFF}, 200),
    ("POST", "/labs/{lab_id}/edit", {"university", *STAFF}, 200),
    # A lab's machines: its managers only (another university's manager: 403/404 in tests/labs).
    ("GET", "/labs/{lab_id}/machines", {"university", *STAFF}, None),
    ("POST", "/labs/{lab_id}/machines", {"university", *STAFF}, None),
    ("GET", "/labs/{lab_id}/machines/{machine_id}", {"university", *STAFF}, None),
    ("POST", "/labs/{lab_id}/machines/{machine_id}", {"university", *STAFF}, None),
    ("GET", "/capabilities/", {"university"}, 200),
    ("GET", "/capabilities/new", {"university"}, 200),
    ("POST", "/capabilities/new", {"university"}, 200),
    ("GET", "/capabilities/{capability_id}/edit", {"university", *STAFF}, 200),
    ("POST", "/capabilities/{capability_id}/edit", {"university", *STAFF}, 302),  # saved as it was
    ("GET", "/challenges/", {"enterprise"}, 200),
    ("GET", "/challenges/new", {"enterprise"}, 200),
    ("POST", "/challenges/new", {"enterprise"}, 200),
    ("GET", "/challenges/{challenge_id}/edit", {"enterprise", *STAFF}, 200),
    ("POST", "/challenges/{challenge_id}/edit", {"enterprise", *STAFF}, 302),  # saved as it was
    ("GET", "/mentors/profile", {"mentor"}, 200),
    ("POST", "/mentors/profile", {"mentor"}, 200),
    # The journeys' routes: an allowed role gets anything but 403 (their records' own checks, tested in
    # their packages, may answer 404 or 400 to this bare request); every other role gets 403.
    ("GET", "/applications/{application_id}", {"founder"}, None),
    ("POST", "/applications/{application_id}", {"founder"}, None),
    ("POST", "/applications/{application_id}/withdraw", {"founder"}, None),
    ("GET", "/applications/new/{program_id}", {"founder"}, None),
    ("POST", "/applications/new/{program_id}", {"founder"}, None),
    ("GET", "/introductions/", {"enterprise", "founder", "mentor", "university", *STAFF}, None),
    (
        "GET",
        "/introductions/{introduction_id}",
        {"enterprise", "founder", "mentor", "university", *STAFF},
        None,
    ),
    (
        "POST",
        "/introductions/{introduction_id}/answer",
        {"enterprise", "founder", "mentor", "university", *STAFF},
        None,
    ),
    ("GET", "/labs/bookings/{booking_id}", {"enterprise", "founder", "mentor", "university", *STAFF}, None),
    ("POST", "/labs/bookings/{booking_id}/approve", {"university", *STAFF}, None),
    ("POST", "/labs/bookings/{booking_id}/cancel", {"enterprise", "founder", "mentor", "university"}, None),
    ("POST", "/labs/bookings/{booking_id}/decline", {"university", *STAFF}, None),
    ("POST", "/labs/bookings/feed", {"enterprise", "founder", "mentor", "university"}, None),
    ("GET", "/labs/bookings/mine", {"enterprise", "founder", "mentor", "university"}, None),
    ("GET", "/matching/suggestions/{suggestion_id}", STAFF, None),
    ("POST", "/matching/suggestions/bulk", STAFF, None),
    ("GET", "/mentors/", {"founder", *STAFF}, None),
    ("GET", "/mentors/{profile_id}/request", {"founder"}, None),
    ("POST", "/mentors/{profile_id}/request", {"founder"}, None),
    ("GET", "/mentors/mentorships", {"founder", "mentor"}, None),
    ("GET", "/mentors/mentorships/{mentorship_id}", {"founder", "mentor"}, None),
    ("POST", "/mentors/mentorships/{mentorship_id}/accept", {"mentor"}, None),
    ("POST", "/mentors/mentorships/{mentorship_id}/decline", {"mentor"}, None),
    ("POST", "/mentors/mentorships/{mentorship_id}/end", {"founder", "mentor"}, None),
    ("POST", "/mentors/mentorships/{mentorship_id}/sessions", {"mentor"}, None),
    ("GET", "/mentors/contact", {"founder", "mentor"}, 200),
    ("POST", "/mentors/contact", {"founder", "mentor"}, 302),  # nothing shared but the defaults: saved
    ("POST", "/mentors/mentorships/{mentorship_id}/meetings", {"founder", "mentor"}, None),
    ("POST", "/mentors/meetings/{meeting_id}/accept", {"founder", "mentor"}, None),  # no meeting: 404
    ("POST", "/mentors/meetings/{meeting_id}/decline", {"founder", "mentor"}, None),
    ("POST", "/mentors/meetings/{meeting_id}/cancel", {"founder", "mentor"}, None),
    ("GET", "/mentors/meetings/{meeting_id}.ics", {"founder", "mentor"}, None),
    ("GET", "/notifications/", {"enterprise", "founder", "government", "mentor", "university", *STAFF}, None),
    (
        "POST",
        "/notifications/{notification_id}/read",
        {"enterprise", "founder", "government", "mentor", "university", *STAFF},
        None,
    ),
    (
        "POST",
        "/notifications/read",
        {"enterprise", "founder", "government", "mentor", "university", *STAFF},
        None,
    ),
    (
        "GET",
        "/organizations/{organization_id}",
        {"enterprise", "founder", "government", "mentor", "university", *STAFF},
        None,
    ),
    # Organizations: create (university, enterprise), join (every role but staff and admins, whom an admin
    # adds), manage members (their admins and platform admins: 404 to anyone else), verify (staff).
    ("GET", "/organizations/start", {"enterprise", "founder", "government", "mentor", "university"}, 200),
    ("GET", "/organizations/new", {"enterprise", "university"}, 200),
    ("POST", "/organizations/new", {"enterprise", "university"}, 200),  # the form again, with its errors
    (
        "GET",
        "/organizations/{organization_id}/edit",
        {"enterprise", "founder", "government", "mentor", "university", "admin"},
        None,
    ),
    (
        "POST",
        "/organizations/{organization_id}/edit",
        {"enterprise", "founder", "government", "mentor", "university", "admin"},
        None,
    ),
    (
        "POST",
        "/organizations/{organization_id}/join",
        {"enterprise", "founder", "government", "mentor", "university"},
        None,
    ),
    (
        "GET",
        "/organizations/{organization_id}/members",
        {"enterprise", "founder", "government", "mentor", "university", "admin"},
        None,
    ),
    (
        "POST",
        "/organizations/{organization_id}/members/{membership_id}",
        {"enterprise", "founder", "government", "mentor", "university", "admin"},
        None,
    ),
    (
        "POST",
        "/organizations/{organization_id}/members/{membership_id}/role",
        {"enterprise", "founder", "government", "mentor", "university", "admin"},
        None,
    ),
    # API tokens: the organization's admins (404 to anyone else, platform admins included).
    (
        "GET",
        "/organizations/{organization_id}/api-tokens",
        {"enterprise", "founder", "government", "mentor", "university", "admin"},
        None,
    ),
    (
        "POST",
        "/organizations/{organization_id}/api-tokens",
        {"enterprise", "founder", "government", "mentor", "university", "admin"},
        None,
    ),
    (
        "POST",
        "/organizations/{organization_id}/api-tokens/{token_id}/revoke",
        {"enterprise", "founder", "government", "mentor", "university", "admin"},
        None,
    ),
    ("GET", "/organizations/verification", STAFF, 200),
    ("POST", "/organizations/{organization_id}/verification", STAFF, None),
    ("GET", "/organizations/users/{user_id}", {"admin"}, None),
    ("POST", "/organizations/users/{user_id}", {"admin"}, None),
    ("GET", "/partnerships/", {"enterprise", "founder", "government", "mentor", "university", *STAFF}, None),
    (
        "GET",
        "/partnerships/{partnership_id}",
        {"enterprise", "founder", "government", "mentor", "university", *STAFF},
        None,
    ),
    (
        "POST",
        "/partnerships/{partnership_id}/outcomes",
        {"enterprise", "founder", "mentor", "university", *STAFF},
        None,
    ),
    (
        "POST",
        "/partnerships/{partnership_id}/status",
        {"enterprise", "founder", "mentor", "university", *STAFF},
        None,
    ),
    ("GET", "/programs/{program_id}/edit", STAFF, None),
    ("POST", "/programs/{program_id}/edit", STAFF, None),
    ("GET", "/programs/manage", STAFF, None),
    ("GET", "/programs/new", STAFF, None),
    ("POST", "/programs/new", STAFF, None),
    ("GET", "/review/applications/{application_id}", STAFF, None),
    ("POST", "/review/applications/{application_id}/assign", STAFF, None),
    ("POST", "/review/applications/{application_id}/conflict", STAFF, None),
    ("POST", "/review/applications/{application_id}/decide", STAFF, None),
    ("GET", "/review/applications/{application_id}/score", STAFF, None),
    ("POST", "/review/applications/{application_id}/score", STAFF, None),
    ("GET", "/review/assignments", STAFF, None),
    ("GET", "/review/programs/{program_id}/applications.csv", STAFF, None),
]
NAV_LINKS = {
    "founder": set(),
    "university": set(),
    "enterprise": set(),
    "mentor": set(),
    "staff": {"/review/applications", "/dashboard/"},
    "government": {"/dashboard/"},
    "admin": {"/admin/users", "/review/applications", "/dashboard/"},
}


def request_as(client, world: dict, role: str | None, method: str, url: str):  # noqa: ANN001, ANN201
    """Log in as `role` (None: anonymous) and send `method` to `url`; a POST carries a valid token."""
    if role:
        user = world["users"][role]
        assert submit(client, "/login", {"email": user.email, "password": TEST_PASSWORD}).status_code == 302
    url = url.format_map(defaultdict(lambda: 1, world["ids"]))  # an id the world lacks: record 1
    if method == "GET":
        return client.get(url)
    token = csrf_token(client.get("/").get_data(as_text=True))
    return client.post(url, data={"csrf_token": token})


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("method", "url", "allowed", "status"), ROUTES, ids=[f"{m} {u}" for m, u, *_ in ROUTES]
)
def test_each_role_gets_the_expected_status(client, world, role, method, url, allowed, status):
    response = request_as(client, world, role, method, url)
    if role not in allowed:
        assert response.status_code == 403
    elif status is None:
        assert response.status_code != 403 and response.status_code < 500
    else:
        assert response.status_code == status


@pytest.mark.parametrize(
    ("method", "url", "allowed", "status"), ROUTES, ids=[f"{m} {u}" for m, u, *_ in ROUTES]
)
def test_anonymous_visitors_are_sent_to_login(client, world, method, url, allowed, status):
    response = request_as(client, world, None, method, url)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_table_covers_every_role_restricted_route(app: Flask):
    listed = {(method, url.split("{")[0]) for method, url, *_ in ROUTES}
    for rule in app.url_map.iter_rules():
        if getattr(app.view_functions[rule.endpoint], "allowed_roles", None):
            for method in rule.methods - {"HEAD", "OPTIONS"}:
                assert (method, rule.rule.split("<")[0]) in listed, (method, rule.rule)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_sees_only_its_navigation(client, login_as, role):
    login_as(role)
    body = client.get("/").get_data(as_text=True)
    assert 'data-testid="home-title"' in body or 'data-testid="figures"' in body
    for url in ("/review/applications", "/dashboard/", "/admin/users"):
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


def test_a_staff_member_cannot_create_accounts_even_with_a_valid_token(client, login_as, post_form, db):
    login_as("staff")
    data = {
        "full_name": "X",
        "email": "x@example.test",
        "role": "admin",
        "language": "vi",
        "password": "p" * 12,
    }
    assert post_form("/admin/users", data, form_url="/").status_code == 403
    assert db.session.scalar(select(User).where(User.email == "x@example.test")) is None
