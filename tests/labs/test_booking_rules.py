"""Every booking rule is checked in one service, and each refusal names the rule it broke."""

from __future__ import annotations

from datetime import time

import pytest
from flask_babel import force_locale
from sqlalchemy import func, select

from incubator.audit.models import AuditEvent
from incubator.labs.bookings import request_booking
from incubator.labs.models import Booking, ClosedDate, Training
from incubator.labs.rules import BookingRefused
from incubator.notifications.models import Notification
from tests.factories import LabFactory, MembershipFactory, OpeningHoursFactory, UserFactory, open_every_day
from tests.labs.conftest import slot


def refusal(lab, user, wanted) -> str:
    with pytest.raises(BookingRefused) as caught:
        request_booking(lab, user, wanted)
    with force_locale("en"):
        return caught.value.translated()


def bookings(db) -> int:
    return db.session.scalar(select(func.count()).select_from(Booking))


def test_a_lab_without_approval_confirms_the_booking_and_tells_the_requester(db, lab):
    founder = UserFactory(role="founder", language="vi")
    booking = request_booking(lab, founder, slot())
    assert booking.status == "approved" and booking.decided_at is not None
    assert db.session.scalar(select(AuditEvent.action)) == "booking.confirmed"
    note = db.session.scalar(select(Notification).where(Notification.user_id == founder.id))
    assert "EIU FabLab" in note.message and "đã được xác nhận" in note.message
    assert note.link == f"/labs/bookings/{booking.id}"


def test_a_lab_with_approval_keeps_the_request_waiting_and_tells_its_manager(db, approval_lab):
    founder = UserFactory(role="founder", full_name="Trần Thị Bích")
    booking = request_booking(approval_lab, founder, slot())
    assert booking.status == "requested"
    note = db.session.scalar(select(Notification))
    assert note.user_id == approval_lab.manager_id and "Trần Thị Bích" in note.message


@pytest.mark.parametrize("role", ["founder", "enterprise", "mentor", "university"])
def test_founders_enterprises_mentors_and_other_universities_may_book(db, lab, role):
    assert request_booking(lab, UserFactory(role=role), slot()).status == "approved"


@pytest.mark.parametrize("role", ["staff", "government", "admin"])
def test_other_roles_cannot_book(db, lab, role):
    assert refusal(lab, UserFactory(role=role), slot()) == "Your role cannot book labs."


def test_a_university_does_not_book_its_own_lab_through_requests(db, lab):
    colleague = MembershipFactory(organization=lab.organization, user=UserFactory(role="university")).user
    assert "Your own organization" in refusal(lab, colleague, slot())


def test_a_lab_closed_for_booking_refuses(db):
    closed = open_every_day(LabFactory(bookable=False))
    assert refusal(closed, UserFactory(), slot()) == "This lab does not accept booking requests."


# The slots are built in the test, not at collection: a run that crosses local midnight would shift them.
@pytest.mark.parametrize(
    ("wanted", "message"),
    [
        ({"start": 7, "end": 9}, "Outside opening hours: the lab is open 08:00–17:00 that day."),
        ({"start": 16, "end": 18}, "Outside opening hours: the lab is open 08:00–17:00 that day."),
        ({"start": 11, "end": 9}, "The slot must end after it starts."),
        ({"days": -1}, "The slot has already started: choose a time in the future."),
        ({"days": 61}, "Too late: this lab takes bookings at most 60 days ahead."),
        ({"start": 9, "end": 15}, "Too long: a slot lasts at most 240 minutes."),
        ({"people": 7}, "Over capacity: the lab holds at most 6 people at a time."),
        ({"equipment": ("Lathe",)}, "The lab has no equipment named Lathe."),
    ],
)
def test_each_broken_rule_is_named(db, lab, wanted, message):
    assert refusal(lab, UserFactory(), slot(**wanted)) == message
    assert bookings(db) == 0


def test_a_slot_shorter_than_the_minimum_is_too_short(db, lab):
    lab.min_slot_minutes = 60
    db.session.commit()
    wanted = slot(9, 9)
    short = type(wanted)(wanted.starts_at, wanted.starts_at.replace(minute=30), purpose="x")
    assert refusal(lab, UserFactory(), short) == "Too short: a slot lasts at least 60 minutes."


def test_a_closed_date_refuses_the_whole_day(db, lab):
    wanted = slot()
    db.session.add(ClosedDate(lab_id=lab.id, day=wanted.starts_at.date(), note="Tết"))
    db.session.commit()
    day = wanted.starts_at.date()
    expected = f"Outside opening hours: the lab is closed on {day:%b} {day.day}, {day.year}."
    assert refusal(lab, UserFactory(), wanted) == expected  # the reader's date format, as every date


def test_a_weekday_without_opening_hours_is_closed(db):
    wanted = slot()
    weekday = wanted.starts_at.weekday()
    lab = LabFactory(approval_required=False)
    OpeningHoursFactory(lab=lab, weekday=(weekday + 1) % 7, opens_at=time(8), closes_at=time(17))
    assert "the lab is closed on" in refusal(lab, UserFactory(), wanted)


def test_equipment_needing_training_is_refused_until_a_manager_marks_the_user_trained(db, lab):
    lab.training_equipment = "Laser cutter"
    db.session.commit()
    founder = UserFactory()
    wanted = slot(equipment=("3D printer", "Laser cutter"))
    assert refusal(lab, founder, wanted) == (
        "Needs training on Laser cutter: ask the lab's manager to mark you trained."
    )
    db.session.add(Training(lab_id=lab.id, user_id=founder.id, equipment="Laser cutter"))
    db.session.commit()
    assert request_booking(lab, founder, wanted).equipment == "3D printer\nLaser cutter"


def test_a_slot_overlapping_a_full_lab_is_refused(db, lab):
    request_booking(lab, UserFactory(), slot(9, 11, people=6))
    full = "Not enough free seats: only 0 of 6 are free at some moment of that slot."
    assert refusal(lab, UserFactory(), slot(10, 12)) == full
    assert request_booking(lab, UserFactory(), slot(11, 13)).status == "approved"
    assert bookings(db) == 2


def test_refusals_are_translated_into_vietnamese(app, db, lab):
    with pytest.raises(BookingRefused) as caught:
        request_booking(lab, UserFactory(), slot(9, 15))
    with force_locale("vi"):
        assert caught.value.translated() != "Too long: a slot lasts at most 240 minutes."
        assert "240" in caught.value.translated()
