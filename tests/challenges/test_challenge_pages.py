"""An enterprise's challenge pages: its organization, who may edit, validation, matching hook."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from incubator.audit.models import AuditEvent
from incubator.challenges.models import Challenge
from incubator.matching.models import PendingMatch
from tests.conftest import unsent_tasks
from tests.factories import ChallengeFactory, MembershipFactory, OrganizationFactory

CHALLENGE = {
    "title": "Bảo trì dự đoán cho dây chuyền dập",
    "description": "Predictive maintenance for our stamping line: vibration sensors, cảnh báo sớm.",
    "sector": "Cơ khí",
    "status": "open",
    "deadline": "",
}


def pending_match(db, document_id: str) -> PendingMatch | None:
    return db.session.scalar(select(PendingMatch).where(PendingMatch.document_id == document_id))


def challenge_count(db) -> int:
    return db.session.scalar(select(func.count()).select_from(Challenge))


@pytest.fixture
def enterprise(login_as):
    """A logged-in enterprise representative and the enterprise they belong to."""
    user = login_as("enterprise")
    organization = OrganizationFactory(kind="enterprise", name="Becamex Tokyu")
    MembershipFactory(user=user, organization=organization)
    return user, organization


def test_an_enterprise_posts_a_challenge_for_its_organization(client, enterprise, post_form, db):
    deadline = (date.today() + timedelta(days=30)).isoformat()
    response = post_form("/challenges/new", {**CHALLENGE, "deadline": deadline})
    assert response.status_code == 302
    challenge = db.session.scalar(select(Challenge))
    assert challenge.title == "Bảo trì dự đoán cho dây chuyền dập" and challenge.sector == "Cơ khí"
    assert challenge.author_id == enterprise[0].id and challenge.organization_id == enterprise[1].id
    assert challenge.deadline.isoformat() == deadline
    assert db.session.scalar(select(AuditEvent.action)) == "challenge.created"
    assert pending_match(db, f"challenge:{challenge.id}").queued_at is not None
    assert "Bảo trì dự đoán cho dây chuyền dập" in client.get("/challenges/").get_data(as_text=True)


def test_a_challenge_is_saved_even_when_the_task_queue_is_down(enterprise, post_form, db, queue_down):
    response = post_form("/challenges/new", CHALLENGE, follow_redirects=True)
    assert "Saved. Our staff review the matches for this profile" in response.get_data(as_text=True)
    challenge = db.session.scalar(select(Challenge))
    assert pending_match(db, f"challenge:{challenge.id}").queued_at is not None  # its task is in the outbox
    assert (
        "incubator.matching.tasks.match_profile",
        [f"challenge:{challenge.id}"],
    ) in unsent_tasks()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "", "This field is required."),
        ("deadline", "2020-01-01", "The deadline cannot be in the past."),
        ("deadline", "tomorrow", "Not a valid date value."),
        ("status", "archived", "Not a valid choice"),
    ],
)
def test_bad_challenge_input_is_refused_and_nothing_written(enterprise, post_form, db, field, value, message):
    response = post_form("/challenges/new", {**CHALLENGE, field: value})
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert challenge_count(db) == 0


def test_an_enterprise_user_without_an_organization_is_told_why(client, login_as, post_form, db):
    login_as("enterprise")
    page = client.get("/challenges/new")
    assert page.status_code == 200
    assert "not linked to an enterprise" in page.get_data(as_text=True)
    response = post_form("/challenges/new", CHALLENGE, form_url="/challenges/")
    assert response.status_code == 200 and "not linked to an enterprise" in response.get_data(as_text=True)
    assert challenge_count(db) == 0


def test_a_university_membership_does_not_count_as_an_enterprise(client, login_as):
    user = login_as("enterprise")
    MembershipFactory(user=user, organization=OrganizationFactory(kind="university"))
    assert "not linked to an enterprise" in client.get("/challenges/new").get_data(as_text=True)


def test_a_colleague_of_the_same_organization_edits_the_challenge(client, enterprise, post_form, db):
    user, organization = enterprise
    challenge = ChallengeFactory(organization=organization)
    data = {**CHALLENGE, "status": "closed", "deadline": "2020-01-01"}  # past deadlines are kept on edit
    assert post_form(f"/challenges/{challenge.id}/edit", data).status_code == 302
    db.session.refresh(challenge)
    assert challenge.status == "closed" and challenge.author_id != user.id
    assert pending_match(db, f"challenge:{challenge.id}") is not None


def test_the_author_edits_after_leaving_the_organization(client, login_as, post_form, db):
    author = login_as("enterprise")
    challenge = ChallengeFactory(author=author)
    assert post_form(f"/challenges/{challenge.id}/edit", CHALLENGE).status_code == 302


def test_another_enterprise_cannot_open_or_change_a_challenge(client, enterprise, post_form, db):
    challenge = ChallengeFactory(title="Original")
    url = f"/challenges/{challenge.id}/edit"
    assert client.get(url).status_code == 403
    response = post_form(url, {**CHALLENGE, "title": "Hijacked"}, form_url="/challenges/new")
    assert response.status_code == 403
    db.session.refresh(challenge)
    assert challenge.title == "Original" and pending_match(db, f"challenge:{challenge.id}") is None


@pytest.mark.parametrize("role", ["staff", "admin"])
def test_staff_may_edit_any_challenge(client, login_as, post_form, db, role):
    challenge = ChallengeFactory()
    login_as(role)
    assert post_form(f"/challenges/{challenge.id}/edit", CHALLENGE).status_code == 302
    db.session.refresh(challenge)
    assert challenge.title == CHALLENGE["title"]


@pytest.mark.parametrize("role", ["founder", "university", "mentor", "government"])
def test_other_roles_cannot_use_the_challenge_pages(client, login_as, role):
    challenge = ChallengeFactory()
    login_as(role)
    for url in ("/challenges/", "/challenges/new", f"/challenges/{challenge.id}/edit"):
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize("url", ["/challenges/", "/challenges/new", "/challenges/1/edit"])
def test_anonymous_visitors_are_sent_to_login(client, db, url):
    response = client.get(url)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_list_shows_my_organizations_challenges_escaped(client, enterprise, db):
    _user, organization = enterprise
    ChallengeFactory(organization=organization, title="<script>alert(1)</script>")
    ChallengeFactory(title="Another company's need")
    page = client.get("/challenges/").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    assert "Another company" not in page
