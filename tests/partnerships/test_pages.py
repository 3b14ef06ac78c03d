"""Introductions and partnerships through the site: who may answer, what is revealed when, who may edit."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from incubator.audit.models import AuditEvent
from incubator.matching import decisions
from incubator.partnerships.models import Introduction, Partnership
from tests.conftest import TEST_PASSWORD, IsolatedClient, submit
from tests.factories import UserFactory
from tests.partnerships.conftest import SECRET, make_pair


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


def with_outcome(app, db, pair):  # noqa: ANN001, ANN201
    """A partnership of `pair` with one MoU recorded, and the URLs to change that outcome."""
    from incubator.partnerships import services

    partnership = partnership_of(app, db, pair)
    outcome = services.add_outcome(partnership, pair.enterprise, "mou", date(2026, 11, 1), "Ký MoU")
    base = f"/partnerships/{partnership.id}/outcomes/{outcome.id}"
    return partnership, outcome, f"{base}/edit", f"{base}/delete"


def test_a_party_edits_then_deletes_an_outcome_from_the_partnership_page(app, client, db, pair):
    partnership, outcome, edit_url, delete_url = with_outcome(app, db, pair)
    log_in(client, pair.university)
    url = f"/partnerships/{partnership.id}"
    page = client.get(url).get_data(as_text=True)
    assert f'action="{edit_url}"' in page and f'action="{delete_url}"' in page
    assert f'id="outcome-{outcome.id}-happened_on"' in page and 'value="2026-11-01"' in page
    data = {"kind": "contract", "happened_on": "2026-11-05", "note": "Hợp đồng thí điểm"}
    response = submit(client, edit_url, data, form_url=url, prefix=f"outcome-{outcome.id}")
    assert response.status_code == 302
    db.session.refresh(outcome)
    assert (outcome.kind, outcome.happened_on, outcome.note) == ("contract", date(2026, 11, 5), data["note"])
    bad = submit(client, edit_url, {**data, "happened_on": ""}, form_url=url, prefix=f"outcome-{outcome.id}")
    db.session.refresh(outcome)
    assert bad.status_code == 302 and outcome.happened_on == date(2026, 11, 5)
    assert submit(client, delete_url, {}, form_url=url).status_code == 302
    db.session.refresh(partnership)
    assert partnership.outcomes == []
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "partnership.outcome_deleted"))


def test_staff_may_delete_an_outcome(app, client, login_as, db, pair):
    partnership, _outcome, _edit_url, delete_url = with_outcome(app, db, pair)
    login_as("staff")
    assert submit(client, delete_url, {}, form_url=f"/partnerships/{partnership.id}").status_code == 302
    db.session.refresh(partnership)
    assert partnership.outcomes == []


def test_outsiders_get_404_and_government_403_when_changing_an_outcome(app, client, login_as, db, pair):
    partnership, outcome, edit_url, delete_url = with_outcome(app, db, pair)
    data = {"kind": "patent", "happened_on": "2026-12-01"}
    login_as("university")  # a university user outside this partnership
    assert submit(client, edit_url, data, form_url="/", prefix=f"outcome-{outcome.id}").status_code == 404
    assert submit(client, delete_url, {}, form_url="/").status_code == 404
    government = client_of(app, UserFactory(role="government"))
    page = government.get(f"/partnerships/{partnership.id}").get_data(as_text=True)
    assert "Ký MoU" in page and edit_url not in page and delete_url not in page
    assert submit(government, edit_url, data, form_url="/", prefix=f"outcome-{outcome.id}").status_code == 403
    assert submit(government, delete_url, {}, form_url="/").status_code == 403
    db.session.refresh(outcome)
    assert (outcome.kind, outcome.happened_on) == ("mou", date(2026, 11, 1))


def test_an_outcome_is_changed_only_through_its_own_partnership(app, client, login_as, db, pair):
    from incubator.partnerships import introductions

    partnership, outcome, _edit_url, _delete_url = with_outcome(app, db, pair)
    second = make_pair(db, 0.5)
    decisions.decide_suggestion(second.suggestion.id, "approved", UserFactory(role="staff").id)
    introduction = db.session.scalar(
        select(Introduction).where(Introduction.suggestion_id == second.suggestion.id)
    )
    introductions.answer(introduction, second.enterprise, "accepted")
    introductions.answer(introduction, second.university, "accepted")
    other = db.session.scalar(select(Partnership).where(Partnership.id != partnership.id))
    login_as("staff")
    url = f"/partnerships/{other.id}/outcomes/{outcome.id}/delete"
    assert submit(client, url, {}, form_url="/").status_code == 404
    db.session.refresh(partnership)
    assert partnership.outcomes == [outcome]
