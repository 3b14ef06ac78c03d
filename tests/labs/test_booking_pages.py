"""The booking pages: request through the form, answer, cancel, rules and training; who may see what."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlalchemy import func, select

from incubator.audit.models import AuditEvent
from incubator.labs.bookings import request_booking
from incubator.labs.models import Booking, ClosedDate, OpeningHours, Training
from tests.factories import (
    BookingFactory,
    LabFactory,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
    open_every_day,
)
from tests.labs.conftest import slot


def form_for(wanted, **extra) -> dict:
    return {
        "day": wanted.starts_at.date().isoformat(),
        "starts": wanted.starts_at.strftime("%H:%M"),
        "ends": wanted.ends_at.strftime("%H:%M"),
        "people": "2",
        "purpose": "Vỏ hộp cảm biến",
        **extra,
    }


def test_a_founder_requests_a_slot_through_the_form(client, login_as, post_form, db, approval_lab):
    founder = login_as("founder")
    response = post_form(f"/labs/{approval_lab.id}/book", form_for(slot(), equipment="3D printer"))
    booking = db.session.scalar(select(Booking))
    assert response.status_code == 302 and response.headers["Location"].endswith(
        f"/labs/bookings/{booking.id}"
    )
    assert booking.requester_id == founder.id and booking.status == "requested" and booking.people == 2
    page = client.get(f"/labs/bookings/{booking.id}").get_data(as_text=True)
    assert "waiting for approval" in page and "Vỏ hộp cảm biến" in page


def test_a_refused_request_names_the_rule(client, login_as, post_form, db, lab):
    login_as("founder")
    response = post_form(f"/labs/{lab.id}/book", form_for(slot(6, 9)))
    assert response.status_code == 409
    assert "Outside opening hours: the lab is open 08:00–17:00 that day." in response.get_data(as_text=True)
    assert db.session.scalar(select(Booking)) is None


def test_a_free_slot_on_the_calendar_prefills_the_form(client, login_as, lab):
    login_as("founder")
    wanted = slot()
    day = wanted.starts_at.date().isoformat()
    page = client.get(f"/labs/{lab.id}/book?day={day}&starts=09:00&ends=11:00").get_data(as_text=True)
    assert f'value="{day}"' in page and 'value="09:00"' in page and 'value="11:00"' in page


def test_the_lab_page_shows_full_and_free_seats_of_the_week(client, login_as, db, lab):
    wanted = slot(9, 11, people=6)
    request_booking(lab, UserFactory(), wanted)
    request_booking(lab, UserFactory(), slot(13, 14, people=2))
    login_as("founder")
    week = wanted.starts_at.date().isoformat()
    page = client.get(f"/labs/{lab.id}?week={week}").get_data(as_text=True)
    assert "09:00–11:00 · full" in page and "08:00–09:00 · 6 seats free" in page
    assert "11:00–13:00 · 6 seats free" in page and "13:00–14:00 · 4 seats free" in page
    assert ">Monday<" in page and ">Sunday<" in page  # the week names its days
    assert 'data-testid="request-slot"' in page and "webcal://" in page


def test_another_founder_cannot_read_a_booking(client, login_as, db, lab):
    booking = request_booking(lab, UserFactory(), slot())
    login_as("founder")
    assert client.get(f"/labs/bookings/{booking.id}").status_code == 404


def test_the_manager_approves_and_declines_from_the_requests_page(
    client, login_as, post_form, db, approval_lab
):
    first = request_booking(approval_lab, UserFactory(), slot(9, 11))
    second = request_booking(approval_lab, UserFactory(), slot(13, 15))
    client.post("/logout")
    manager = approval_lab.manager
    from tests.conftest import TEST_PASSWORD, submit

    submit(client, "/login", {"email": manager.email, "password": TEST_PASSWORD})
    requests_url = f"/labs/{approval_lab.id}/requests"
    assert post_form(f"/labs/bookings/{first.id}/approve", {}, form_url=requests_url).status_code == 302
    assert "Booking approved: the slot is reserved" in client.get(requests_url).get_data(as_text=True)
    response = post_form(
        f"/labs/bookings/{second.id}/decline", {"reason": "Bảo trì máy"}, form_url=requests_url
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert (first.status, second.status, second.reason) == ("approved", "declined", "Bảo trì máy")
    assert "Booking declined: the requester was" in client.get(requests_url).get_data(as_text=True)


@pytest.fixture
def other_university(login_as, db):
    """A logged-in university user of another organization."""
    user = login_as("university")
    MembershipFactory(user=user, organization=OrganizationFactory(kind="university"))
    return user


@pytest.mark.parametrize("path", ["rules", "requests", "trainings", "utilisation"])
def test_another_university_cannot_manage_a_lab(client, other_university, approval_lab, path):
    assert client.get(f"/labs/{approval_lab.id}/{path}").status_code == 403


def test_another_university_cannot_approve_a_booking(client, other_university, post_form, db, approval_lab):
    booking = request_booking(approval_lab, UserFactory(), slot())
    response = post_form(f"/labs/bookings/{booking.id}/approve", {}, form_url=f"/labs/{approval_lab.id}")
    assert response.status_code in (403, 404)
    db.session.refresh(booking)
    assert booking.status == "requested"


def test_the_university_home_lists_the_requests_waiting_for_its_labs_only(client, login_as, db):
    manager = login_as("university")
    own = OrganizationFactory(kind="university")
    MembershipFactory(user=manager, organization=own)
    requester = UserFactory(full_name="Lê Minh Anh")
    waiting = [
        BookingFactory(lab=LabFactory(organization=own, name="FabLab TDMU"), requester=requester),
        BookingFactory(lab=LabFactory(manager=manager, name="Lab 4.0 EIU"), purpose="Thử cánh tay robot"),
    ]
    BookingFactory(lab=waiting[0].lab, status="approved", purpose="Đã duyệt")
    elsewhere = BookingFactory(lab=LabFactory(name="VGU Testing Lab"), purpose="Mẫu bao bì")
    page = client.get("/").get_data(as_text=True)
    assert "2 booking requests wait for your answer." in page
    listed = page.split('data-testid="waiting-bookings"')[1].split("</ul>")[0]
    assert listed.count('data-testid="waiting-booking"') == 2
    assert "FabLab TDMU" in listed and "Lê Minh Anh" in listed and "Thử cánh tay robot" in listed
    for booking in waiting:
        assert f'action="/labs/bookings/{booking.id}/approve"' in listed
    assert "Đã duyệt" not in page  # answered already
    assert "Mẫu bao bì" not in page and f"/labs/bookings/{elsewhere.id}/" not in page  # another university's


def test_a_requester_cancels_from_the_booking_page(client, login_as, post_form, db, lab):
    founder = login_as("founder")
    booking = request_booking(lab, founder, slot())
    assert post_form(f"/labs/bookings/{booking.id}/cancel", {}).status_code == 302
    db.session.refresh(booking)
    assert booking.status == "cancelled"


@pytest.fixture
def manager(login_as, db):
    user = login_as("university")
    organization = OrganizationFactory(kind="university")
    MembershipFactory(user=user, organization=organization)
    return LabFactory(organization=organization, manager=user, equipment="3D printer\nLaser cutter")


def test_the_manager_sets_opening_hours_closed_dates_and_limits(client, manager, post_form, db):
    data = {
        "opens_0": "08:00",
        "closes_0": "17:00",
        "opens_5": "08:00",
        "closes_5": "12:00",
        "min_slot_minutes": "60",
        "max_slot_minutes": "180",
        "book_ahead_days": "30",
        "training_equipment": "Laser cutter",
        "closed_dates": "2027-02-06 Tết\n2027-02-07",
    }
    assert post_form(f"/labs/{manager.id}/rules", data).status_code == 302
    hours = db.session.scalars(select(OpeningHours).order_by(OpeningHours.weekday)).all()
    assert [(h.weekday, h.opens_at, h.closes_at) for h in hours] == [
        (0, time(8), time(17)),
        (5, time(8), time(12)),
    ]
    assert [(c.day.isoformat(), c.note) for c in db.session.scalars(select(ClosedDate))] == [
        ("2027-02-06", "Tết"),
        ("2027-02-07", ""),
    ]
    db.session.refresh(manager)
    assert (manager.approval_required, manager.min_slot_minutes, manager.max_slot_minutes) == (False, 60, 180)
    assert manager.training_items == ["Laser cutter"]
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "lab.rules_updated"))
    assert (event.actor_id, event.object_type, event.object_id) == (manager.manager_id, "Lab", manager.id)
    assert event.detail == {"weekdays": [0, 5], "closed": 2}


@pytest.mark.parametrize(
    ("hours", "closed"),
    [
        ({0: (8, 17), 2: (9, 12)}, ["2027-02-06 Tết", "2027-02-08 Đóng cửa"]),
        ({0: (9, 18)}, ["2027-02-06 Nghỉ"]),
    ],
)
def test_the_manager_changes_rules_already_set(client, manager, post_form, db, hours, closed):
    """The old hours and closed dates give way to the new ones (on PostgreSQL too: unique per lab)."""
    open_every_day(manager)
    existing = [ClosedDate(lab_id=manager.id, day=date(2027, 2, n), note="Tết") for n in (6, 7)]
    db.session.add_all(existing)
    db.session.commit()
    data = {"min_slot_minutes": "30", "max_slot_minutes": "240", "book_ahead_days": "60",
            "closed_dates": "\n".join(closed)}  # fmt: skip
    for weekday in range(7):  # as a browser posts them: a day without hours is sent empty
        opens, closes = (f"{hour:02}:00" for hour in hours[weekday]) if weekday in hours else ("", "")
        data |= {f"opens_{weekday}": opens, f"closes_{weekday}": closes}
    assert post_form(f"/labs/{manager.id}/rules", data).status_code == 302
    stored = db.session.scalars(select(OpeningHours).order_by(OpeningHours.weekday)).all()
    assert {h.weekday: (h.opens_at.hour, h.closes_at.hour) for h in stored} == hours
    days = db.session.scalars(select(ClosedDate).order_by(ClosedDate.day)).all()
    assert [f"{c.day.isoformat()} {c.note}" for c in days] == closed


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"opens_0": "17:00", "closes_0": "08:00"}, "Give both times, closing after opening."),
        ({"training_equipment": "Lathe"}, "equipment: Lathe"),
        ({"closed_dates": "Tết"}, "Write each closed date as YYYY-MM-DD."),
        ({"min_slot_minutes": "120", "max_slot_minutes": "60"}, "The longest slot cannot be shorter"),
    ],
)
def test_wrong_rules_are_refused_with_a_reason(client, manager, post_form, data, error):
    limits = {"min_slot_minutes": "30", "max_slot_minutes": "240", "book_ahead_days": "60"}
    response = post_form(f"/labs/{manager.id}/rules", {**limits, **data})
    assert response.status_code == 200 and error in response.get_data(as_text=True)


def test_the_manager_marks_a_user_trained(client, manager, post_form, db):
    manager.training_equipment = "Laser cutter"
    db.session.commit()
    founder = BookingFactory(lab=manager, requester__email="an@startup.test").requester
    data = {"email": "AN@startup.test", "equipment": "Laser cutter"}
    assert post_form(f"/labs/{manager.id}/trainings", data).status_code == 302
    training = db.session.scalar(select(Training))
    assert (training.user_id, training.equipment) == (founder.id, "Laser cutter")
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "lab.training_marked"))
    who = (event.actor_id, event.object_type, event.object_id)
    assert who == (manager.manager_id, "Training", training.id)
    assert event.detail == {"user_id": founder.id, "equipment": "Laser cutter"}
    assert post_form(f"/labs/{manager.id}/trainings", data).status_code == 302  # marked once, audited once
    marked = select(func.count()).where(AuditEvent.action == "lab.training_marked")
    assert db.session.scalar(marked) == 1


NEUTRAL = "This address cannot be marked trained here: only people who asked to book this lab"


@pytest.mark.parametrize(
    ("who", "trainable"),
    [
        ("cancelled requester", True),
        ("active member", True),
        ("asked to join", False),
        ("requester of another lab", False),
        ("member elsewhere", False),
        ("no account", False),
    ],
)
def test_only_requesters_and_members_can_be_marked_and_nobody_else_is_revealed(
    client, manager, post_form, db, who, trainable
):
    manager.training_equipment = "Laser cutter"
    db.session.commit()
    person = UserFactory.build(email="binh@example.test", full_name="Trần Thị Bình")
    if who == "cancelled requester":
        BookingFactory(lab=manager, requester__email=person.email, requester__full_name=person.full_name,
                       status="cancelled")  # fmt: skip
    elif who in ("active member", "asked to join"):
        status = "active" if who == "active member" else "pending"
        MembershipFactory(user__email=person.email, user__full_name=person.full_name,
                          organization=manager.organization, role="member", status=status)  # fmt: skip
    elif who == "requester of another lab":
        BookingFactory(requester__email=person.email, requester__full_name=person.full_name)
    elif who == "member elsewhere":
        MembershipFactory(user__email=person.email, user__full_name=person.full_name)
    response = post_form(
        f"/labs/{manager.id}/trainings", {"email": person.email, "equipment": "Laser cutter"},
        follow_redirects=True,
    )  # fmt: skip
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and (NEUTRAL in page) is not trainable
    assert ("Trần Thị Bình" in page) is trainable
    assert (db.session.scalar(select(func.count()).select_from(Training)) == 1) is trainable


def test_the_manager_revokes_a_training_and_it_is_audited(client, manager, post_form, db):
    manager.training_equipment = "Laser cutter"
    training = Training(lab_id=manager.id, user=UserFactory(), equipment="Laser cutter")
    db.session.add(training)
    db.session.commit()
    trained_id, training_id = training.user_id, training.id
    url = f"/labs/{manager.id}/trainings/{training_id}/revoke"
    assert post_form(url, {}, form_url=f"/labs/{manager.id}/trainings").status_code == 302
    assert db.session.scalar(select(Training)) is None
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "lab.training_revoked"))
    who = (event.actor_id, event.object_type, event.object_id)
    assert who == (manager.manager_id, "Training", training_id)
    assert event.detail == {"user_id": trained_id, "equipment": "Laser cutter"}
