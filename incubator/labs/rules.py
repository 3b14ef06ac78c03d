"""A lab's booking rules, every one checked in one place with a message naming the broken rule."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from flask_babel import format_date, gettext
from sqlalchemy import select

from incubator.accounts.models import User
from incubator.errors import N_, DomainError
from incubator.extensions import db
from incubator.labs.models import Booking, ClosedDate, Lab, Machine, OpeningHours, Training
from incubator.localtime import LOCAL_ZONE
from incubator.organizations.services import is_member

REQUESTER_ROLES = ("founder", "enterprise", "mentor", "university")
MACHINE_TAKEN = N_("The machine is already booked at that time.")
SEATS_TAKEN = N_("Not enough free seats: only %(num)d of %(capacity)d are free at some moment of that slot.")
ASKED_ALREADY = N_("You have already asked for this slot; the request waits for the lab's answer.")


class BookingRefused(DomainError):
    """A booking rule refused the request; `translated()` names the rule in the reader's language."""

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message)
        self.params = params

    def translated(self) -> str:
        """The message in the current locale, with its parameters filled in."""
        params = {k: format_date(v) if type(v) is date else v for k, v in self.params.items()}
        return gettext(self.args[0], **params)


@dataclass(frozen=True)
class Slot:
    """A requested slot in local time (naive), with what the requester needs."""

    starts_at: datetime
    ends_at: datetime
    purpose: str = ""
    equipment: tuple[str, ...] = field(default_factory=tuple)
    people: int = 1
    startup_id: int | None = None
    machine_id: int | None = None  # None: `people` seats of the lab


def to_utc(local: datetime) -> datetime:
    """A naive local (Asia/Ho_Chi_Minh) moment as the naive UTC moment the database stores."""
    return local.replace(tzinfo=LOCAL_ZONE).astimezone(UTC).replace(tzinfo=None)


def hours_on(lab: Lab, day: date) -> OpeningHours | None:
    """The lab's opening hours on `day`, or None when it is closed that day (weekday or closed date)."""
    closed = select(ClosedDate.id).where(ClosedDate.lab_id == lab.id, ClosedDate.day == day)
    if db.session.scalar(closed) is not None:
        return None
    query = select(OpeningHours).where(OpeningHours.lab_id == lab.id, OpeningHours.weekday == day.weekday())
    return db.session.scalar(query)


def check_requester(lab: Lab, user: User) -> None:
    """Founders, enterprises, mentors and universities other than the lab's own may ask for slots of a
    bookable lab of a verified organization."""
    if not lab.bookable:
        raise BookingRefused(N_("This lab does not accept booking requests."))
    if not lab.organization.is_verified:
        raise BookingRefused(N_("This lab's organization is awaiting verification: it cannot be booked yet."))
    if user.role not in REQUESTER_ROLES:
        raise BookingRefused(N_("Your role cannot book labs."))
    if user.role == "university" and (lab.manager_id == user.id or is_member(user, lab.organization_id)):
        raise BookingRefused(N_("Your own organization's lab is not booked through requests."))


def check_timing(lab: Lab, slot: Slot, now: datetime) -> None:
    """The slot is in the future, not too far ahead, and neither too short nor too long."""
    if slot.ends_at <= slot.starts_at:
        raise BookingRefused(N_("The slot must end after it starts."))
    if slot.starts_at <= now:
        raise BookingRefused(N_("The slot has already started: choose a time in the future."))
    if (slot.starts_at.date() - now.date()).days > lab.book_ahead_days:
        raise BookingRefused(
            N_("Too late: this lab takes bookings at most %(num)d days ahead."), num=lab.book_ahead_days
        )
    minutes = (slot.ends_at - slot.starts_at) / timedelta(minutes=1)
    if minutes < lab.min_slot_minutes:
        raise BookingRefused(
            N_("Too short: a slot lasts at least %(num)d minutes."), num=lab.min_slot_minutes
        )
    if minutes > lab.max_slot_minutes:
        raise BookingRefused(N_("Too long: a slot lasts at most %(num)d minutes."), num=lab.max_slot_minutes)


def check_opening_hours(lab: Lab, slot: Slot) -> None:
    """The slot lies within one day's opening hours, and not on a closed date."""
    day = slot.starts_at.date()
    if slot.ends_at.date() != day:
        raise BookingRefused(N_("Outside opening hours: a slot starts and ends on the same day."))
    hours = hours_on(lab, day)
    if hours is None:
        raise BookingRefused(N_("Outside opening hours: the lab is closed on %(day)s."), day=day)
    if slot.starts_at.time() < hours.opens_at or slot.ends_at.time() > hours.closes_at:
        opening = f"{hours.opens_at:%H:%M}–{hours.closes_at:%H:%M}"
        raise BookingRefused(N_("Outside opening hours: the lab is open %(hours)s that day."), hours=opening)


def check_needs(lab: Lab, user: User, slot: Slot) -> None:
    """Capacity, a bookable machine of the lab, equipment the lab has, and training where needed."""
    if slot.people < 1 or slot.people > lab.capacity:
        raise BookingRefused(
            N_("Over capacity: the lab holds at most %(num)d people at a time."), num=lab.capacity
        )
    if slot.machine_id is not None:
        check_machine(lab, user, db.session.get(Machine, slot.machine_id))
    for item in slot.equipment:
        if item not in lab.equipment_items:
            raise BookingRefused(N_("The lab has no equipment named %(equipment)s."), equipment=item)
        if item in lab.training_items and not is_trained(lab, user, item):
            raise BookingRefused(
                N_("Needs training on %(equipment)s: ask the lab's manager to mark you trained."),
                equipment=item,
            )


def check_machine(lab: Lab, user: User, machine: Machine | None) -> None:
    """The machine belongs to the lab, takes bookings, and `user` is trained on it if it needs training."""
    if machine is None or machine.lab_id != lab.id or not machine.bookable:
        raise BookingRefused(N_("This lab has no such machine open for booking."))
    if machine.needs_training and not is_trained(lab, user, machine.name):
        raise BookingRefused(
            N_("Needs training on %(equipment)s: ask the lab's manager to mark you trained."),
            equipment=machine.name,
        )


def is_trained(lab: Lab, user: User, equipment: str) -> bool:
    """Whether a manager marked `user` trained on `equipment` of `lab`."""
    query = select(Training.id).where(
        Training.lab_id == lab.id, Training.user_id == user.id, Training.equipment == equipment
    )
    return db.session.scalar(query) is not None


def machine_taken(
    machine_id: int, starts_at: datetime, ends_at: datetime, exclude_id: int | None = None
) -> bool:
    """Whether an approved booking of the machine overlaps [starts_at, ends_at) (naive UTC)."""
    query = select(Booking.id).where(
        Booking.machine_id == machine_id,
        Booking.status == "approved",
        Booking.starts_at < ends_at,
        Booking.ends_at > starts_at,
    )
    if exclude_id is not None:
        query = query.where(Booking.id != exclude_id)
    return db.session.scalar(query.limit(1)) is not None


def seats_taken(lab_id: int, starts_at: datetime, ends_at: datetime, exclude_id: int | None = None) -> int:
    """The most people approved seat bookings of the lab hold at one moment of [starts_at, ends_at)."""
    query = select(Booking.starts_at, Booking.ends_at, Booking.people).where(
        Booking.lab_id == lab_id,
        Booking.machine_id.is_(None),
        Booking.status == "approved",
        Booking.starts_at < ends_at,
        Booking.ends_at > starts_at,
    )
    if exclude_id is not None:
        query = query.where(Booking.id != exclude_id)
    return peak(db.session.execute(query).all())


def peak(stretches: list[tuple[datetime, datetime, int]]) -> int:
    """The largest sum of people of `stretches` (start, end, people) overlapping at one moment."""
    changes = sorted(
        [(s, people) for s, _e, people in stretches] + [(e, -people) for _s, e, people in stretches]
    )
    most = current = 0
    for _moment, change in changes:  # at one moment, ends (negative) sort before starts
        current += change
        most = max(most, current)
    return most


def check_free(
    lab: Lab,
    machine_id: int | None,
    people: int,
    starts_at: datetime,
    ends_at: datetime,
    exclude_id: int | None = None,
) -> None:
    """The machine is free, or enough seats are free at every moment of [starts_at, ends_at) (naive UTC).

    The caller holds the lab's lock (its row on PostgreSQL, the write lock on SQLite)."""
    if machine_id is not None:
        if machine_taken(machine_id, starts_at, ends_at, exclude_id):
            raise BookingRefused(MACHINE_TAKEN)
        return
    free = lab.capacity - seats_taken(lab.id, starts_at, ends_at, exclude_id)
    if people > free:
        raise BookingRefused(SEATS_TAKEN, num=max(free, 0), capacity=lab.capacity)


def check_slot(lab: Lab, user: User, slot: Slot, now: datetime) -> None:
    """Every booking rule, in the order a person would ask; raise BookingRefused on the first broken one."""
    check_requester(lab, user)
    check_timing(lab, slot, now)
    check_opening_hours(lab, slot)
    check_needs(lab, user, slot)
    starts_at, ends_at = to_utc(slot.starts_at), to_utc(slot.ends_at)
    check_free(lab, slot.machine_id, slot.people, starts_at, ends_at)
    if asked_already(lab.id, user.id, starts_at, ends_at, slot.machine_id):
        raise BookingRefused(ASKED_ALREADY)


def asked_already(
    lab_id: int, user_id: int, starts_at: datetime, ends_at: datetime, machine_id: int | None = None
) -> bool:
    """Whether `user_id` has a request of exactly this slot and machine (or seats) still waiting (a
    second click, not a need)."""
    query = select(Booking.id).filter_by(
        lab_id=lab_id, requester_id=user_id, starts_at=starts_at, ends_at=ends_at, status="requested"
    )
    query = query.where(
        Booking.machine_id.is_(None) if machine_id is None else Booking.machine_id == machine_id
    )
    return db.session.scalar(query.limit(1)) is not None
