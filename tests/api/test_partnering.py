"""An organisation's introductions and partnerships through its token: the site's rules (the token acts as
its admin, for its organisation alone), confidential details only once revealed, never another's records."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from incubator.api import tokens
from incubator.audit.models import AuditEvent
from incubator.database import utcnow
from incubator.matching import decisions
from incubator.partnerships import introductions, services
from incubator.partnerships.models import Introduction
from tests.factories import ChallengeFactory, MembershipFactory, UserFactory
from tests.partnerships.conftest import SECRET, make_pair

LATER = timedelta(days=30)


def bearer(secret: str) -> dict:
    return {"Authorization": f"Bearer {secret}"}


def introduce(db, pair) -> Introduction:  # noqa: ANN001
    decisions.decide_suggestion(pair.suggestion.id, "approved", UserFactory(role="staff").id)
    return db.session.scalar(select(Introduction).where(Introduction.suggestion_id == pair.suggestion.id))


def token_of(pair, side: str = "enterprise", scope: str = "read") -> tuple:  # noqa: ANN001
    """A token made by the admin of the pair's enterprise (or university)."""
    admin = getattr(pair, side)
    organization = (pair.challenge if side == "enterprise" else pair.capability).organization
    return tokens.create_token(organization, admin, "CRM", scope, utcnow() + LATER)


def accept_both(pair, introduction: Introduction) -> None:  # noqa: ANN001
    introductions.answer(introduction, pair.enterprise, "accepted")
    introductions.answer(introduction, pair.university, "accepted")


ENDPOINTS = [
    "/introductions",
    "/introductions/{introduction}",
    "/partnerships",
    "/partnerships/{partnership}",
]


@pytest.mark.parametrize("path", ENDPOINTS)
@pytest.mark.parametrize("case", ["anonymous", "read", "write", "expired", "revoked", "outsider"])
def test_each_endpoint_takes_a_live_token_of_a_party_only(client, db, path, case):
    pair = make_pair(db)
    introduction = introduce(db, pair)
    accept_both(pair, introduction)
    token, secret = token_of(pair, scope="write" if case == "write" else "read")
    if case == "expired":
        token.expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    if case == "revoked":
        tokens.revoke_token(token, token.created_by_id)
    if case == "outsider":  # another organisation's admin, who also answers for nothing here
        outsider = MembershipFactory(organization__kind="enterprise", user__role="enterprise")
        _other, secret = tokens.create_token(
            outsider.organization, outsider.user, "X", "read", utcnow() + LATER
        )
    partnership_id = services.of_introduction(introduction.id).id
    url = "/api/v1/own" + path.format(introduction=introduction.id, partnership=partnership_id)
    response = client.get(url, headers={} if case == "anonymous" else bearer(secret))
    listing = "{" not in path
    expected = {"anonymous": 401, "expired": 401, "revoked": 401, "outsider": 200 if listing else 404}
    assert response.status_code == expected.get(case, 200), response.get_data(as_text=True)
    body = json.dumps(response.json, ensure_ascii=False)
    if response.status_code >= 400:
        assert response.mimetype == "application/problem+json"
    if case == "outsider":  # never a hint of the records
        assert SECRET not in body and "Bảo trì" not in body and (not listing or response.json["total"] == 0)
    if case in ("read", "write"):
        assert "Bảo trì dự đoán máy dập" in body and "Phân tích rung động" in body


def test_confidential_details_and_contacts_only_once_both_accepted(client, db):
    pair = make_pair(db)
    introduction = introduce(db, pair)
    _token, enterprise_secret = token_of(pair, "enterprise")
    _token, university_secret = token_of(pair, "university")
    url = f"/api/v1/own/introductions/{introduction.id}"
    before = client.get(url, headers=bearer(university_secret))
    assert before.status_code == 200 and before.json["answering"] == ["target"]
    assert before.json["private_shown"] is False and SECRET not in json.dumps(before.json, ensure_ascii=False)
    assert "contacts" not in before.json["source"] and before.json["source"]["response"] == "pending"
    introductions.answer(introduction, pair.enterprise, "accepted")
    listed = client.get("/api/v1/own/introductions", headers=bearer(enterprise_secret)).json
    assert [(i["id"], i["source"]["response"], i["status"]) for i in listed["items"]] == [
        (introduction.id, "accepted", "pending")
    ]
    introductions.answer(introduction, pair.university, "accepted")
    after = client.get(url, headers=bearer(university_secret)).json  # the other side's secret, as on the site
    assert after["private_shown"] is True and after["source"]["confidential_details"] == SECRET
    assert {"name": "Trần Thị Doanh", "email": pair.enterprise.email} in after["source"]["contacts"]
    partnership = client.get(
        f"/api/v1/own/partnerships/{after['partnership_id']}", headers=bearer(enterprise_secret)
    )
    assert (
        partnership.json["status"] == "proposed"
        and partnership.json["source"]["confidential_details"] == SECRET
    )
    assert (
        partnership.json["outcomes"] == []
        and partnership.json["subject"] == "Bảo trì dự đoán máy dập ↔ Phân tích rung động"
    )


def test_a_token_acts_for_its_organisation_alone(client, db):
    """The token's admin also authored a challenge for another organisation (as a plain member) and is
    platform staff: the site shows them that introduction and every partnership; the token shows neither."""
    pair = make_pair(db)
    accept_both(pair, introduce(db, pair))
    ours = make_pair(db, score=0.5)
    ours.enterprise.role = "staff"
    MembershipFactory(user=ours.enterprise, organization=pair.challenge.organization, role="member")
    pair.challenge.author = ours.enterprise  # the admin's own record in another organisation
    db.session.commit()
    introduce(db, ours)
    token, secret = token_of(ours, "enterprise")
    site_view = introductions.list_introductions(ours.enterprise)
    assert site_view.total == 2  # the site shows the admin both (staff, and the author)
    found = client.get("/api/v1/own/introductions", headers=bearer(secret)).json
    assert [i["source"]["id"] for i in found["items"]] == [ours.challenge.id]
    assert client.get("/api/v1/own/partnerships", headers=bearer(secret)).json["total"] == 0
    theirs = services.list_partnerships(ours.enterprise).items[0]
    assert client.get(f"/api/v1/own/partnerships/{theirs.id}", headers=bearer(secret)).status_code == 404
    assert (
        client.get(f"/api/v1/own/introductions/{theirs.introduction_id}", headers=bearer(secret)).status_code
        == 404
    )


def test_partnerships_filter_by_status_and_answer_304_to_their_etag(client, db):
    pair = make_pair(db)
    accept_both(pair, introduce(db, pair))
    ChallengeFactory(organization=pair.challenge.organization)  # not in any partnership
    _token, secret = token_of(pair, "university")
    found = client.get("/api/v1/own/partnerships?status=proposed", headers=bearer(secret))
    assert found.json["total"] == 1 and found.json["items"][0]["target"]["title"] == "Phân tích rung động"
    assert client.get("/api/v1/own/partnerships?status=active", headers=bearer(secret)).json["total"] == 0
    assert client.get("/api/v1/own/partnerships?status=nope", headers=bearer(secret)).status_code == 422
    again = client.get(
        "/api/v1/own/partnerships?status=proposed",
        headers={**bearer(secret), "If-None-Match": found.headers["ETag"]},
    )
    assert again.status_code == 304


WRITES = [
    ("/introductions/{introduction}/answer", {"response": "accepted"}, 200),
    ("/partnerships/{partnership}/outcomes", {"kind": "mou", "happened_on": "2026-01-15"}, 201),
]


@pytest.mark.parametrize(("path", "body", "created"), WRITES)
@pytest.mark.parametrize("case", ["anonymous", "read", "write", "expired", "revoked", "outsider"])
def test_each_write_takes_a_live_write_token_of_a_party_only(client, db, path, body, created, case):
    pair = make_pair(db)
    introduction = introduce(db, pair)
    introductions.answer(introduction, pair.university, "accepted")
    answering = "answer" in path
    if not answering:  # a partnership to record an outcome of
        introductions.answer(introduction, pair.enterprise, "accepted")
    token, secret = token_of(pair, scope="read" if case == "read" else "write")
    if case == "expired":
        token.expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    if case == "revoked":
        tokens.revoke_token(token, token.created_by_id)
    if case == "outsider":
        outsider = MembershipFactory(organization__kind="enterprise", user__role="enterprise")
        _other, secret = tokens.create_token(
            outsider.organization, outsider.user, "X", "write", utcnow() + LATER
        )
    partnership = services.of_introduction(introduction.id)
    url = "/api/v1/own" + path.format(
        introduction=introduction.id, partnership=partnership and partnership.id
    )
    response = client.post(url, json=body, headers={} if case == "anonymous" else bearer(secret))
    expected = {"anonymous": 401, "read": 403, "expired": 401, "revoked": 401, "outsider": 404}
    assert response.status_code == expected.get(case, created), response.get_data(as_text=True)
    if response.status_code >= 400:
        assert response.mimetype == "application/problem+json"
    db.session.expire_all()
    if answering:
        changed = db.session.get(Introduction, introduction.id).source_response == "accepted"
    else:
        changed = bool(services.of_introduction(introduction.id).outcomes)
    assert changed is (case == "write")


def test_an_answer_goes_through_the_sites_form_and_service_audited_as_the_token(client, db):
    pair = make_pair(db)
    introduction = introduce(db, pair)
    token, secret = token_of(pair, "university", "write")
    url = f"/api/v1/own/introductions/{introduction.id}/answer"
    refused = client.post(url, json={"response": "declined"}, headers=bearer(secret))
    assert refused.status_code == 422 and "reason" in refused.json["errors"]
    assert db.session.get(Introduction, introduction.id).target_response == "pending"
    introductions.answer(introduction, pair.enterprise, "accepted")
    answered = client.post(url, json={"response": "accepted"}, headers=bearer(secret))
    assert answered.status_code == 200 and answered.json["status"] == "accepted"
    assert (
        answered.json["private_shown"] is True and answered.json["source"]["confidential_details"] == SECRET
    )
    event = db.session.scalar(
        select(AuditEvent).where(
            AuditEvent.action == "introduction.accepted", AuditEvent.detail["side"].as_string() == "target"
        )
    )
    assert event.actor_id == token.created_by_id and event.detail["api_token_id"] == token.id
    again = client.post(url, json={"response": "declined", "reason": "Đổi ý"}, headers=bearer(secret))
    assert again.status_code == 409 and again.mimetype == "application/problem+json"
    partnership_id = answered.json["partnership_id"]
    outcomes = f"/api/v1/own/partnerships/{partnership_id}/outcomes"
    future = (utcnow() + timedelta(days=3)).date().isoformat()
    late = client.post(outcomes, json={"kind": "pilot", "happened_on": future}, headers=bearer(secret))
    assert late.status_code == 422 and "happened_on" in late.json["errors"]
    added = client.post(
        outcomes,
        json={"kind": "pilot", "happened_on": "2026-11-30", "note": "Thử nghiệm"},
        headers=bearer(secret),
    )
    assert added.status_code == 201 and [(o["kind"], o["note"]) for o in added.json["outcomes"]] == [
        ("pilot", "Thử nghiệm")
    ]
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "partnership.outcome"))
    assert event.actor_id == token.created_by_id and event.detail["api_token"] == "CRM"
