"""The JSON API: public catalogues (verified organisations only), tokens on every token endpoint,
writes through the site's forms, problem details, ETags, the OpenAPI document and the tokens page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from openapi_spec_validator import validate
from sqlalchemy import select

from incubator.api import tokens
from incubator.api.models import ApiToken
from incubator.audit.models import AuditEvent
from incubator.challenges.models import Challenge
from incubator.database import utcnow
from incubator.organizations.models import PENDING
from tests.conftest import submit
from tests.factories import (
    CapabilityFactory,
    ChallengeFactory,
    LabFactory,
    MembershipFactory,
    OrganizationFactory,
)

LATER = timedelta(days=30)


def token_for(kind: str = "enterprise", scope: str = "read", expires_in: timedelta = LATER) -> tuple:
    """A token made by the admin of a new verified organisation of `kind`: (token, secret)."""
    admin = MembershipFactory(organization__kind=kind, user__role=kind)
    return tokens.create_token(admin.organization, admin.user, "ERP", scope, utcnow() + expires_in)


def bearer(secret: str) -> dict:
    return {"Authorization": f"Bearer {secret}"}


def test_public_catalogues_show_verified_organizations_only(client, db):
    shown, hidden = (
        OrganizationFactory(name="Shown Uni"),
        OrganizationFactory(name="Hidden Uni", status=PENDING),
    )
    for organization in (shown, hidden):
        LabFactory(organization=organization, name=f"Lab of {organization.name}")
        CapabilityFactory(organization=organization, title=f"Offer of {organization.name}")
        ChallengeFactory(
            organization=organization, title=f"Need of {organization.name}", confidential_details="SECRET"
        )
    for path in ("organizations", "labs", "capabilities", "challenges"):
        response = client.get(f"/api/v1/{path}")
        body = response.get_data(as_text=True)
        assert response.status_code == 200 and response.json["total"] == 1, path
        assert "Shown Uni" in body and "Hidden Uni" not in body and "SECRET" not in body, path


def test_filters_use_the_sites_search_and_pages_link_to_each_other(client, db):
    organization = OrganizationFactory(kind="enterprise", sector="Food")
    ChallengeFactory(organization=organization, title="Bảo trì dự đoán máy ép", sector="Food")
    ChallengeFactory(organization=organization, title="Kho lạnh", description="cold storage")
    found = client.get("/api/v1/challenges?q=bao tri").json
    assert [c["title"] for c in found["items"]] == ["Bảo trì dự đoán máy ép"]
    assert client.get("/api/v1/organizations?kind=university").json["total"] == 0
    OrganizationFactory.create_batch(20, kind="university")
    first = client.get("/api/v1/organizations?kind=university").json
    assert (first["total"], first["pages"], first["links"]["prev"]) == (20, 1, None)
    OrganizationFactory(kind="university")
    second = client.get(client.get("/api/v1/organizations?kind=university").json["links"]["next"]).json
    assert second["page"] == 2 and len(second["items"]) == 1 and "kind=university" in second["links"]["self"]


def test_an_unchanged_page_answers_304_to_its_etag(client, db):
    OrganizationFactory()
    first = client.get("/api/v1/organizations")
    again = client.get("/api/v1/organizations", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    OrganizationFactory()
    assert (
        client.get("/api/v1/organizations", headers={"If-None-Match": first.headers["ETag"]}).status_code
        == 200
    )


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/api/v1/nothing-here", 404),
        ("DELETE", "/api/v1/labs", 405),
        ("GET", "/api/v1/labs?page=0", 422),
        ("GET", "/api/v1/labs?kind=spaceport", 422),
        ("GET", "/api/v1/own/challenges", 401),
    ],
)
def test_errors_are_problem_details(client, db, method, path, status):
    response = client.open(path, method=method)
    assert response.status_code == status and response.mimetype == "application/problem+json"
    assert response.json["status"] == status and response.json["title"] and response.json["detail"]
    if status == 405:
        assert set(response.headers["Allow"].split(", ")) >= {"GET", "HEAD"}
    if status == 401:
        assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_the_openapi_document_is_valid_and_has_a_reference_page(client, db):
    document = client.get("/api/v1/openapi.json").json
    validate(document)
    assert "/api/v1/own/challenges/{challenge_id}" in document["paths"]
    page = client.get("/api/v1/docs")
    assert page.status_code == 200 and b"/api/v1/own/challenges" in page.data and b"<script" not in page.data


TOKEN_ENDPOINTS = [
    ("GET", "/api/v1/own/token", "read", None),
    ("GET", "/api/v1/own/challenges", "read", None),
    ("GET", "/api/v1/own/capabilities", "read", None),
    ("GET", "/api/v1/own/bookings", "read", None),
    ("POST", "/api/v1/own/challenges", "write", {"title": "T", "description": "D", "sector": "S"}),
    ("PATCH", "/api/v1/own/challenges/{challenge}", "write", {"title": "New title"}),
]


@pytest.mark.parametrize(("method", "path", "scope", "body"), TOKEN_ENDPOINTS)
@pytest.mark.parametrize("case", ["anonymous", "wrong_scope", "expired", "revoked", "valid"])
def test_token_endpoints_take_only_a_live_token_with_the_scope(client, db, method, path, scope, body, case):
    token, secret = token_for(scope="read" if case == "wrong_scope" else "write")
    challenge = ChallengeFactory(organization=token.organization, author=token.created_by)
    if case == "expired":
        token.expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    if case == "revoked":
        tokens.revoke_token(token, token.created_by_id)
    headers = {} if case == "anonymous" else bearer(secret)
    response = client.open(path.format(challenge=challenge.id), method=method, json=body, headers=headers)
    expected = {"anonymous": 401, "expired": 401, "revoked": 401}.get(case)
    if case == "wrong_scope":
        expected = 403 if scope == "write" else 200
    if case == "valid":
        expected = 201 if method == "POST" else 200
    assert response.status_code == expected, response.get_data(as_text=True)
    if expected >= 400:
        assert response.mimetype == "application/problem+json"


def test_a_token_reads_only_its_own_organizations_records(client, db):
    token, secret = token_for()
    ChallengeFactory(organization=token.organization, title="Ours", confidential_details="our budget")
    ChallengeFactory(title="Theirs")
    found = client.get("/api/v1/own/challenges", headers=bearer(secret)).json
    assert [(c["title"], c["confidential_details"]) for c in found["items"]] == [("Ours", "our budget")]
    assert db.session.get(ApiToken, token.id).last_used_at is not None


def test_a_write_token_posts_through_the_sites_form_and_is_audited(client, db):
    token, secret = token_for(scope="write")
    refused = client.post(
        "/api/v1/own/challenges",
        json={"title": "T", "description": "D", "sector": "S", "deadline": "2000-01-01"},
        headers=bearer(secret),
    )
    assert refused.status_code == 422 and "deadline" in refused.json["errors"]
    assert db.session.scalar(select(Challenge)) is None
    created = client.post(
        "/api/v1/own/challenges",
        json={"title": "Cảm biến", "description": "D", "sector": "S"},
        headers=bearer(secret),
    )
    assert created.status_code == 201 and created.json["organization"]["id"] == token.organization_id
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "challenge.created"))
    assert event.actor_id == token.created_by_id and event.detail["api_token_id"] == token.id
    patched = client.patch(
        f"/api/v1/own/challenges/{created.json['id']}", json={"status": "closed"}, headers=bearer(secret)
    )
    assert patched.json["status"] == "closed" and patched.json["title"] == "Cảm biến"
    other = ChallengeFactory()
    assert (
        client.patch(f"/api/v1/own/challenges/{other.id}", json={}, headers=bearer(secret)).status_code == 404
    )


def test_capabilities_are_written_by_a_universitys_token_only(client, db):
    enterprise_token, enterprise_secret = token_for("enterprise", "write")
    body = {"title": "Thị giác máy", "description": "Machine vision", "trl": 4}
    assert (
        client.post("/api/v1/own/capabilities", json=body, headers=bearer(enterprise_secret)).status_code
        == 403
    )
    token, secret = token_for("university", "write")
    lab = LabFactory(organization=token.organization)
    created = client.post(
        "/api/v1/own/capabilities", json={**body, "related_labs": [lab.id]}, headers=bearer(secret)
    )
    assert created.status_code == 201 and created.json["trl"] == 4
    assert [lab_ref["id"] for lab_ref in created.json["related_labs"]] == [lab.id]


def test_a_token_dies_with_its_admins_role(client, db):
    token, secret = token_for()
    membership = token.created_by.memberships[0]
    membership.role = "member"
    db.session.commit()
    assert client.get("/api/v1/own/token", headers=bearer(secret)).status_code == 401


def test_each_token_has_its_own_rate_limit(own_app, db):
    _token, secret = token_for()
    _other, other_secret = token_for()
    client = own_app(API_RATE_LIMIT="2 per minute").test_client()
    statuses = [client.get("/api/v1/own/token", headers=bearer(secret)).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    refused = client.get("/api/v1/own/token", headers=bearer(secret))
    assert refused.mimetype == "application/problem+json" and 1 <= int(refused.headers["Retry-After"]) <= 60
    assert client.get("/api/v1/own/token", headers=bearer(other_secret)).status_code == 200


def test_an_admin_creates_sees_and_revokes_tokens_on_the_site(client, db, login_as):
    admin = login_as("enterprise")
    organization = MembershipFactory(user=admin, organization__kind="enterprise").organization
    url = f"/organizations/{organization.id}/api-tokens"
    expires = (utcnow() + LATER).date().isoformat()
    page = submit(client, url, {"name": "ERP", "scope": "write", "expires_on": expires}).get_data(
        as_text=True
    )
    token = db.session.scalar(select(ApiToken))
    secret = page.split('data-testid="token-secret">')[1].split("<")[0]
    assert token.token_hash == tokens.digest(secret) and secret not in (token.prefix, token.name)
    assert client.get("/api/v1/own/token", headers=bearer(secret)).json["scope"] == "write"
    assert secret not in client.get(url).get_data(as_text=True)  # shown once
    assert submit(client, f"{url}/{token.id}/revoke", {}, form_url=url).status_code == 302
    assert client.get("/api/v1/own/token", headers=bearer(secret)).status_code == 401
    past = submit(client, url, {"name": "Old", "scope": "read", "expires_on": "2000-01-01"})
    assert (
        past.status_code == 400 and db.session.scalar(select(ApiToken).where(ApiToken.name == "Old")) is None
    )


def test_another_organizations_admin_cannot_see_or_revoke_a_token(client, db, login_as):
    token, _secret = token_for()
    outsider = login_as("enterprise")
    MembershipFactory(user=outsider, organization__kind="enterprise")
    url = f"/organizations/{token.organization_id}/api-tokens"
    assert client.get(url).status_code == 404
    assert submit(client, f"{url}/{token.id}/revoke", {}, form_url="/").status_code == 404
    assert db.session.get(ApiToken, token.id).revoked_at is None


def test_refused_tokens_share_a_bucket_of_their_own_per_address(own_app, db):
    token, secret = token_for()
    expired, expired_secret = token_for()
    expired.expires_at = utcnow() - timedelta(seconds=1)
    revoked, revoked_secret = token_for()
    tokens.revoke_token(revoked, revoked.created_by_id)
    client = own_app(API_RATE_LIMIT="3 per minute", API_REFUSED_TOKEN_RATE_LIMIT="3 per minute").test_client()
    guesses = [bearer("bdi_guess1"), bearer(expired_secret), bearer(revoked_secret), bearer("bdi_guess2")]
    statuses = [client.get("/api/v1/own/token", headers=headers).status_code for headers in guesses]
    assert statuses == [401, 401, 401, 429]  # every guess a new secret, all in one bucket
    refused = client.get("/api/v1/organizations", headers=bearer("bdi_guess3"))  # any endpoint, same bucket
    assert refused.status_code == 429 and refused.mimetype == "application/problem+json"
    assert refused.json["status"] == 429 and 1 <= int(refused.headers["Retry-After"]) <= 60
    # the guesses spent neither the live token's bucket nor the address's anonymous one
    assert [client.get("/api/v1/own/token", headers=bearer(secret)).status_code for _ in range(3)] == [
        200
    ] * 3
    assert [client.get("/api/v1/organizations").status_code for _ in range(3)] == [200] * 3
    other_address = client.get(
        "/api/v1/own/token", headers=bearer("bdi_x"), environ_base={"REMOTE_ADDR": "10.9.9.9"}
    )
    assert other_address.status_code == 401
