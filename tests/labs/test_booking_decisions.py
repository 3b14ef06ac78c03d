"""Managers approve or decline waiting requests with a reason; requesters cancel before the start."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from incubator.audit.models import AuditEvent
from incubator.database import utcnow
from incubator.labs.bookings import approve_booking, cancel_booking, decline_booking, request_booking
from incubator.labs.rules import BookingRefused
from incubator.notifications.models import Notification
from tests.factories import BookingFactory, MembershipFactory, UserFactory
from tests.labs.conftest import slot


def message(call, *args) -> str:
    with pytest.raises(BookingRefused) as caught:
        call(*args)
    with force_locale("en"):
        return caught.value.translated()


def audited(db, action: str) -> list[tuple]:
    """(actor, object type, object id, detail) of each audit row of `action`."""
    query = select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
    return [(e.actor_id, e.object_type, e.object_id, e.detail) for e in db.session.scalars(query)]


def last_note(db, user) -> Notification:
    query = select(Notification).where(Notification.user_id == user.id).order_by(Notification.id.desc())
    return db.session.scalars(query).first()


def test_a_manager_approves_a_request_and_the_requester_is_told(db, approval_lab):
    founder = UserFactory()
    booking = request_booking(approval_lab, founder, slot())
    approve_booking(booking, approval_lab.manager)
    assert booking.status == "approved" and booking.decided_at is not None
    assert "is approved" in last_note(db, founder).message
    actions = set(db.session.scalars(select(AuditEvent.action)))
    assert actions == {"booking.requested", "booking.approved"}


def test_a_decline_carries_its_reason_to_the_requester(db, approval_lab):
    founder = UserFactory()
    booking = request_booking(approval_lab, founder, slot())
    decline_booking(booking, approval_lab.manager, "Máy in đang bảo trì")
    assert booking.status == "declined" and booking.reason == "Máy in đang bảo trì"
    assert "declined: Máy in đang bảo trì" in last_note(db, founder).message
    manager_id, reason = approval_lab.manager_id, {"reason": "Máy in đang bảo trì"}
    assert audited(db, "booking.declined") == [(manager_id, "Booking", booking.id, reason)]
    assert message(approve_booking, booking, approval_lab.manager) == "This request was already decided."


def test_two_waiting_requests_may_overlap_but_only_seats_left_are_approved(db, approval_lab):
    first = request_booking(approval_lab, UserFactory(), slot(9, 11, people=7))
    second = request_booking(approval_lab, UserFactory(), slot(10, 12, people=4))
    approve_booking(first, approval_lab.manager)
    refused = message(approve_booking, second, approval_lab.manager)
    assert refused == "Not enough free seats: only 3 of 10 are free at some moment of that slot."
    db.session.refresh(second)
    assert second.status == "requested"


def test_a_requester_cancels_before_the_start_but_not_after(db, lab):
    founder = UserFactory()
    booking = request_booking(lab, founder, slot())
    cancel_booking(booking, founder)
    assert booking.status == "cancelled"
    assert audited(db, "booking.cancelled") == [(founder.id, "Booking", booking.id, {})]
    assert message(cancel_booking, booking, founder) == "This booking is already closed."
    past = BookingFactory(
        lab=lab, requester=founder, status="approved", starts_at=utcnow() - timedelta(hours=1)
    )
    assert message(cancel_booking, past, founder) == "A booking can only be cancelled before it starts."
    assert len(audited(db, "booking.cancelled")) == 1  # a refused cancel writes no audit row


def test_a_request_whose_slot_has_started_can_no_longer_be_approved(db, approval_lab):
    started = BookingFactory(
        lab=approval_lab, starts_at=datetime(2020, 1, 1, 2), ends_at=datetime(2020, 1, 1, 4)
    )
    expected = "The slot has already started: it can no longer be approved."
    assert message(approve_booking, started, approval_lab.manager) == expected


def test_a_cancelled_booking_frees_its_slot(db, lab):
    founder = UserFactory()
    cancel_booking(request_booking(lab, founder, slot()), founder)
    assert request_booking(lab, UserFactory(), slot()).status == "approved"


def test_a_request_is_announced_to_every_manager_of_the_lab_and_to_no_plain_member(db, approval_lab):
    organization = approval_lab.organization
    admin = MembershipFactory(organization=organization, role="admin").user
    all_labs = MembershipFactory(organization=organization, role="lab_manager").user
    member = MembershipFactory(organization=organization, role="member").user
    request_booking(approval_lab, UserFactory(), slot())
    query = select(Notification.user_id).where(Notification.kind == "booking.requested")
    told = set(db.session.scalars(query))
    assert told == {approval_lab.manager_id, admin.id, all_labs.id}
    assert member.id not in told
