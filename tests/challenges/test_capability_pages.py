"""A university's research capability pages: its organization, who may edit, matching hook."""

import pytest
from sqlalchemy import func, select

from incubator.challenges.models import Capability
from incubator.matching.models import PendingMatch
from tests.conftest import unsent_tasks
from tests.factories import CapabilityFactory, MembershipFactory, OrganizationFactory

CAPABILITY = {
    "title": "Thị giác máy tính cho kiểm tra chất lượng",
    "description": "Machine vision, phân tích rung động và bảo trì dự đoán.",
    "keywords": " thị giác máy ,rung động,, IoT ",
}


def pending_match(db, document_id: str) -> PendingMatch | None:
    return db.session.scalar(select(PendingMatch).where(PendingMatch.document_id == document_id))


@pytest.fixture
def university(login_as):
    """A logged-in tech-transfer officer and the university they belong to."""
    user = login_as("university")
    organization = OrganizationFactory(kind="university", name="Đại học Quốc tế Miền Đông")
    MembershipFactory(user=user, organization=organization)
    return user, organization


def test_a_university_lists_a_capability_with_tidy_keywords(client, university, post_form, db):
    user, organization = university
    assert post_form("/capabilities/new", CAPABILITY).status_code == 302
    capability = db.session.scalar(select(Capability))
    assert capability.owner_id == user.id and capability.organization_id == organization.id
    assert capability.title == "Thị giác máy tính cho kiểm tra chất lượng"
    assert capability.keywords == "thị giác máy, rung động, IoT"
    assert pending_match(db, f"capability:{capability.id}").queued_at is not None
    assert "Thị giác máy tính" in client.get("/capabilities/").get_data(as_text=True)


def test_a_capability_is_saved_even_when_the_task_queue_is_down(university, post_form, db, queue_down):
    response = post_form("/capabilities/new", CAPABILITY, follow_redirects=True)
    assert "Saved. Our staff review the matches for this profile" in response.get_data(as_text=True)
    capability = db.session.scalar(select(Capability))
    assert pending_match(db, f"capability:{capability.id}").queued_at is not None  # its task is in the outbox
    assert (
        "incubator.matching.tasks.match_profile",
        [f"capability:{capability.id}"],
    ) in unsent_tasks()


def test_a_capability_without_a_title_is_refused(university, post_form, db):
    response = post_form("/capabilities/new", {**CAPABILITY, "title": " "})
    assert "This field is required." in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Capability)) == 0


def test_a_university_user_without_a_university_is_told_why(client, login_as, post_form, db):
    login_as("university")
    assert "not linked to a university" in client.get("/capabilities/new").get_data(as_text=True)
    response = post_form("/capabilities/new", CAPABILITY, form_url="/capabilities/")
    assert "not linked to a university" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Capability)) == 0


def test_a_colleague_edits_the_capability(client, university, post_form, db):
    _user, organization = university
    capability = CapabilityFactory(organization=organization)
    assert post_form(f"/capabilities/{capability.id}/edit", CAPABILITY).status_code == 302
    db.session.refresh(capability)
    assert capability.title == CAPABILITY["title"]
    assert pending_match(db, f"capability:{capability.id}") is not None


def test_another_university_cannot_open_or_change_a_capability(client, university, post_form, db):
    capability = CapabilityFactory(title="Original")
    url = f"/capabilities/{capability.id}/edit"
    assert client.get(url).status_code == 403
    response = post_form(url, {**CAPABILITY, "title": "Hijacked"}, form_url="/capabilities/new")
    assert response.status_code == 403
    db.session.refresh(capability)
    assert capability.title == "Original"


@pytest.mark.parametrize("role", ["founder", "enterprise", "mentor", "government"])
def test_other_roles_cannot_use_the_capability_pages(client, login_as, role):
    capability = CapabilityFactory()
    login_as(role)
    for url in ("/capabilities/", "/capabilities/new", f"/capabilities/{capability.id}/edit"):
        assert client.get(url).status_code == 403, url


def test_staff_may_edit_a_capability(client, login_as, post_form, db):
    capability = CapabilityFactory()
    login_as("staff")
    assert post_form(f"/capabilities/{capability.id}/edit", CAPABILITY).status_code == 302


@pytest.mark.parametrize("url", ["/capabilities/", "/capabilities/new", "/capabilities/1/edit"])
def test_anonymous_visitors_are_sent_to_login(client, db, url):
    response = client.get(url)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_capability_list_escapes_markup(client, university):
    _user, organization = university
    CapabilityFactory(organization=organization, title="<script>alert(1)</script>")
    page = client.get("/capabilities/").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
