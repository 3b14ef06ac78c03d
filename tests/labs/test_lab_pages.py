"""A university's lab pages: create and edit through the form, who may edit, matching hook."""

import pytest
from sqlalchemy import func, select

from incubator.audit.models import AuditEvent
from incubator.labs.models import Lab
from incubator.matching.models import PendingMatch
from tests.conftest import unsent_tasks
from tests.factories import LabFactory, MembershipFactory, OrganizationFactory

LAB = {
    "name": "Phòng thí nghiệm Công nghệ Thực phẩm",
    "kind": "testing",
    "description": "Kiểm nghiệm vi sinh và hoá lý cho doanh nghiệp thực phẩm.",
    "equipment": "  Máy sắc ký HPLC \r\n\r\nTủ ấm vi sinh\n  ",
    "opening_hours": "Mon–Fri 08:00–17:00",  # no longer a field: the rules say when the lab opens
    "capacity": "12",
    "area_m2": "85.5",
    "location": "Thủ Dầu Một, Bình Dương",
    "bookable": "y",
}


def pending_match(db, document_id: str) -> PendingMatch | None:
    return db.session.scalar(select(PendingMatch).where(PendingMatch.document_id == document_id))


def lab_count(db) -> int:
    return db.session.scalar(select(func.count()).select_from(Lab))


@pytest.fixture
def university(login_as):
    """A logged-in lab manager and the university they belong to."""
    user = login_as("university")
    organization = OrganizationFactory(kind="university", name="Đại học Thủ Dầu Một")
    MembershipFactory(user=user, organization=organization)
    return user, organization


def test_a_lab_manager_lists_a_lab_with_its_equipment(client, university, post_form, db):
    user, organization = university
    response = post_form("/labs/new", LAB)
    lab = db.session.scalar(select(Lab))
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/labs/{lab.id}/rules")
    assert lab.opening_hours == ""  # the free text is ignored: hours come from the rules only
    assert lab.manager_id == user.id and lab.organization_id == organization.id
    assert lab.name == "Phòng thí nghiệm Công nghệ Thực phẩm" and lab.kind == "testing"
    assert lab.equipment == "Máy sắc ký HPLC\nTủ ấm vi sinh"
    assert lab.capacity == 12 and lab.area_m2 == 85.5 and lab.bookable is True
    assert db.session.scalar(select(AuditEvent.action)) == "lab.created"
    assert pending_match(db, f"lab:{lab.id}").queued_at is not None


def test_the_detail_page_shows_the_lab_to_a_founder(client, login_as):
    lab = LabFactory(equipment="Máy in 3D\nMáy cắt laser", area_m2=None, opening_hours="Mon–Fri 08:00–17:00")
    login_as("founder")
    page = client.get(f"/labs/{lab.id}").get_data(as_text=True)
    assert lab.name in page and "<li>Máy in 3D</li>" in page and "<li>Máy cắt laser</li>" in page
    assert 'data-testid="edit-lab"' not in page
    # one truth: the old free text never contradicts the rules, which have no hours yet
    assert "Mon–Fri 08:00–17:00" not in page and "No opening hours set yet" in page


def test_the_lab_form_leads_to_the_rules_and_machines(client, login_as, db):
    user = login_as("university")
    lab = LabFactory(manager=user)
    page = client.get(f"/labs/{lab.id}/edit").get_data(as_text=True)
    assert f'href="/labs/{lab.id}/rules"' in page and f'href="/labs/{lab.id}/machines"' in page
    assert 'name="opening_hours"' not in page


def test_a_lab_not_open_for_booking_is_saved_unticked(university, post_form, db):
    form = {key: value for key, value in LAB.items() if key not in ("bookable", "area_m2")}
    assert post_form("/labs/new", form).status_code == 302
    lab = db.session.scalar(select(Lab))
    assert lab.bookable is False and lab.area_m2 is None


def test_a_lab_is_saved_even_when_the_task_queue_is_down(university, post_form, db, queue_down):
    response = post_form("/labs/new", LAB, follow_redirects=True)
    assert response.status_code == 200
    assert "Saved. Our staff review the matches for this profile" in response.get_data(as_text=True)
    lab = db.session.scalar(select(Lab))
    assert pending_match(db, f"lab:{lab.id}").queued_at is not None  # its task is in the outbox
    assert (
        "incubator.matching.tasks.match_profile",
        [f"lab:{lab.id}"],
    ) in unsent_tasks()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "This field is required."),
        ("capacity", "0", "Number must be between 1 and 500."),
        ("capacity", "", "This field is required."),
        ("area_m2", "0", "The area must be greater than 0."),
        ("area_m2", "-5", "The area must be greater than 0."),
        ("kind", "garage", "Not a valid choice"),
    ],
)
def test_bad_lab_input_is_refused_and_nothing_is_written(university, post_form, db, field, value, message):
    response = post_form("/labs/new", {**LAB, field: value})
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert lab_count(db) == 0


def test_the_kind_is_offered_with_readable_labels(client, university):
    page = client.get("/labs/new").get_data(as_text=True)
    for label in ("FabLab", "TechLab", "Lab 4.0", "Production workshop", "Testing lab"):
        assert f">{label}</option>" in page


def test_a_university_user_without_a_university_is_told_why(client, login_as, post_form, db):
    login_as("university")
    assert "not linked to a university" in client.get("/labs/new").get_data(as_text=True)
    response = post_form("/labs/new", LAB, form_url="/labs/mine")
    assert "not linked to a university" in response.get_data(as_text=True)
    assert lab_count(db) == 0


def test_a_colleague_edits_the_lab_and_it_is_matched_again(client, university, post_form, db):
    user, organization = university
    lab = LabFactory(organization=organization)
    assert post_form(f"/labs/{lab.id}/edit", {**LAB, "capacity": "30"}).status_code == 302
    db.session.refresh(lab)
    assert lab.capacity == 30 and lab.manager_id != user.id
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "lab.updated"))
    assert event.actor_id == user.id and "capacity" in event.detail["fields"]
    assert pending_match(db, f"lab:{lab.id}") is not None
    assert 'data-testid="edit-lab"' in client.get(f"/labs/{lab.id}").get_data(as_text=True)


def test_my_labs_lists_my_organizations_labs(client, university):
    _user, organization = university
    LabFactory(organization=organization, name="FabLab EIU")
    LabFactory(name="Someone else's lab")
    page = client.get("/labs/mine").get_data(as_text=True)
    assert "FabLab EIU" in page and "Someone else" not in page


def test_another_university_cannot_open_or_change_a_lab(client, university, post_form, db):
    lab = LabFactory(name="Original")
    url = f"/labs/{lab.id}/edit"
    assert client.get(url).status_code == 403
    response = post_form(url, {**LAB, "name": "Hijacked"}, form_url="/labs/new")
    assert response.status_code == 403
    db.session.refresh(lab)
    assert lab.name == "Original" and pending_match(db, f"lab:{lab.id}") is None


@pytest.mark.parametrize("role", ["staff", "admin"])
def test_staff_may_edit_any_lab(client, login_as, post_form, db, role):
    lab = LabFactory()
    login_as(role)
    assert post_form(f"/labs/{lab.id}/edit", LAB).status_code == 302
    db.session.refresh(lab)
    assert lab.name == LAB["name"]


@pytest.mark.parametrize("role", ["founder", "enterprise", "mentor", "government"])
def test_other_roles_cannot_list_or_edit_labs(client, login_as, role):
    lab = LabFactory()
    login_as(role)
    for url in ("/labs/mine", "/labs/new", f"/labs/{lab.id}/edit"):
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize("url", ["/labs/", "/labs/1", "/labs/mine", "/labs/new", "/labs/1/edit"])
def test_anonymous_visitors_are_sent_to_login(client, db, url):
    response = client.get(url)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_missing_lab_is_a_404(client, login_as):
    login_as("founder")
    assert client.get("/labs/999").status_code == 404


def test_lab_pages_escape_markup(client, login_as):
    lab = LabFactory(name="<script>alert(1)</script>", equipment="<script>alert(2)</script>")
    login_as("founder")
    for url in ("/labs/", f"/labs/{lab.id}"):
        page = client.get(url).get_data(as_text=True)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(" not in page, url
