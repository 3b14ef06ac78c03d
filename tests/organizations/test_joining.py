"""Organizations that join by themselves: create, verify (staff), ask to join, and their admins decide."""

import pytest
from sqlalchemy import select

from incubator.audit.models import AuditEvent
from incubator.notifications.models import Notification
from incubator.organizations.models import Membership, Organization
from incubator.organizations.services import managed_lab_ids
from tests.conftest import TEST_PASSWORD, csrf_token, submit
from tests.factories import LabFactory, MembershipFactory, OrganizationFactory, UserFactory

NEW_UNIVERSITY = {
    "name": "Trường Đại học Công nghệ Bình Dương",
    "name_en": "Binh Duong University of Technology",
    "registration_code": "BDU-042",
    "website": "https://bdu.example.vn",
    "address": "Số 1 Đại lộ Bình Dương",
    "city": "Thủ Dầu Một",
    "sector": "engineering",
    "description": "Trường kỹ thuật với xưởng cơ khí và phòng thí nghiệm tự động hóa.",
}


def log_in(client, user):
    client.get("/logout")
    response = submit(client, "/login", {"email": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302


def actions(db, action):
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_a_university_user_creates_their_organization_pending_verification(client, login_as, post_form, db):
    user = login_as("university")
    UserFactory(role="staff")
    response = post_form("/organizations/new", NEW_UNIVERSITY)
    assert response.status_code == 302
    organization = db.session.scalar(select(Organization).where(Organization.registration_code == "BDU-042"))
    assert organization.kind == "university" and organization.status == "pending"
    assert organization.name == NEW_UNIVERSITY["name"] and organization.created_by_id == user.id
    membership = db.session.scalar(select(Membership).where(Membership.user_id == user.id))
    assert (membership.role, membership.status, membership.is_contact) == ("admin", "active", True)
    assert actions(db, "organization.created")
    assert db.session.scalar(select(Notification).where(Notification.kind == "organization_to_verify"))
    page = client.get(f"/organizations/{organization.id}").get_data(as_text=True)
    assert 'data-testid="awaiting-verification"' in page


@pytest.mark.parametrize(
    ("field", "value"),
    [("registration_code", "12 34; DROP"), ("name", ""), ("website", "not a url"), ("address", "")],
)
def test_a_bad_organization_form_is_refused_and_creates_nothing(login_as, post_form, db, field, value):
    login_as("enterprise")
    response = post_form("/organizations/new", {**NEW_UNIVERSITY, field: value})
    assert response.status_code == 200 and "is-invalid" in response.get_data(as_text=True)
    assert db.session.scalar(select(Organization)) is None


def test_a_name_already_taken_in_either_language_is_refused(login_as, post_form, db):
    login_as("university")
    OrganizationFactory(name="Existing", name_en="Binh Duong University of Technology")
    response = post_form("/organizations/new", NEW_UNIVERSITY, follow_redirects=True)
    assert "exists already" in response.get_data(as_text=True)
    assert db.session.scalar(select(Organization).where(Organization.registration_code == "BDU-042")) is None


def test_founders_cannot_create_organizations(login_as, client):
    login_as("founder")
    assert client.get("/organizations/new").status_code == 403


def test_staff_verify_a_pending_organization_and_its_admin_is_told(client, db):
    creator = UserFactory(role="university")
    organization = OrganizationFactory(status="pending", created_by_id=creator.id)
    MembershipFactory(user=creator, organization=organization)
    log_in(client, UserFactory(role="staff"))
    assert organization.name in client.get("/organizations/verification").get_data(as_text=True)
    url = f"/organizations/{organization.id}/verification"
    form_url = "/organizations/verification"
    response = submit(client, url, {"decision": "verified"}, form_url=form_url, prefix=f"o{organization.id}")
    assert response.status_code == 302
    db.session.refresh(organization)
    assert organization.status == "verified" and organization.verified_at is not None
    assert actions(db, "organization.verified")
    note = db.session.scalar(select(Notification).where(Notification.user_id == creator.id))
    assert "verified" in note.message
    # Decided once: a second decision (another staff member, a double click) is refused.
    again = submit(client, url, {"decision": "rejected", "reason": "late"}, form_url=form_url,
                   prefix=f"o{organization.id}", follow_redirects=True)  # fmt: skip
    assert "already decided" in again.get_data(as_text=True)
    db.session.refresh(organization)
    assert organization.status == "verified"


def test_refusing_needs_a_reason_and_an_edit_sends_it_back(client, db):
    creator = UserFactory(role="enterprise")
    organization = OrganizationFactory(status="pending", kind="enterprise", address="x", city="y",
                                       registration_code="3700146225", description="d")  # fmt: skip
    MembershipFactory(user=creator, organization=organization)
    log_in(client, UserFactory(role="staff"))
    url, prefix = f"/organizations/{organization.id}/verification", f"o{organization.id}"
    no_reason = submit(
        client, url, {"decision": "rejected"}, form_url="/organizations/verification", prefix=prefix
    )
    assert no_reason.status_code == 400
    db.session.refresh(organization)
    assert organization.status == "pending"
    reason = "Mã số thuế không khớp"
    submit(client, url, {"decision": "rejected", "reason": reason}, form_url="/organizations/verification",
           prefix=prefix)  # fmt: skip
    db.session.refresh(organization)
    assert (organization.status, organization.status_reason) == ("rejected", reason)
    log_in(client, creator)
    assert reason in client.get(f"/organizations/{organization.id}/edit").get_data(as_text=True)
    data = {**NEW_UNIVERSITY, "name": organization.name, "name_en": "", "registration_code": "3700146226"}
    assert submit(client, f"/organizations/{organization.id}/edit", data).status_code == 302
    db.session.refresh(organization)
    assert organization.status == "pending" and organization.registration_code == "3700146226"


def test_non_staff_cannot_open_the_verification_queue(login_as, client):
    login_as("university")
    assert client.get("/organizations/verification").status_code == 403


def test_a_person_asks_to_join_and_an_admin_approves_with_a_role(client, db):
    organization = OrganizationFactory(kind="university")
    admin = MembershipFactory(organization=organization, user__role="university").user
    lab = LabFactory(organization=organization)
    LabFactory(organization=organization)
    newcomer = UserFactory(role="university")
    log_in(client, newcomer)
    assert organization.name in client.get("/organizations/start").get_data(as_text=True)
    response = submit(client, f"/organizations/{organization.id}/join", {"title": "Kỹ thuật viên"},
                      form_url="/organizations/start")  # fmt: skip
    assert response.status_code == 302
    membership = db.session.scalar(select(Membership).where(Membership.user_id == newcomer.id))
    assert (membership.status, membership.role) == ("pending", "member")
    assert client.get(f"/organizations/{organization.id}/members").status_code == 404  # not an admin
    log_in(client, admin)
    members_url = f"/organizations/{organization.id}/members"
    assert newcomer.email in client.get(members_url).get_data(as_text=True)
    submit(client, f"{members_url}/{membership.id}", {"action": "approve"}, form_url=members_url)
    db.session.refresh(membership)
    assert membership.status == "active"
    data = {"role": "lab_manager", "labs": [str(lab.id)]}
    response = submit(client, f"{members_url}/{membership.id}/role", data, form_url=members_url,
                      prefix=f"m{membership.id}")  # fmt: skip
    assert response.status_code == 302
    db.session.refresh(membership)
    assert membership.role == "lab_manager" and managed_lab_ids(membership) == {lab.id}
    assert membership.is_contact is False
    assert [e.action for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))][-3:] == [
        "membership.requested", "membership.approved", "membership.changed"]  # fmt: skip


def test_an_admin_refuses_a_request_and_removes_a_member_but_never_the_last_admin(client, db):
    organization = OrganizationFactory(kind="enterprise")
    admin = MembershipFactory(organization=organization, user__role="enterprise")
    asked = MembershipFactory(organization=organization, status="pending", role="member")
    member = MembershipFactory(organization=organization, role="member")
    log_in(client, admin.user)
    url = f"/organizations/{organization.id}/members"
    submit(client, f"{url}/{asked.id}", {"action": "refuse"}, form_url=url)
    submit(client, f"{url}/{member.id}", {"action": "remove"}, form_url=url)
    last = submit(client, f"{url}/{admin.id}", {"action": "remove"}, form_url=url, follow_redirects=True)
    assert "at least one admin" in last.get_data(as_text=True)
    db.session.expunge_all()
    assert db.session.get(Membership, asked.id).status == "refused"
    assert db.session.get(Membership, member.id) is None
    assert db.session.get(Membership, admin.id) is not None


def test_members_and_outsiders_cannot_manage_members(client, db):
    organization = OrganizationFactory()
    member = MembershipFactory(organization=organization, role="lab_manager")
    other = MembershipFactory(organization=organization, role="member")
    for user in (member.user, UserFactory(role="university")):
        log_in(client, user)
        url = f"/organizations/{organization.id}/members"
        assert client.get(url).status_code == 404
        token_page = client.get("/organizations/start").get_data(as_text=True)
        response = client.post(
            f"{url}/{other.id}", data={"action": "remove", "csrf_token": csrf_token(token_page)}
        )
        assert response.status_code == 404
    assert db.session.get(Membership, other.id) is not None


def test_a_pending_organization_cannot_be_joined(client, db):
    organization = OrganizationFactory(status="pending")
    log_in(client, UserFactory(role="university"))
    assert organization.name not in client.get("/organizations/start").get_data(as_text=True)
    response = submit(client, f"/organizations/{organization.id}/join", {}, form_url="/organizations/start",
                      follow_redirects=True)  # fmt: skip
    assert "not verified yet" in response.get_data(as_text=True)
    assert db.session.scalar(select(Membership)) is None


def test_a_platform_admin_adds_a_user_to_any_organization(client, db):
    organization = OrganizationFactory(kind="enterprise")
    person = UserFactory(role="enterprise")
    log_in(client, UserFactory(role="admin"))
    url = f"/organizations/users/{person.id}"
    assert submit(client, url, {"organization": organization.id, "role": "admin"}).status_code == 302
    membership = db.session.scalar(select(Membership).where(Membership.user_id == person.id))
    assert (membership.organization_id, membership.role, membership.status) == (
        organization.id,
        "admin",
        "active",
    )
    assert client.get(f"/organizations/{organization.id}/members").status_code == 200
    log_in(client, UserFactory(role="staff"))
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("role", ["university", "enterprise"])
def test_a_new_member_without_an_organization_is_led_to_create_or_join_one(client, login_as, role):
    login_as(role)
    home = client.get("/").get_data(as_text=True)
    assert 'data-testid="start-organization"' in home and 'href="/organizations/start"' in home


def test_staff_see_how_many_organizations_wait_for_verification(client, login_as):
    OrganizationFactory(status="pending")
    login_as("staff")
    assert "1 organization waits for verification." in client.get("/").get_data(as_text=True)
