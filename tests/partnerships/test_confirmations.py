"""Staff and parties are told what their action did: an approval's introduction, an outcome's date."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from incubator.localtime import today_local
from incubator.partnerships.models import Introduction
from tests.conftest import submit
from tests.partnerships.test_pages import log_in, partnership_of


def test_approving_a_suggestion_says_the_introduction_went_out(client, login_as, db, pair):
    login_as("staff")
    url = f"/matching/suggestions/{pair.suggestion.id}"
    response = submit(
        client, f"{url}/decision", {"decision": "approved"}, form_url=url, follow_redirects=True
    )
    assert "Suggestion approved: the introduction went out to both sides." in response.get_data(as_text=True)
    assert db.session.scalar(select(Introduction)) is not None


def test_rejecting_a_suggestion_is_confirmed(client, login_as, db, pair):
    login_as("staff")
    url = f"/matching/suggestions/{pair.suggestion.id}"
    data = {"decision": "rejected", "reason": "too_early"}
    response = submit(client, f"{url}/decision", data, form_url=url, follow_redirects=True)
    assert "Suggestion rejected" in response.get_data(as_text=True)


def test_an_outcome_in_the_future_is_refused_with_its_reason(app, client, db, pair):
    partnership = partnership_of(app, db, pair)
    log_in(client, pair.university)
    url = f"/partnerships/{partnership.id}"
    tomorrow = (today_local() + timedelta(days=1)).isoformat()
    data = {"kind": "pilot", "happened_on": tomorrow, "note": "Thí điểm"}
    response = submit(client, f"{url}/outcomes", data, form_url=url, follow_redirects=True)
    assert "The date cannot be in the future." in response.get_data(as_text=True)
    db.session.refresh(partnership)
    assert partnership.outcomes == []


def test_the_partnership_list_names_what_each_partnership_is_about(app, client, db, pair):
    partnership = partnership_of(app, db, pair)
    log_in(client, pair.enterprise)
    page = client.get("/partnerships/").get_data(as_text=True)
    assert partnership.title in page
    assert 'data-testid="partnership-subject">About: Bảo trì dự đoán máy dập ↔ Phân tích rung động<' in page
    assert 'href="/introductions/"' in page  # the tab back to the introductions


def test_introductions_are_on_the_top_bar_of_the_roles_that_receive_them(client, login_as, db):
    for role in ("founder", "university", "enterprise", "mentor"):
        client.delete_cookie("session")
        login_as(role)
        bar = client.get("/").get_data(as_text=True).split('data-testid="role-nav"')[1].split("</ul>")[0]
        assert 'href="/introductions/"' in bar, role
