"""A mentor's own profile: created once, then edited, and queued for matching on each save."""

import pytest
from sqlalchemy import func, select

from incubator.audit.models import AuditEvent
from incubator.matching.models import PendingMatch
from incubator.mentors.models import MentorProfile
from tests.conftest import unsent_tasks
from tests.factories import MentorProfileFactory

PROFILE = {
    "headline": "Kỹ sư IoT công nghiệp, 15 năm kinh nghiệm",
    "expertise": "Bảo trì dự đoán, cảm biến rung, PLC và SCADA.",
    "sectors": "sản xuất , cơ khí,,điện tử",
    "languages": ["vi", "en"],
    "capacity_per_month": "3",
    "available": "y",
}


def pending_match(db, document_id: str) -> PendingMatch | None:
    return db.session.scalar(select(PendingMatch).where(PendingMatch.document_id == document_id))


def profile_count(db) -> int:
    return db.session.scalar(select(func.count()).select_from(MentorProfile))


def test_a_mentor_creates_a_profile_and_it_is_queued_for_matching(client, login_as, post_form, db):
    mentor = login_as("mentor")
    response = post_form("/mentors/profile", PROFILE, follow_redirects=True)
    assert "Saved. Our staff review the matches for this profile" in response.get_data(as_text=True)
    profile = db.session.scalar(select(MentorProfile))
    assert profile.user_id == mentor.id and profile.headline == PROFILE["headline"]
    assert profile.sectors == "sản xuất, cơ khí, điện tử" and profile.languages == "vi,en"
    assert profile.capacity_per_month == 3 and profile.available is True
    assert db.session.scalar(select(AuditEvent.action)) == "mentor_profile.created"
    assert pending_match(db, f"mentor:{profile.id}").queued_at is not None


def test_saving_again_edits_the_same_profile(client, login_as, post_form, db):
    mentor = login_as("mentor")
    profile = MentorProfileFactory(user=mentor, languages="vi,en")
    data = {**PROFILE, "languages": ["en"], "capacity_per_month": "0"}
    data.pop("available")
    assert post_form("/mentors/profile", data).status_code == 302
    db.session.refresh(profile)
    assert profile_count(db) == 1
    assert profile.languages == "en" and profile.capacity_per_month == 0 and profile.available is False
    assert pending_match(db, f"mentor:{profile.id}") is not None


def test_the_form_shows_the_stored_languages(client, login_as):
    MentorProfileFactory(user=login_as("mentor"), languages="en")
    page = client.get("/mentors/profile").get_data(as_text=True)
    assert 'value="en" selected' in page or 'selected value="en"' in page
    assert 'value="vi" selected' not in page and 'selected value="vi"' not in page


def test_a_profile_is_saved_even_when_the_task_queue_is_down(client, login_as, post_form, db, queue_down):
    login_as("mentor")
    response = post_form("/mentors/profile", PROFILE, follow_redirects=True)
    assert "Saved. Our staff review the matches for this profile" in response.get_data(as_text=True)
    profile = db.session.scalar(select(MentorProfile))
    assert pending_match(db, f"mentor:{profile.id}").queued_at is not None  # its task is in the outbox
    assert (
        "incubator.matching.tasks.match_profile",
        [f"mentor:{profile.id}"],
    ) in unsent_tasks()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("headline", "", "This field is required."),
        ("languages", [], "Choose at least one language."),
        ("languages", ["fr"], "is not a valid choice"),
        ("capacity_per_month", "21", "Number must be between 0 and 20."),
        ("capacity_per_month", "", "This field is required."),
    ],
)
def test_bad_profile_input_is_refused_and_nothing_is_written(login_as, post_form, db, field, value, message):
    login_as("mentor")
    response = post_form("/mentors/profile", {**PROFILE, field: value})
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert profile_count(db) == 0


@pytest.mark.parametrize("role", ["founder", "university", "enterprise", "staff", "government", "admin"])
def test_other_roles_have_no_mentor_profile_page(client, login_as, role):
    login_as(role)
    assert client.get("/mentors/profile").status_code == 403


def test_anonymous_visitors_are_sent_to_login(client, db):
    response = client.get("/mentors/profile")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_profile_page_escapes_markup(client, login_as):
    MentorProfileFactory(user=login_as("mentor"), headline="<script>alert(1)</script>")
    for url in ("/mentors/profile", "/"):
        page = client.get(url).get_data(as_text=True)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page, url
