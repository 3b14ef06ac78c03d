"""Roles inside an organization: every organization-scoped route × membership role, GET and POST with a
valid CSRF token; revealed contacts and introduction notices; the demo's plain member and lab manager."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

import pytest
from sqlalchemy import select

from incubator.accounts.models import User
from incubator.demo.seed import seed_demo
from incubator.labs.models import Booking, Lab
from incubator.matching import decisions
from incubator.matching.models import Suggestion
from incubator.notifications.models import Notification
from incubator.organizations.models import ASKED
from incubator.organizations.services import set_managed_labs
from incubator.partnerships.models import Introduction, Partnership, PartnershipOutcome
from incubator.partnerships.services import parties_of
from incubator.permissions import LAB_MANAGER, ORG_ADMIN, ORG_MEMBER
from tests.conftest import TEST_PASSWORD, IsolatedClient, csrf_token, submit
from tests.factories import (
    BookingFactory,
    CapabilityFactory,
    ChallengeFactory,
    LabFactory,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
)

SECRET = "Tỷ lệ phế phẩm 3,5% trên dây chuyền số 2 — bí mật"
ROLES = ("member", "lab_manager_other", "lab_manager_all", "lab_manager_this", "admin", "pending", "outsider")
LAB_ROLES = {"lab_manager_all", "lab_manager_this", "admin"}  # the lab's managers through a membership
ADMIN = {"admin"}
# (method, url, the side whose membership is tested, the roles allowed, status allowed, status refused, data).
# The university side holds the lab (its booking, rules, trainings) and the capability; the enterprise side
# holds the challenge. A refusal is 403 where the page exists for everyone of the platform role, 404 where
# the record's existence stays private (bookings, introductions, partnerships).
ROUTES = [
    ("GET", "/labs/{lab}/edit", "university", LAB_ROLES, 200, 403, {}),
    ("POST", "/labs/{lab}/edit", "university", LAB_ROLES, 200, 403, {}),  # the form again, with its errors
    ("GET", "/labs/{lab}/rules", "university", LAB_ROLES, 200, 403, {}),
    ("POST", "/labs/{lab}/rules", "university", LAB_ROLES, 200, 403, {}),
    ("GET", "/labs/{lab}/trainings", "university", LAB_ROLES, 200, 403, {}),
    ("POST", "/labs/{lab}/trainings", "university", LAB_ROLES, 200, 403, {}),
    ("GET", "/labs/{lab}/requests", "university", LAB_ROLES, 200, 403, {}),
    ("GET", "/labs/{lab}/utilisation", "university", LAB_ROLES, 200, 403, {}),
    ("POST", "/labs/{lab}/feed", "university", LAB_ROLES, 302, 403, {}),
    ("GET", "/labs/bookings/{booking}", "university", LAB_ROLES, 200, 404, {}),
    ("POST", "/labs/bookings/{booking}/approve", "university", LAB_ROLES, 302, 404, {}),
    ("POST", "/labs/bookings/{booking}/decline", "university", LAB_ROLES, 302, 404, {"reason": "Đã kín"}),
    ("GET", "/introductions/{introduction}", "university", ADMIN, 200, 404, {}),
    (
        "POST",
        "/introductions/{introduction}/answer",
        "university",
        ADMIN,
        302,
        404,
        {"response": "declined", "reason": "Không phù hợp"},
    ),
    ("GET", "/introductions/{revealed}", "university", ADMIN, 200, 404, {}),  # the confidential details
    ("GET", "/partnerships/{partnership}", "university", ADMIN, 200, 404, {}),
    ("POST", "/partnerships/{partnership}/status", "university", ADMIN, 302, 404, {"status": "ended"}),
    (
        "POST",
        "/partnerships/{partnership}/outcomes",
        "university",
        ADMIN,
        302,
        404,
        {"kind": "pilot", "happened_on": "2026-03-02"},
    ),
    (
        "POST",
        "/partnerships/{partnership}/outcomes/{outcome}/edit",
        "university",
        ADMIN,
        302,
        404,
        {"outcome-{outcome}-kind": "contract", "outcome-{outcome}-happened_on": "2026-03-02"},
    ),
    ("POST", "/partnerships/{partnership}/outcomes/{outcome}/delete", "university", ADMIN, 302, 404, {}),
    ("GET", "/capabilities/{capability}/edit", "university", ADMIN, 200, 403, {}),
    ("POST", "/capabilities/{capability}/edit", "university", ADMIN, 302, 403, {}),  # saved as it was
    ("GET", "/challenges/{challenge}/edit", "enterprise", ADMIN, 200, 403, {}),
    ("POST", "/challenges/{challenge}/edit", "enterprise", ADMIN, 302, 403, {}),  # saved as it was
    ("GET", "/partnerships/{partnership}", "enterprise", ADMIN, 200, 404, {}),
]
# What each side's page shows only to those allowed: the other side's secret, or the side's own contacts.
PRIVATE_TEXT = {"/introductions/{revealed}": SECRET, "/partnerships/{partnership}": SECRET}


def org_world(db) -> dict:  # noqa: ANN001
    """A university (two labs, a capability) and an enterprise (a challenge with a secret), each with an
    admin who is not the user under test; a waiting booking; a pending introduction and a revealed one that
    became a partnership with an outcome."""
    school = OrganizationFactory(kind="university", name="Đại học Quốc tế Miền Đông")
    company = OrganizationFactory(kind="enterprise", name="Công ty Cơ khí Tân Uyên")
    keeper = MembershipFactory(organization=school, user__role="university").user
    boss = MembershipFactory(organization=company, user__role="enterprise").user
    lab = LabFactory(organization=school, manager=keeper, name="Lab 4.0", approval_required=True)
    other_lab = LabFactory(organization=school, manager=keeper, name="Xưởng thực nghiệm")
    booking = BookingFactory(lab=lab, requester=UserFactory(role="founder"))
    capability = CapabilityFactory(organization=school, owner=keeper, title="Phân tích rung động")
    other_capability = CapabilityFactory(organization=school, owner=keeper, title="Thị giác máy")
    challenge = ChallengeFactory(organization=company, author=boss, confidential_details=SECRET)
    pending = suggestion(db, challenge.id, capability.id)
    accepted = suggestion(db, challenge.id, other_capability.id)
    introduction = Introduction(suggestion_id=pending.id)
    revealed = Introduction(
        suggestion_id=accepted.id,
        source_response="accepted",
        target_response="accepted",
        revealed_at=datetime(2026, 1, 5),
    )
    db.session.add_all([introduction, revealed])
    db.session.flush()
    partnership = Partnership(
        introduction_id=revealed.id, title="Cơ khí × Đại học", status="active",
        source_type="challenge", source_id=challenge.id, target_type="capability",
        target_id=other_capability.id, source_organization_id=company.id, target_organization_id=school.id,
    )  # fmt: skip
    db.session.add(partnership)
    db.session.flush()
    outcome = PartnershipOutcome(partnership_id=partnership.id, kind="mou", happened_on=date(2026, 2, 1))
    db.session.add(outcome)
    db.session.commit()
    ids = {"lab": lab.id, "booking": booking.id, "introduction": introduction.id, "revealed": revealed.id,
           "partnership": partnership.id, "outcome": outcome.id, "capability": capability.id,
           "challenge": challenge.id}  # fmt: skip
    return {"ids": ids, "university": school, "enterprise": company, "other_lab": other_lab}


def suggestion(db, challenge_id: int, capability_id: int) -> Suggestion:  # noqa: ANN001
    """An approved challenge → capability suggestion."""
    row = Suggestion(kind="challenge-capability", source_type="challenge", source_id=challenge_id,
                     target_type="capability", target_id=capability_id, score=0.6)  # fmt: skip
    row.status = "approved"
    db.session.add(row)
    db.session.flush()
    return row


def user_in_role(db, world: dict, side: str, role: str) -> User:  # noqa: ANN001
    """A user of the side's platform role holding `role` in the side's organization."""
    user = UserFactory(role=side)
    organization = world[side]
    if role == "outsider":
        MembershipFactory(user=user, organization=OrganizationFactory(kind=side))  # admin elsewhere
    elif role == "pending":
        MembershipFactory(user=user, organization=organization, role=ORG_ADMIN, status=ASKED)
    elif role in ("member", "admin"):
        MembershipFactory(user=user, organization=organization, role=role)
    else:
        membership = MembershipFactory(user=user, organization=organization, role=LAB_MANAGER)
        named = {"lab_manager_other": [world["other_lab"].id], "lab_manager_this": [world["ids"]["lab"]]}
        set_managed_labs(membership, named.get(role, []))
        db.session.commit()
    return user


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("method", "url", "side", "allowed", "ok", "refused", "data"),
    ROUTES,
    ids=[f"{m} {u} {s}" for m, u, s, *_ in ROUTES],
)
def test_each_membership_role_gets_the_expected_status(
    client, db, role, method, url, side, allowed, ok, refused, data
):  # noqa: ANN001
    world = org_world(db)
    user = user_in_role(db, world, side, role)
    assert submit(client, "/login", {"email": user.email, "password": TEST_PASSWORD}).status_code == 302
    fill = defaultdict(lambda: 0, world["ids"])
    address = url.format_map(fill)
    if method == "GET":
        response = client.get(address)
    else:
        token = csrf_token(client.get("/").get_data(as_text=True))
        form = {key.format_map(fill): value for key, value in data.items()}
        response = client.post(address, data={**form, "csrf_token": token})
    expected = ok if role in allowed else refused
    assert response.status_code == expected, response.get_data(as_text=True)[:300]
    if url in PRIVATE_TEXT:
        assert (PRIVATE_TEXT[url] in response.get_data(as_text=True)) == (role in allowed)


def log_in(client, user: User) -> None:  # noqa: ANN001
    assert submit(client, "/login", {"email": user.email, "password": TEST_PASSWORD}).status_code == 302


MANAGED = {
    "member": set(),
    "lab_manager_other": {"Xưởng thực nghiệm"},
    "lab_manager_all": {"Xưởng thực nghiệm", "Lab 4.0"},
    "lab_manager_this": {"Lab 4.0"},
    "admin": {"Xưởng thực nghiệm", "Lab 4.0"},
    "pending": set(),
    "outsider": set(),
}


@pytest.mark.parametrize("role", ROLES)
def test_my_labs_and_their_waiting_requests_are_those_the_role_manages(client, db, role):
    world = org_world(db)
    log_in(client, user_in_role(db, world, "university", role))
    labs = client.get("/labs/mine").get_data(as_text=True)
    assert {name for name in ("Xưởng thực nghiệm", "Lab 4.0") if f">{name}<" in labs} == MANAGED[role]
    home = client.get("/").get_data(as_text=True)
    assert (f"/labs/bookings/{world['ids']['booking']}" in home) == ("Lab 4.0" in MANAGED[role])
    new_lab = client.get("/labs/new").get_data(as_text=True)  # admins and lab managers list new labs
    assert ('data-testid="not-lab-manager"' in new_lab) == (role == "member")


@pytest.mark.parametrize("role", ["member", "lab_manager_this", "admin", "pending"])
def test_any_active_member_publishes_a_capability_and_lists_what_they_may_edit(client, db, role):
    world = org_world(db)
    log_in(client, user_in_role(db, world, "university", role))
    data = {"title": "Robot hàn tự động", "description": "Hàn MIG bằng robot cộng tác", "keywords": "robot"}
    response = submit(client, "/capabilities/new", data)
    assert response.status_code == (200 if role == "pending" else 302)
    listed = client.get("/capabilities/").get_data(as_text=True)
    assert ("Robot hàn tự động" in listed) == (role != "pending")
    assert ("Phân tích rung động" in listed) == (role == "admin")  # a colleague's, edited by admins


def test_revealed_contacts_are_the_chosen_contacts_and_the_named_owner_never_staff(client, db):
    world = org_world(db)
    school = world["university"]
    chosen = MembershipFactory(organization=school, role=ORG_MEMBER, is_contact=True).user
    quiet = MembershipFactory(organization=school, role=ORG_ADMIN, is_contact=False).user
    staff = MembershipFactory(organization=school, role=ORG_ADMIN, is_contact=True, user__role="staff").user
    asked = MembershipFactory(organization=school, role=ORG_MEMBER, is_contact=True, status=ASKED).user
    partnership = db.session.get(Partnership, world["ids"]["partnership"])
    owner = db.session.get(User, db.session.get(Lab, world["ids"]["lab"]).manager_id)  # the capability's
    assert submit(client, "/login", {"email": quiet.email, "password": TEST_PASSWORD}).status_code == 302
    page = client.get(f"/partnerships/{partnership.id}").get_data(as_text=True)
    contacts = page[page.index('data-testid="contacts-target"') :].split("</ul>")[0]
    assert chosen.email in contacts and owner.email in contacts
    assert quiet.email not in contacts and staff.email not in contacts and asked.email not in contacts


def test_an_introduction_notifies_only_those_who_may_answer_it(db):
    world = org_world(db)
    school = world["university"]
    member = MembershipFactory(organization=school, role=ORG_MEMBER, is_contact=True).user
    lab_manager = MembershipFactory(organization=school, role=LAB_MANAGER).user
    admin = MembershipFactory(organization=school, role=ORG_ADMIN).user
    asked = MembershipFactory(organization=school, role=ORG_ADMIN, status=ASKED).user
    challenge_id = world["ids"]["challenge"]
    fresh = CapabilityFactory(organization=school, owner=member, title="Robot hàn")
    row = Suggestion(kind="challenge-capability", source_type="challenge", source_id=challenge_id,
                     target_type="capability", target_id=fresh.id, score=0.7)  # fmt: skip
    db.session.add(row)
    db.session.commit()
    decisions.decide_suggestion(row.id, "approved", UserFactory(role="staff").id, note="Gặp nhau")
    told = set(
        db.session.scalars(select(Notification.user_id).where(Notification.kind == "introduction.new"))
    )
    keeper = db.session.get(Lab, world["ids"]["lab"]).manager_id  # the university's other admin
    assert {member.id, admin.id, keeper} <= told  # the capability's owner and the admins
    assert lab_manager.id not in told and asked.id not in told


def demo_client(app, email: str):  # noqa: ANN001, ANN201
    """A browser-like client logged in as the demo account `email`, and a CSRF token of its session."""
    app.test_client_class = IsolatedClient
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    assert submit(client, "/login", {"email": email, "password": "demo-password"}).status_code == 302
    return client, csrf_token(client.get("/").get_data(as_text=True))


def demo_lab(db, name: str) -> Lab:  # noqa: ANN001
    return db.session.scalar(select(Lab).where(Lab.name == name))


def test_the_demo_plain_member_and_lab_manager_act_only_within_their_role(app, db):
    seed_demo()
    fablab, lab40 = demo_lab(db, "EIU FabLab"), demo_lab(db, "EIU Lab 4.0")
    eiu = fablab.organization
    partnership = db.session.scalar(
        select(Partnership).where(
            Partnership.target_organization_id == eiu.id,
            Partnership.source_type == "challenge",
            Partnership.status == "active",
        )
    )
    outcome = partnership.outcomes[0]
    outcomes = [(o.kind, o.happened_on) for o in partnership.outcomes]
    secret = next(
        s.row.confidential_details for s in parties_of(partnership).values() if s.kind == "challenge"
    )
    booking = db.session.scalar(select(Booking).where(Booking.lab_id == fablab.id))
    founder4, token = demo_client(app, "founder4@demo.test")
    base = f"/partnerships/{partnership.id}"
    edited = {f"outcome-{outcome.id}-kind": "patent", f"outcome-{outcome.id}-happened_on": "2026-03-02"}
    refused = [
        founder4.get(f"/introductions/{partnership.introduction_id}"),
        founder4.post(
            f"/introductions/{partnership.introduction_id}/answer",
            data={"csrf_token": token, "response": "declined", "reason": "Không phù hợp"},
        ),
        founder4.get(base),
        founder4.post(f"{base}/status", data={"csrf_token": token, "status": "ended"}),
        founder4.post(
            f"{base}/outcomes", data={"csrf_token": token, "kind": "pilot", "happened_on": "2026-03-02"}
        ),
        founder4.post(f"{base}/outcomes/{outcome.id}/edit", data={"csrf_token": token, **edited}),
        founder4.post(f"{base}/outcomes/{outcome.id}/delete", data={"csrf_token": token}),
        founder4.get(f"/labs/bookings/{booking.id}"),
    ]
    assert [r.status_code for r in refused] == [404] * len(refused)
    assert secret and all(secret not in r.get_data(as_text=True) for r in refused)
    assert founder4.get(f"/organizations/{eiu.id}").status_code == 200  # the public profile
    assert founder4.get("/labs/bookings/mine").status_code == 200  # and their own records
    lab_eiu, _ = demo_client(app, "lab.eiu@demo.test")
    assert lab_eiu.get(f"/labs/{lab40.id}/requests").status_code == 200
    assert lab_eiu.get(f"/labs/{fablab.id}/requests").status_code == 403
    assert lab_eiu.get(f"/labs/bookings/{booking.id}").status_code == 404
    assert lab_eiu.get(f"/introductions/{partnership.introduction_id}").status_code == 404
    db.session.expire_all()
    assert db.session.get(Partnership, partnership.id).status == "active"
    assert [(o.kind, o.happened_on) for o in db.session.get(Partnership, partnership.id).outcomes] == outcomes
