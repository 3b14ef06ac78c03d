"""A founder's startup pages: create and edit through the form, ownership, escaping, matching hook."""

import unicodedata

import pytest
from sqlalchemy import func, select

from incubator.audit.models import AuditEvent
from incubator.matching.models import PendingMatch
from incubator.startups.models import Startup
from tests.conftest import unsent_tasks
from tests.factories import StartupFactory

NEEDS = "Bảo trì dự đoán cho dây chuyền dập; cần phòng thí nghiệm và cố vấn"
STARTUP = {
    "name": "Cảm biến Bình Dương",
    "description": unicodedata.normalize("NFD", "Bảo trì dự đoán bằng cảm biến rung"),
    "needs": NEEDS,
    "sector": "Sản xuất",
    "stage": "prototype",
    "website": "https://camBien.vn",
    "team_size": "4",
}


def pending_match(db, document_id: str) -> PendingMatch | None:
    return db.session.scalar(select(PendingMatch).where(PendingMatch.document_id == document_id))


def startup_count(db) -> int:
    return db.session.scalar(select(func.count()).select_from(Startup))


def test_a_founder_creates_a_startup_with_vietnamese_text_intact(client, login_as, post_form, db):
    founder = login_as("founder")
    response = post_form("/startups/new", STARTUP)
    assert response.status_code == 302 and response.headers["Location"].endswith("/startups/")
    startup = db.session.scalar(select(Startup))
    assert startup.owner_id == founder.id and startup.team_size == 4 and startup.stage == "prototype"
    assert startup.description == "Bảo trì dự đoán bằng cảm biến rung"
    assert unicodedata.is_normalized("NFC", startup.description) and startup.needs == NEEDS
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.object_id == startup.id)) == (
        "startup.created"
    )
    page = client.get("/startups/").get_data(as_text=True)
    assert "Cảm biến Bình Dương" in page and "Saved. Our staff review the matches for this profile" in page


def test_saving_a_startup_queues_its_incremental_match(client, login_as, post_form, db):
    login_as("founder")
    post_form("/startups/new", STARTUP)
    startup = db.session.scalar(select(Startup))
    flag = pending_match(db, f"startup:{startup.id}")
    assert flag is not None and flag.queued_at is not None


def test_a_startup_is_saved_even_when_the_task_queue_is_down(client, login_as, post_form, db, queue_down):
    login_as("founder")
    response = post_form("/startups/new", STARTUP, follow_redirects=True)
    assert response.status_code == 200
    assert "Saved. Our staff review the matches for this profile" in response.get_data(as_text=True)
    startup = db.session.scalar(select(Startup))
    assert startup.name == "Cảm biến Bình Dương"
    assert pending_match(db, f"startup:{startup.id}").queued_at is not None  # its task is in the outbox
    assert (
        "incubator.matching.tasks.match_profile",
        [f"startup:{startup.id}"],
    ) in unsent_tasks()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "  ", "This field is required."),
        ("team_size", "0", "Number must be between 1 and 500."),
        ("team_size", "501", "Number must be between 1 and 500."),
        ("website", "cam-bien", "Enter a full web address"),
        ("stage", "unicorn", "Not a valid choice"),
    ],
)
def test_bad_startup_input_is_refused_and_nothing_is_written(login_as, post_form, db, field, value, message):
    login_as("founder")
    response = post_form("/startups/new", {**STARTUP, field: value})
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert startup_count(db) == 0
    assert db.session.scalar(select(func.count()).select_from(PendingMatch)) == 0


def test_the_owner_edits_a_startup_and_it_is_matched_again(client, login_as, post_form, db):
    founder = login_as("founder")
    startup = StartupFactory(owner=founder)
    response = post_form(f"/startups/{startup.id}/edit", {**STARTUP, "stage": "mvp"})
    assert response.status_code == 302
    db.session.refresh(startup)
    assert startup.stage == "mvp" and startup.name == "Cảm biến Bình Dương"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "startup.updated"))
    assert event.actor_id == founder.id and "stage" in event.detail["fields"]
    assert pending_match(db, f"startup:{startup.id}") is not None


def test_the_edit_form_shows_the_stored_profile(client, login_as):
    startup = StartupFactory(owner=login_as("founder"), name="Nông nghiệp số")
    page = client.get(f"/startups/{startup.id}/edit").get_data(as_text=True)
    assert "Edit Nông nghiệp số" in page and 'value="Nông nghiệp số"' in page


def test_another_founder_cannot_open_or_change_a_startup(client, login_as, post_form, db):
    startup = StartupFactory(name="Original")
    login_as("founder")
    url = f"/startups/{startup.id}/edit"
    assert client.get(url).status_code == 403
    # a valid CSRF token (from a form this founder may open), so only the ownership check can refuse
    response = post_form(url, {**STARTUP, "name": "Hijacked"}, form_url="/startups/new")
    assert response.status_code == 403
    db.session.refresh(startup)
    assert startup.name == "Original"
    assert pending_match(db, f"startup:{startup.id}") is None


@pytest.mark.parametrize("role", ["staff", "admin"])
def test_staff_may_edit_any_startup(client, login_as, post_form, db, role):
    startup = StartupFactory()
    staff = login_as(role)
    assert post_form(f"/startups/{startup.id}/edit", STARTUP).status_code == 302
    db.session.refresh(startup)
    assert startup.name == "Cảm biến Bình Dương"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "startup.updated"))
    assert event.actor_id == staff.id and startup.owner_id != staff.id


def test_a_missing_startup_is_a_404(client, login_as):
    login_as("founder")
    assert client.get("/startups/999/edit").status_code == 404


@pytest.mark.parametrize("role", ["university", "enterprise", "mentor", "government", "staff"])
@pytest.mark.parametrize("url", ["/startups/", "/startups/new"])
def test_other_roles_cannot_use_the_founder_pages(client, login_as, role, url):
    login_as(role)
    assert client.get(url).status_code == 403


def test_other_roles_cannot_edit_a_startup_even_by_id(client, login_as):
    startup = StartupFactory()
    login_as("enterprise")
    assert client.get(f"/startups/{startup.id}/edit").status_code == 403


@pytest.mark.parametrize("url", ["/startups/", "/startups/new", "/startups/1/edit"])
def test_anonymous_visitors_are_sent_to_login(client, db, url):
    response = client.get(url)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_list_shows_only_my_startups_with_markup_escaped(client, login_as):
    founder = login_as("founder")
    StartupFactory(owner=founder, name="<script>alert(1)</script>")
    StartupFactory(name="Someone else's startup")
    page = client.get("/startups/").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    assert "Someone else&#39;s startup" not in page and "Someone else's startup" not in page
