"""The state-changing forms of the site: who sends each, from which page, with what, and what it adds.

Each case's setup makes the records its form acts on (its own, so that cases sharing one world never
step on each other) and returns their ids for the URLs, and "user" when another user sends the form.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select, update

from incubator.accounts import tokens
from incubator.api import tokens as api_tokens
from incubator.extensions import db
from incubator.glossary.models import GlossaryCandidate, GlossaryTerm
from incubator.labs.models import Lab, Machine, Training
from incubator.matching.models import MatchingRun, Suggestion
from incubator.mentors.models import MentorMeeting, MentorProfile, Mentorship
from incubator.notifications.models import Notification
from incubator.organizations.models import Membership, Organization
from incubator.partnerships import introductions
from incubator.partnerships import services as partnerships
from incubator.partnerships.models import Partnership
from incubator.review import applications, assignments
from incubator.review.models import Application
from tests.conftest import TEST_PASSWORD
from tests.factories import (
    BookingFactory,
    LabFactory,
    MembershipFactory,
    MentorProfileFactory,
    MentorshipFactory,
    OrganizationFactory,
    ProgramFactory,
    StartupFactory,
    UserFactory,
    open_every_day,
)
from tests.labs.conftest import tomorrow_at
from tests.partnerships.conftest import Pair, make_pair
from tests.review.conftest import ANSWERS, reviewed

SERIAL = itertools.count(1)  # distinct names for the records several cases make

# POST routes deliberately left out, with the reason.
EXCLUDED = {
    "accounts.login": "starts a session; it changes no record, and a second login is harmless",
    "accounts.logout": "ends the session the copies share; logging out twice is the same as once",
    "accounts.set_language": "sets a preference to the value sent: ten times is the same as once",
    "accounts.end_other_sessions": "ends other sessions, including the copies' own: idempotent by nature",
    "api_own.create_challenge": "the JSON API (a bearer token, no session form): tested in tests/api",
    "api_own.create_capability": "the JSON API (a bearer token, no session form): tested in tests/api",
    "api_own.answer_introduction": "the JSON API (a bearer token, no session form): tested in tests/api",
    "api_own.add_outcome": "the JSON API (a bearer token, no session form): tested in tests/api",
}


@dataclass
class Case:
    """One form: who sends it, the page showing it, where it posts, and what to type in it."""

    endpoint: str
    role: str
    page: str
    action: str | None = None  # the page itself when None
    data: dict = field(default_factory=dict)
    setup: Callable[[dict], dict] | None = None  # more records; returns ids for the URLs


TOMORROW = (date.today() + timedelta(days=1)).isoformat()
NEXT_WEEK = (date.today() + timedelta(days=7)).isoformat()
NEXT_WEEK_AT_NINE = f"{NEXT_WEEK}T09:00"


def application(world: dict, submit: bool) -> dict:
    """An application of a startup of its own (a reviewer's conflict with one never spreads)."""
    startup = StartupFactory(owner=world["users"]["founder"])
    made = applications.start_application(
        startup.owner, ProgramFactory(), startup, {**ANSWERS, "submit": submit}
    )
    return {"application_id": made.id}


def draft(world: dict) -> dict:
    return application(world, submit=False)


def sent_application(world: dict) -> dict:
    return application(world, submit=True)


def reviewed_application(world: dict) -> dict:
    ids = sent_application(world)
    application = db.session.get(Application, ids["application_id"])
    reviewed(application, [world["users"]["staff"], world["users"]["admin"]], [(4, 4), (5, 4)])
    return ids


def reviewing(world: dict) -> dict:
    ids = sent_application(world)
    application = db.session.get(Application, ids["application_id"])
    assignments.assign_reviewers(application, [world["users"]["staff"]], world["users"]["admin"].id)
    return ids


def program(world: dict) -> dict:
    return {"program_id": ProgramFactory().id}


def fresh_lab() -> Lab:
    """A lab of its own organization and manager, open every day (a case's own)."""
    return open_every_day(LabFactory(approval_required=True, equipment="CNC\nLaser cutter"))


def booking(world: dict) -> dict:
    lab = fresh_lab()
    made = BookingFactory(
        lab=lab, requester=world["users"]["founder"], starts_at=tomorrow_at(9), ends_at=tomorrow_at(11)
    )
    return {"booking_id": made.id, "user": lab.manager}


def requested_booking(world: dict) -> dict:
    return {**booking(world), "user": world["users"]["founder"]}


def open_lab(world: dict) -> dict:
    return {"lab_id": fresh_lab().id}


def trained_equipment(world: dict) -> dict:
    lab = fresh_lab()
    lab.training_equipment = "CNC"
    db.session.commit()
    member = MembershipFactory(organization=lab.organization, role="member").user
    return {"lab_id": lab.id, "email": member.email, "user": lab.manager}


def organization_admin(world: dict) -> dict:
    """An organization of its own and its admin (API tokens are an admin's)."""
    member = MembershipFactory(role="admin", organization__kind="enterprise")
    return {"organization_id": member.organization_id, "user": member.user}


def api_token(world: dict) -> dict:
    ids = organization_admin(world)
    organization = db.session.get(Organization, ids["organization_id"])
    expires = datetime.now(UTC).replace(tzinfo=None) + timedelta(days=30)
    made, _secret = api_tokens.create_token(organization, ids["user"], "ERP", "read", expires)
    return {**ids, "token_id": made.id}


def managed_lab(world: dict) -> dict:
    lab = fresh_lab()
    return {"lab_id": lab.id, "user": lab.manager}


def machine(world: dict) -> dict:
    lab = fresh_lab()
    made = Machine(lab_id=lab.id, name="Máy cắt laser")
    db.session.add(made)
    db.session.commit()
    return {"lab_id": lab.id, "machine_id": made.id, "user": lab.manager}


def training(world: dict) -> dict:
    ids = trained_equipment(world)
    made = Training(lab_id=ids["lab_id"], user_id=world["users"]["founder"].id, equipment="CNC")
    db.session.add(made)
    db.session.commit()
    return {**ids, "training_id": made.id}


def mentorship(status: str) -> Callable[[dict], dict]:
    def make(world: dict) -> dict:
        mentor = MentorProfileFactory().user  # a mentor of its own: capacity never shared between cases
        made = MentorshipFactory(mentor=mentor, status=status)
        return {"mentorship_id": made.id, "user": mentor}

    return make


def meeting(world: dict) -> dict:
    """An active mentorship whose mentor proposed a meeting: the founder answers it."""
    ids = mentorship("active")(world)
    made = db.session.get(Mentorship, ids["mentorship_id"])
    proposed = MentorMeeting(
        mentorship_id=made.id,
        proposed_by_id=made.mentor_id,
        starts_at=datetime.now(UTC).replace(tzinfo=None) + timedelta(days=3),
        duration_minutes=60,
        place="FabLab TDMU",
    )
    db.session.add(proposed)
    db.session.commit()
    return {**ids, "meeting_id": proposed.id, "user": made.founder}


def agreed_meeting(world: dict) -> dict:
    """A meeting the mentor proposed and the founder accepted: the founder cancels it."""
    ids = meeting(world)
    agreed = db.session.get(MentorMeeting, ids["meeting_id"])
    agreed.status = "accepted"
    db.session.commit()
    return ids


def mentor_profile(world: dict) -> dict:
    profile = db.session.scalar(select(MentorProfile))
    return {"profile_id": profile.id}


def notification(world: dict) -> dict:
    made = Notification(user_id=world["users"]["founder"].id, kind="test", message="Xin chào")
    db.session.add(made)
    db.session.commit()
    return {"notification_id": made.id}


def term(world: dict) -> dict:
    made = GlossaryTerm(english="stamping press", vietnamese="máy dập")
    db.session.add(made)
    db.session.commit()
    return {"term_id": made.id}


def candidate(world: dict) -> dict:
    made = GlossaryCandidate(
        english=f"vibration {next(SERIAL)}",
        vietnamese="rung động",
        source_kind="startup",
        source_id=world["ids"]["startup_id"],
    )
    db.session.add(made)
    db.session.commit()
    return {"candidate_id": made.id}


def no_active_run(world: dict) -> dict:
    """End any run another case left active (one active run at a time)."""
    active = MatchingRun.status.in_(("queued", "running"))
    db.session.execute(update(MatchingRun).where(active).values(status="failed"))
    db.session.commit()
    return {}


def failed_run(world: dict) -> dict:
    no_active_run(world)
    made = MatchingRun(status="failed")
    db.session.add(made)
    db.session.commit()
    return {"run_id": made.id}


def suggestion(world: dict) -> dict:
    made = Suggestion(run_id=world["ids"]["run_id"], kind="startup-lab", source_type="startup",
                      source_id=StartupFactory().id, target_type="lab", target_id=LabFactory().id,
                      score=0.5, terms=["cnc"])  # fmt: skip
    db.session.add(made)
    db.session.commit()
    return {"suggestion_id": made.id}


def approved_pair() -> Pair:
    pair = make_pair(db, score=next(SERIAL) / 1000)
    pair.suggestion.status = "approved"
    db.session.commit()
    return pair


def introduction(world: dict) -> dict:
    pair = approved_pair()
    made = introductions.create_introduction(pair.suggestion.id, world["users"]["staff"].id)
    return {"introduction_id": made.id, "user": pair.enterprise}


def partnership(world: dict) -> dict:
    pair = approved_pair()
    made = introductions.create_introduction(pair.suggestion.id, world["users"]["staff"].id)
    for side in (pair.enterprise, pair.university):
        introductions.answer(made, side, "accepted")
    found = partnerships.of_introduction(made.id)
    return {"partnership_id": found.id, "user": pair.enterprise}


def outcome(world: dict) -> dict:
    ids = partnership(world)
    found = db.session.get(Partnership, ids["partnership_id"])
    made = partnerships.add_outcome(found, ids["user"], "pilot", date.today(), "Thử")
    return {**ids, "outcome_id": made.id}


def joiner(world: dict) -> dict:
    organization = MembershipFactory(user=UserFactory(role="university")).organization  # one admin
    return {"organization_id": organization.id, "user": UserFactory(role="university")}


def pending_member(world: dict) -> dict:
    admin = MembershipFactory(user=UserFactory(role="university"))
    organization = admin.organization
    made = MembershipFactory(
        organization=organization,
        user=UserFactory(role="university"),
        role="member",
        status="pending",
        is_contact=False,
    )
    return {
        "organization_id": organization.id,
        "membership_id": made.id,
        "user": admin.user,
    }


def active_member(world: dict) -> dict:
    ids = pending_member(world)
    db.session.execute(
        update(Membership).where(Membership.id == ids["membership_id"]).values(status="active")
    )
    db.session.commit()
    return ids


def enterprise_organization(world: dict) -> dict:
    """The world's enterprise's organization (it is its admin)."""
    found = select(Membership.organization_id).where(Membership.user_id == world["users"]["enterprise"].id)
    return {"organization_id": db.session.scalar(found)}


def unverified_organization(world: dict) -> dict:
    made = OrganizationFactory(kind="enterprise", status="pending")
    return {"organization_id": made.id}


def other_user(world: dict) -> dict:
    return {"user_id": UserFactory().id}


def own_user(world: dict) -> dict:
    """A founder of this case's own (the case changes the password or ends the sessions)."""
    return {"user": UserFactory()}


def unverified_user(world: dict) -> dict:
    return {"user": UserFactory(email_verified_at=None)}


def reset_link(world: dict) -> dict:
    founder = UserFactory()
    return {"token": tokens.make(tokens.RESET_PASSWORD, founder.id, founder.password_hash), "user": None}


def anonymous(world: dict) -> dict:
    return {"user": None}


ORGANIZATION = {
    "name": "Công ty Mới",
    "registration_code": "0312345678",
    "address": "Thủ Dầu Một",
    "city": "Thủ Dầu Một",
    "description": "Cơ khí chính xác",
}
PASSWORD = {"password": "another-long-password", "confirm": "another-long-password"}
CASES: list[Case] = [
    Case("startups.new", "founder", "/startups/new",
         data={"name": "Cảm biến Bình Dương", "description": "IoT sensors", "sector": "manufacturing",
               "team_size": "3"}),
    Case("startups.edit", "founder", "/startups/{startup_id}/edit", data={"name": "Tên mới"}),
    Case("admin.users", "admin", "/admin/users",
         data={"full_name": "Phạm Quốc Bảo", "email": "bao@becamex.test", "role": "mentor",
               "password": "initial-password"}),
    Case("admin.user", "admin", "/admin/users/{user_id}", data={"role": "mentor"}, setup=other_user),
    Case("glossary.index", "staff", "/admin/glossary/", data={"english": "die casting", "vietnamese": "đúc"}),
    Case("glossary.delete", "staff", "/admin/glossary/", "/admin/glossary/{term_id}/delete", setup=term),
    Case("glossary.accept", "staff", "/admin/glossary/", "/admin/glossary/suggested/{candidate_id}/accept",
         setup=candidate),
    Case("glossary.reject", "staff", "/admin/glossary/", "/admin/glossary/suggested/{candidate_id}/reject",
         setup=candidate),
    Case("applications.new", "founder", "/applications/new/{program_id}",
         data={"pitch": "Cảm biến", "answers-0": "a", "answers-1": "b", "submit": "1"}, setup=program),
    Case("applications.detail", "founder", "/applications/{application_id}", data={"submit": "1"},
         setup=draft),
    Case("applications.withdraw", "founder", "/applications/{application_id}",
         "/applications/{application_id}/withdraw", setup=sent_application),
    Case("programs.new", "staff", "/programs/new",
         data={"name": "Ươm tạo 2031", "description": "Chương trình", "description_en": "Program",
               "opens_on": TOMORROW, "closes_on": "2031-01-31", "seats": "5", "required_reviews": "2",
               "question_lines": "What?", "rubric_lines": "Team | 1 | weak; ok; good; strong; best"}),
    Case("programs.edit", "staff", "/programs/{program_id}/edit", data={"seats": "7"}, setup=program),
    Case("review.assign", "staff", "/review/applications/{application_id}",
         "/review/applications/{application_id}/assign", data={"reviewers": "{staff_id}"},
         setup=sent_application),
    Case("review.decide", "staff", "/review/applications/{application_id}",
         "/review/applications/{application_id}/decide", data={"outcome": "rejected", "message": "Tiếc"},
         setup=reviewed_application),
    Case("review.score", "staff", "/review/applications/{application_id}/score",
         data={"comment": "Ổn", "recommendation": "accept", "submit": "1"}, setup=reviewing),
    Case("review.conflict", "staff", "/review/applications/{application_id}/score",
         "/review/applications/{application_id}/conflict", data={"reason": "Người quen"}, setup=reviewing),
    Case("capabilities.new", "university", "/capabilities/new",
         data={"title": "Thị giác máy", "description": "Vision", "keywords": "vision"}),
    Case("capabilities.edit", "university", "/capabilities/{capability_id}/edit", data={"title": "Mới"}),
    Case("challenges.new", "enterprise", "/challenges/new",
         data={"title": "Bảo trì", "description": "Dự đoán", "sector": "manufacturing"}),
    Case("challenges.edit", "enterprise", "/challenges/{challenge_id}/edit", data={"title": "Mới"}),
    Case("labs.new", "university", "/labs/new",
         data={"name": "Xưởng mới", "description": "CNC", "capacity": "4"}),
    Case("labs.edit", "university", "/labs/{lab_id}/edit", data={"name": "Tên mới"}),
    Case("lab_admin.rules", "university", "/labs/{lab_id}/rules", data={"max_slot_minutes": "180"}),
    Case("lab_admin.trainings", "university", "/labs/{lab_id}/trainings", setup=trained_equipment,
         data={"email": "{email}", "equipment": "CNC"}),
    Case("lab_admin.revoke_training", "university", "/labs/{lab_id}/trainings",
         "/labs/{lab_id}/trainings/{training_id}/revoke", setup=training),
    Case("api_tokens.token_list", "enterprise", "/organizations/{organization_id}/api-tokens",
         data={"name": "ERP", "scope": "read", "expires_on": NEXT_WEEK}, setup=organization_admin),
    Case("api_tokens.revoke", "enterprise", "/organizations/{organization_id}/api-tokens",
         "/organizations/{organization_id}/api-tokens/{token_id}/revoke", setup=api_token),
    Case("lab_admin.machines", "university", "/labs/{lab_id}/machines", data={"name": "Máy in 3D FDM"},
         setup=managed_lab),
    Case("lab_admin.edit_machine", "university", "/labs/{lab_id}/machines/{machine_id}",
         data={"description": "Khổ 1300 × 900 mm"}, setup=machine),
    Case("lab_admin.regenerate_feed", "university", "/labs/{lab_id}", "/labs/{lab_id}/feed"),
    Case("bookings.book", "founder", "/labs/{lab_id}/book",
         data={"day": (date.today() + timedelta(days=1)).isoformat(), "starts": "09:00", "ends": "11:00",
               "people": "1", "purpose": "Thử nghiệm"}, setup=open_lab),
    Case("bookings.approve", "university", "/labs/bookings/{booking_id}",
         "/labs/bookings/{booking_id}/approve", setup=booking),
    Case("bookings.decline", "university", "/labs/bookings/{booking_id}",
         "/labs/bookings/{booking_id}/decline", data={"reason": "Bận"}, setup=booking),
    Case("bookings.cancel", "founder", "/labs/bookings/{booking_id}", "/labs/bookings/{booking_id}/cancel",
         setup=requested_booking),
    Case("bookings.regenerate_my_feed", "founder", "/labs/bookings/mine", "/labs/bookings/feed"),
    Case("matching.start", "staff", "/matching/", "/matching/runs", setup=no_active_run),
    Case("matching.retry", "staff", "/matching/runs/{run_id}", "/matching/runs/{run_id}/retry",
         setup=failed_run),
    Case("matching.decide", "staff", "/matching/suggestions/{suggestion_id}",
         "/matching/suggestions/{suggestion_id}/decision", data={"decision": "approved"}, setup=suggestion),
    Case("matching.decide_bulk", "staff", "/matching/suggestions", "/matching/suggestions/bulk",
         data={"decision": "approved", "ids": "{suggestion_id}"}, setup=suggestion),
    Case("mentors.profile", "mentor", "/mentors/profile", data={"headline": "Kỹ sư IoT"}),
    Case("mentors.request_mentor", "founder", "/mentors/{profile_id}/request",
         data={"message": "Giúp chúng tôi"}, setup=mentor_profile),
    Case("mentors.accept", "mentor", "/mentors/mentorships/{mentorship_id}",
         "/mentors/mentorships/{mentorship_id}/accept", setup=mentorship("requested")),
    Case("mentors.decline", "mentor", "/mentors/mentorships/{mentorship_id}",
         "/mentors/mentorships/{mentorship_id}/decline", data={"reason": "Bận"},
         setup=mentorship("requested")),
    Case("mentors.end", "mentor", "/mentors/mentorships/{mentorship_id}",
         "/mentors/mentorships/{mentorship_id}/end", setup=mentorship("active")),
    Case("mentors.log_session", "mentor", "/mentors/mentorships/{mentorship_id}",
         "/mentors/mentorships/{mentorship_id}/sessions",
         data={"held_on": date.today().isoformat(), "duration_minutes": "60", "notes": "Tốt"},
         setup=mentorship("active")),
    Case("mentors.contact", "mentor", "/mentors/contact", data={"phone": "0912 345 678"}),
    Case("mentors.propose_meeting", "mentor", "/mentors/mentorships/{mentorship_id}",
         "/mentors/mentorships/{mentorship_id}/meetings",
         data={"starts_local": NEXT_WEEK_AT_NINE, "minutes": "60", "place": "Becamex Tower"},
         setup=mentorship("active")),
    Case("mentors.accept_meeting", "founder", "/mentors/mentorships/{mentorship_id}",
         "/mentors/meetings/{meeting_id}/accept", setup=meeting),
    Case("mentors.decline_meeting", "founder", "/mentors/mentorships/{mentorship_id}",
         "/mentors/meetings/{meeting_id}/decline", setup=meeting),
    Case("mentors.cancel_meeting", "founder", "/mentors/mentorships/{mentorship_id}",
         "/mentors/meetings/{meeting_id}/cancel", data={"message": "Xin lỗi"}, setup=agreed_meeting),
    Case("notifications.mark_read", "founder", "/notifications/", "/notifications/{notification_id}/read",
         setup=notification),
    Case("notifications.mark_all_read", "founder", "/notifications/", "/notifications/read",
         setup=notification),
    Case("partnerships.answer", "enterprise", "/introductions/{introduction_id}",
         "/introductions/{introduction_id}/answer", data={"response": "accepted"}, setup=introduction),
    Case("partnerships.change_status", "enterprise", "/partnerships/{partnership_id}",
         "/partnerships/{partnership_id}/status", data={"status": "active"}, setup=partnership),
    Case("partnerships.add_outcome", "enterprise", "/partnerships/{partnership_id}",
         "/partnerships/{partnership_id}/outcomes",
         data={"kind": "pilot", "happened_on": date.today().isoformat(), "note": "Thử"}, setup=partnership),
    Case("partnerships.edit_outcome", "enterprise", "/partnerships/{partnership_id}",
         "/partnerships/{partnership_id}/outcomes/{outcome_id}/edit", data={"note": "Sửa"}, setup=outcome),
    Case("partnerships.delete_outcome", "enterprise", "/partnerships/{partnership_id}",
         "/partnerships/{partnership_id}/outcomes/{outcome_id}/delete", setup=outcome),
    Case("organizations.new", "enterprise", "/organizations/new", data=ORGANIZATION,
         setup=lambda world: {"user": UserFactory(role="enterprise")}),
    Case("organizations.edit", "enterprise", "/organizations/{organization_id}/edit",
         data={**ORGANIZATION, "name": "Công ty Đổi Tên"}, setup=enterprise_organization),
    Case("organizations.join", "university", "/organizations/start", "/organizations/{organization_id}/join",
         data={"title": "Giảng viên"}, setup=joiner),
    Case("organizations.member_action", "university", "/organizations/{organization_id}/members",
         "/organizations/{organization_id}/members/{membership_id}", data={"action": "approve"},
         setup=pending_member),
    Case("organizations.member_role", "university", "/organizations/{organization_id}/members",
         "/organizations/{organization_id}/members/{membership_id}/role", data={"role": "admin"},
         setup=active_member),
    Case("organizations.verify", "staff", "/organizations/verification",
         "/organizations/{organization_id}/verification", data={"decision": "verified"},
         setup=unverified_organization),
    Case("organizations.user_memberships", "admin", "/organizations/users/{user_id}", setup=other_user),
    Case("accounts.profile", "founder", "/profile", data={"full_name": "Tên mới"}),
    Case("accounts.change_password", "founder", "/profile", "/password",
         data={"current": TEST_PASSWORD, **PASSWORD}, setup=own_user),
    Case("accounts.register", "founder", "/register",
         data={"full_name": "Người mới", "email": "moi@example.test", **PASSWORD}, setup=anonymous),
    Case("recovery.forgot_password", "founder", "/password/forgot", data={"email": "{email}"},
         setup=anonymous),
    Case("recovery.reset_password", "founder", "/password/reset/{token}", data=PASSWORD, setup=reset_link),
    Case("recovery.resend_verification", "founder", "/profile", "/verify/resend", setup=unverified_user),
]  # fmt: skip


# What one sending adds to each table (the other tables: nothing), counted once on this site.
EFFECTS: dict[str, dict[str, int]] = {
    "startups.new": {
        "outbox_messages": 1,
        "pending_matches": 1,
        "search_entries": 1,
        "audit_events": 1,
        "startups": 1,
    },
    "startups.edit": {"outbox_messages": 1, "pending_matches": 1, "audit_events": 1},
    "admin.users": {"users": 1, "audit_events": 1},
    "admin.user": {"audit_events": 1},
    "glossary.index": {"audit_events": 1, "glossary_terms": 1},
    "glossary.delete": {"audit_events": 1, "glossary_terms": -1},
    "glossary.accept": {"audit_events": 2, "glossary_terms": 1},
    "glossary.reject": {"audit_events": 1},
    "applications.new": {"outbox_messages": 1, "audit_events": 2, "notifications": 1, "applications": 1},
    "applications.detail": {"outbox_messages": 1, "audit_events": 1, "notifications": 1},
    "applications.withdraw": {"audit_events": 1},
    "programs.new": {"audit_events": 1, "programs": 1},
    "programs.edit": {"audit_events": 1},
    "review.assign": {"outbox_messages": 1, "audit_events": 2, "notifications": 1, "reviewer_assignments": 1},
    "review.decide": {"outbox_messages": 1, "audit_events": 1, "notifications": 1},
    "review.score": {"audit_events": 1, "application_reviews": 1},
    "review.conflict": {"audit_events": 1, "review_conflicts": 1, "reviewer_assignments": -1},
    "capabilities.new": {
        "outbox_messages": 1,
        "pending_matches": 1,
        "search_entries": 1,
        "audit_events": 1,
        "capabilities": 1,
    },
    "capabilities.edit": {
        "outbox_messages": 1,
        "pending_matches": 1,
        "audit_events": 1,
    },
    "challenges.new": {
        "outbox_messages": 1,
        "pending_matches": 1,
        "search_entries": 1,
        "audit_events": 1,
        "challenges": 1,
    },
    "challenges.edit": {"outbox_messages": 1, "pending_matches": 1, "audit_events": 1},
    "labs.new": {
        "outbox_messages": 1,
        "pending_matches": 1,
        "search_entries": 2,
        "audit_events": 1,
        "labs": 1,
    },
    "labs.edit": {"outbox_messages": 1, "pending_matches": 1, "audit_events": 1},
    "lab_admin.rules": {"audit_events": 1},
    "lab_admin.trainings": {"audit_events": 1, "lab_trainings": 1},
    "lab_admin.revoke_training": {"audit_events": 1, "lab_trainings": -1},
    "lab_admin.regenerate_feed": {"audit_events": 1},
    "api_tokens.token_list": {"audit_events": 1, "api_tokens": 1},
    "api_tokens.revoke": {"audit_events": 1},
    "lab_admin.machines": {"audit_events": 1, "lab_machines": 1},
    "lab_admin.edit_machine": {"audit_events": 1},
    "bookings.book": {"outbox_messages": 1, "audit_events": 1, "notifications": 1, "bookings": 1},
    "bookings.approve": {"outbox_messages": 1, "audit_events": 1, "notifications": 1},
    "bookings.decline": {"outbox_messages": 1, "audit_events": 1, "notifications": 1},
    "bookings.cancel": {"audit_events": 1},
    "bookings.regenerate_my_feed": {"audit_events": 1},
    "matching.start": {"outbox_messages": 1, "audit_events": 1, "matching_runs": 1},
    "matching.retry": {"outbox_messages": 1, "audit_events": 1},
    "matching.decide": {"outbox_messages": 2, "audit_events": 2, "notifications": 2, "introductions": 1},
    "matching.decide_bulk": {"outbox_messages": 2, "audit_events": 2, "notifications": 2, "introductions": 1},
    "mentors.profile": {"outbox_messages": 1, "pending_matches": 1, "audit_events": 1},
    "mentors.request_mentor": {"outbox_messages": 1, "audit_events": 1, "notifications": 1, "mentorships": 1},
    "mentors.accept": {"outbox_messages": 1, "audit_events": 1, "notifications": 1},
    "mentors.decline": {"outbox_messages": 1, "audit_events": 1, "notifications": 1},
    "mentors.end": {"outbox_messages": 1, "audit_events": 1, "notifications": 1},
    "mentors.log_session": {
        "outbox_messages": 1,
        "audit_events": 1,
        "notifications": 1,
        "mentor_sessions": 1,
    },
    "mentors.contact": {"audit_events": 1, "contact_cards": 1},
    "mentors.propose_meeting": {
        "outbox_messages": 1,
        "audit_events": 1,
        "notifications": 1,
        "mentor_meetings": 1,
    },
    "mentors.accept_meeting": {"outbox_messages": 2, "audit_events": 1, "notifications": 2},
    "mentors.decline_meeting": {"outbox_messages": 1, "audit_events": 1, "notifications": 1},
    "mentors.cancel_meeting": {"outbox_messages": 2, "audit_events": 1, "notifications": 2},
    "notifications.mark_read": {},
    "notifications.mark_all_read": {},
    "partnerships.answer": {"audit_events": 1},
    "partnerships.change_status": {"audit_events": 1},
    "partnerships.add_outcome": {"audit_events": 1, "partnership_outcomes": 1},
    "partnerships.edit_outcome": {"audit_events": 1},
    "partnerships.delete_outcome": {"audit_events": 1, "partnership_outcomes": -1},
    "organizations.new": {
        "outbox_messages": 1,
        "audit_events": 1,
        "notifications": 1,
        "organizations": 1,
        "memberships": 1,
    },
    "organizations.edit": {"audit_events": 1},
    "organizations.join": {"outbox_messages": 1, "audit_events": 1, "notifications": 1, "memberships": 1},
    "organizations.member_action": {"outbox_messages": 1, "audit_events": 1, "notifications": 1},
    "organizations.member_role": {"audit_events": 1},
    "organizations.verify": {"audit_events": 1},
    "organizations.user_memberships": {"audit_events": 1, "memberships": 1},
    "accounts.profile": {},
    "accounts.change_password": {"audit_events": 1},
    "accounts.register": {"outbox_messages": 1, "users": 1, "audit_events": 1},
    "recovery.forgot_password": {"outbox_messages": 1},
    "recovery.reset_password": {"audit_events": 1},
    "recovery.resend_verification": {"outbox_messages": 1},
}
