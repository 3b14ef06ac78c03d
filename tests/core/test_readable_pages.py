"""Pages say what to do next, lead to their records, show labels instead of codes, and keep ids unique."""

import re
from collections import Counter
from datetime import datetime

from sqlalchemy import select

from incubator.demo.seed import seed_demo
from incubator.review.models import Application
from tests.factories import UserFactory


def test_an_empty_suggestion_list_links_to_where_a_run_starts(client, login_as):
    login_as("staff")
    body = client.get("/matching/suggestions").get_data(as_text=True)
    empty = body[body.index('data-testid="no-suggestions"') :]
    assert 'href="/matching/"' in empty[: empty.index("</li>")]


def test_each_application_row_leads_to_its_application(client, login_as, db):
    seed_demo()
    login_as("staff")
    body = client.get("/review/applications").get_data(as_text=True)
    applications = db.session.scalars(select(Application).where(Application.status != "draft")).all()
    assert applications
    for application in applications:
        link = f"/review/applications/{application.id}"
        assert f'href="{link}"' in body and client.get(link).status_code == 200


def test_the_user_list_shows_role_and_language_labels_and_local_time(client, login_as, db):
    login_as("admin")
    UserFactory(role="enterprise", language="en", last_login_at=datetime(2026, 12, 1, 14, 46, 42))
    body = client.get("/admin/users").get_data(as_text=True)
    assert "Enterprise representative" in body and "<td>enterprise</td>" not in body
    assert "<td>English</td>" in body and "<td>en</td>" not in body
    assert "9:46" in body and "14:46:42" not in body  # Asia/Ho_Chi_Minh is UTC+7


def test_the_match_kind_filter_offers_readable_labels(client, login_as):
    login_as("staff")
    body = client.get("/matching/suggestions").get_data(as_text=True)
    assert "Challenge → Research capability" in body and "challenge → capability" not in body


def test_a_page_with_two_forms_and_the_language_switch_keeps_ids_unique(client, login_as):
    login_as("founder")
    body = client.get("/profile").get_data(as_text=True)
    repeated = [i for i, n in Counter(re.findall(r'\sid="([^"]+)"', body)).items() if n > 1]
    assert not repeated and 'action=""' not in body
