"""Introductions and partnerships through the site: who may answer, what is revealed when, who may edit."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from incubator.audit.models import AuditEvent
from incubator.matching import decisions
from incubator.partnerships.models import Introduction, Partnership
from tests.conftest import TEST_PASSWORD, IsolatedClient, submit
from tests.factories import UserFactory
from tests.partnerships.conftest import SECRET


def log_in(client, user) -> None:  # noqa: ANN001
    response = submit(client, "/login", {"email": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302


def client_of(app, user):  # noqa: ANN001, ANN201
    """A separate browser-like client logged in as `user`."""
    app.test_client_class = IsolatedClient
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    log_in(client, user)
    return client


def introduced(db, pair) -> Introduction:  # noqa: ANN001
    decisions.decide_suggestion(pair.suggestion.id, "approved", UserFactory(role="staff").id, note="Gặp nhau")
    return db.session.scalar(select(Introduction))


def answer(client, introduction, response: str, reason: str = ""):  # noqa: ANN001, ANN201
    url = f"/introductions/{introduction.id}"
    return submit(client, f"{url}/answer", {"response": response, "reason": reason}, form_url=url)


def test_contacts_and_confidential_details_appear_only_after_both_accept(app, db, pair):
    introduction = introduced(db, pair)
    enterprise, university = client_of(app, pair.enterprise), client_of(app, pair.university)
    url = f"/introductions/{introduction.id}"
    page = enterprise.get(url).get_data(as_text=True)
    assert "Phân tích rung động" in page and "Gặp nhau" in page
    assert pair.university.email not in page and SECRET not in page
    assert answer(enterprise, introduction, "accepted").status_code == 302
    for client in (enterprise, university):
        page = client.get(url).get_data(as_text=True)
        assert pair.university.email not in page and pair.enterprise.email not in page and SECRET not in page
    assert answer(university, introduction, "accepted").status_code == 302
    for client in (enterprise, university):
        page = client.get(url).get_data(as_text=True)
        assert pair.university.email in page and pair.enterprise.email in page and SECRET in page
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "introduction.revealed"))


def test_someone_elses_introduction_is_404_to_see_and_to_answer(client, login_as, db, pair):
    introduction = introduced(db, pair)
    login_as("enterprise")
    assert client.get(f"/introductions/{introduction.id}").status_code == 404
    token_page = client.get("/introductions/")
    response = submit(
        client,
        f"/introductions/{introduction.id}/answer",
        {"response": "accepted"},
        form_url="/introductions/",
    )
    assert token_page.status_code == 200 and response.status_code == 404
    db.session.refresh(introduction)
    assert introduction.source_response == "pending" and introduction.target_response == "pending"


def test_staff_see_every_introduction_but_cannot_answer_for_a_party(client, login_as, db, pair):
    introduction = introduced(db, pair)
    login_as("staff")
    assert client.get(f"/introductions/{introduction.id}").status_code == 200
    assert answer(client, introduction, "accepted").status_code == 404


def test_declining_needs_a_reason(client, db, pair):
    introduction = introduced(db, pair)
    log_in(client, pair.enterprise)
    answer(client, introduction, "declined", "")
    db.session.refresh(introduction)
    assert introduction.source_response == "pending"
    answer(client, introduction, "declined", "Không phù hợp lúc này")
    db.session.refresh(introduction)
    assert introduction.status == "declined" and introduction.source_reason == "Không phù hợp lúc này"


@pytest.mark.parametrize("role", ["government", "founder", "university", "enterprise", "mentor"])
def test_only_staff_may_approve_a_suggestion(client, login_as, db, pair, role):
    login_as(role)
    response = submit(
        client, f"/matching/suggestions/{pair.suggestion.id}/decision", {"decision": "approved"}, form_url="/"
    )
    assert response.status_code == 403
    db.session.refresh(pair.suggestion)
    assert pair.suggestion.status == "pending" and db.session.scalar(select(Introduction)) is None


def partnership_of(app, db, pair) -> Partnership:  # noqa: ANN001
    from incubator.partnerships import introductions

    introduction = introduced(db, pair)
    introductions.answer(introduction, pair.enterprise, "accepted")
    introductions.answer(introduction, pair.university, "accepted")
    return db.session.scalar(select(Partnership))


def test_a_party_moves_the_partnership_and_records_an_outcome(app, client, db, pair):
    partnership = partnership_of(app, db, pair)
    log_in(client, pair.university)
    url = f"/partnerships/{partnership.id}"
    submit(client, f"{url}/status", {"status": "active"}, form_url=url)
    submit(
        client,
        f"{url}/outcomes",
        {"kind": "pilot", "happened_on": "2026-11-15", "note": "Thí điểm"},
        form_url=url,
    )
    db.session.refresh(partnership)
    assert partnership.status == "active" and [o.kind for o in partnership.outcomes] == ["pilot"]
    for organization_id in (partnership.source_organization_id, partnership.target_organization_id):
        page = client.get(f"/organizations/{organization_id}").get_data(as_text=True)
        assert partnership.title in page and "Pilot" in page


def test_an_outsider_cannot_edit_a_partnership_and_government_only_reads_it(client, login_as, db, app, pair):
    partnership = partnership_of(app, db, pair)
    url = f"/partnerships/{partnership.id}"
    login_as("university")
    assert client.get(url).status_code == 404
    assert submit(client, f"{url}/status", {"status": "active"}, form_url="/").status_code == 404
    outsider_client = client_of(app, UserFactory(role="government"))
    assert outsider_client.get(url).status_code == 200
    response = submit(
        outsider_client, f"{url}/outcomes", {"kind": "mou", "happened_on": "2026-11-01"}, form_url="/"
    )
    assert response.status_code == 403
    db.session.refresh(partnership)
    assert partnership.status == "proposed" and partnership.outcomes == []
