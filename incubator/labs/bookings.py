"""Booking services: request a slot, approve, decline, cancel; one transaction each, audited, notified."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import exc, select
from sqlalchemy.orm import joinedload, selectinload

from incubator.accounts.models import User
from incubator.audit.services import record
from incubator.database import lock_for_writing, utcnow
from incubator.errors import N_
from incubator.extensions import db
from incubator.labs.models import Booking, Lab
from incubator.labs.rules import (
    MACHINE_TAKEN,
    BookingRefused,
    Slot,
    check_free,
    check_requester,
    check_slot,
    to_utc,
)
from incubator.labs.services import may_manage_lab, my_labs_clause
from incubator.localtime import now_local
from incubator.notifications.services import notify_translated
from incubator.organizations.services import lab_manager_ids

NO_OVERLAP = "ex_bookings_machine_no_overlapping_approved"


def booking_link(booking: Booking) -> str:
    """The booking's page (a plain path: services also run outside a request)."""
    return f"/labs/bookings/{booking.id}"


def tell(user: User, kind: str, message: str, booking: Booking, **params: object) -> None:
    """Notify `user` about `booking`, read in each reader's language (its start in their date format)."""
    link = booking_link(booking)
    notify_translated(user, kind, message, link, lab=booking.lab.name, start=booking.starts_at, **params)


def commit_or_refuse(write: Callable[[], object]) -> None:
    """Run `write` and commit; PostgreSQL's exclusion constraint refusing an overlap becomes the message."""
    try:
        write()
        db.session.commit()
    except exc.IntegrityError as error:
        db.session.rollback()
        if NO_OVERLAP in str(error.orig):
            raise BookingRefused(MACHINE_TAKEN) from error
        raise


def request_booking(lab: Lab, user: User, slot: Slot) -> Booking:
    """Check every rule and save the request; a lab without approval confirms it at once.

    The lab's row is locked (PostgreSQL; SQLite takes its write lock) so concurrent requests of the
    lab are checked one after the other: the same request sent twice at once makes one booking, and
    seats are counted while nobody else can take one (a machine also has PostgreSQL's exclusion).
    """
    lock_for_writing(db.session)
    db.session.execute(select(Lab.id).where(Lab.id == lab.id).with_for_update())
    try:
        check_slot(lab, user, slot, now_local().replace(tzinfo=None))
    except BookingRefused:
        db.session.rollback()
        raise
    status = "requested" if lab.approval_required else "approved"
    booking = Booking(
        lab=lab,
        machine_id=slot.machine_id,
        requester_id=user.id,
        startup_id=slot.startup_id,
        starts_at=to_utc(slot.starts_at),
        ends_at=to_utc(slot.ends_at),
        purpose=slot.purpose,
        equipment="\n".join(slot.equipment),
        people=slot.people,
        status=status,
        decided_at=None if lab.approval_required else utcnow(),
    )
    commit_or_refuse(lambda: save_request(booking, user))
    return booking


def save_request(booking: Booking, user: User) -> None:
    """Insert the booking (where the exclusion constraint may refuse it), its audit row and notice."""
    db.session.add(booking)
    db.session.flush()
    record(user.id, "booking.requested" if booking.status == "requested" else "booking.confirmed", booking)
    announce_request(booking, user)


def announce_request(booking: Booking, user: User) -> None:
    """Tell the requester it is confirmed, or the lab's managers that a request waits."""
    if booking.status == "approved":
        tell(user, "booking.approved", N_("Your booking of %(lab)s on %(start)s is confirmed."), booking)
        return
    message = N_("%(name)s asks to book %(lab)s on %(start)s.")
    lab = booking.lab
    managers = lab_manager_ids(lab.organization_id, lab.id) | {lab.manager_id}
    for manager in db.session.scalars(select(User).where(User.id.in_(managers), User.active.is_(True))):
        tell(manager, "booking.requested", message, booking, name=user.full_name)


def approve_booking(booking: Booking, manager: User) -> Booking:
    """Approve a waiting request, unless its machine or seats are now taken or it has started."""
    check_waiting(lock(booking, lab=True))
    if booking.starts_at <= utcnow():
        raise refuse(N_("The slot has already started: it can no longer be approved."))
    try:
        check_free(
            booking.lab, booking.machine_id, booking.people, booking.starts_at, booking.ends_at, booking.id
        )
    except BookingRefused:
        db.session.rollback()
        raise
    booking.status, booking.decided_at = "approved", utcnow()
    commit_or_refuse(lambda: save_approval(booking, manager))
    return booking


def save_approval(booking: Booking, manager: User) -> None:
    """Write the approval (where the exclusion constraint may refuse it), its audit row and notice."""
    db.session.flush()
    record(manager.id, "booking.approved", booking)
    message = N_("Your booking of %(lab)s on %(start)s is approved.")
    tell(booking.requester, "booking.approved", message, booking)


def decline_booking(booking: Booking, manager: User, reason: str) -> Booking:
    """Decline a waiting request with a reason the requester reads."""
    check_waiting(lock(booking))
    booking.status, booking.decided_at, booking.reason = "declined", utcnow(), reason
    record(manager.id, "booking.declined", booking, reason=reason)
    message = N_("Your booking of %(lab)s on %(start)s was declined: %(reason)s")
    tell(booking.requester, "booking.declined", message, booking, reason=reason)
    db.session.commit()
    return booking


def cancel_booking(booking: Booking, user: User) -> Booking:
    """The requester cancels a waiting or approved booking before it starts."""
    if lock(booking).status not in ("requested", "approved"):
        raise refuse(N_("This booking is already closed."))
    if booking.starts_at <= utcnow():
        raise refuse(N_("A booking can only be cancelled before it starts."))
    booking.status = "cancelled"
    record(user.id, "booking.cancelled", booking)
    db.session.commit()
    return booking


def lock(booking: Booking, lab: bool = False) -> Booking:
    """Re-read `booking` inside a write-locked transaction (row locks on PostgreSQL) before deciding.

    Approvals also lock the lab's row: two approvals of overlapping requests would otherwise wait on
    each other inside PostgreSQL's exclusion check and deadlock, instead of one seeing the other.
    """
    lock_for_writing(db.session)
    if lab:
        db.session.execute(select(Lab.id).where(Lab.id == booking.lab_id).with_for_update())
    db.session.refresh(booking, with_for_update=True)
    return booking


def check_waiting(booking: Booking) -> None:
    """Only a request still waiting can be decided."""
    if booking.status != "requested":
        raise refuse(N_("This request was already decided."))


def refuse(message: str) -> BookingRefused:
    """End the transaction and build the refusal to raise."""
    db.session.rollback()
    return BookingRefused(message)


def may_see_booking(user: User, booking: Booking) -> bool:
    """The requester and the lab's managers see a booking."""
    return booking.requester_id == user.id or may_manage_lab(user, booking.lab)


def may_request(lab: Lab, user: User) -> bool:
    """Whether `user` may ask `lab` for a slot at all (the page shows the form only then)."""
    try:
        check_requester(lab, user)
    except BookingRefused:
        return False
    return True


def my_bookings(user: User) -> list[Booking]:
    """`user`'s bookings, the latest start first."""
    query = select(Booking).where(Booking.requester_id == user.id)
    query = query.options(selectinload(Booking.lab), selectinload(Booking.machine))
    return list(db.session.scalars(query.order_by(Booking.starts_at.desc())))


def waiting_requests(user: User) -> list[Booking]:
    """Requests waiting for an answer in the labs `user` manages, the soonest first."""
    labs = select(Lab.id).where(my_labs_clause(user))
    query = select(Booking).where(Booking.lab_id.in_(labs), Booking.status == "requested")
    query = query.options(joinedload(Booking.lab), joinedload(Booking.requester))  # in the same query
    return list(db.session.scalars(query.order_by(Booking.starts_at)))


def lab_bookings(lab: Lab) -> list[Booking]:
    """Every booking of `lab`, the latest start first (its managers' list)."""
    query = select(Booking).where(Booking.lab_id == lab.id)
    query = query.options(selectinload(Booking.requester), selectinload(Booking.machine))
    return list(db.session.scalars(query.order_by(Booking.starts_at.desc())))
