"""A lab's week: opening hours split by seats taken (full or free, local time), its machines' bookings,
and its utilisation (seat-hours taken over seat-hours open)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from incubator.extensions import db
from incubator.labs.models import Booking, ClosedDate, Lab, Machine, OpeningHours
from incubator.labs.rules import to_utc
from incubator.labs.visibility import visible_labs
from incubator.localtime import to_local


@dataclass(frozen=True)
class Interval:
    """A stretch of one day's opening hours with `taken` of the lab's `capacity` seats (naive local times)."""

    starts_at: datetime
    ends_at: datetime
    taken: int = 0
    capacity: int = 1

    @property
    def booked(self) -> bool:
        """Every seat is taken."""
        return self.taken >= self.capacity

    @property
    def free_seats(self) -> int:
        return max(self.capacity - self.taken, 0)

    @property
    def hours(self) -> float:
        """Its length in hours."""
        return (self.ends_at - self.starts_at) / timedelta(hours=1)

    @property
    def booked_hours(self) -> float:
        """Its hours weighted by the share of seats taken (a full lab: all of them)."""
        return self.hours * min(self.taken, self.capacity) / self.capacity


@dataclass(frozen=True)
class MachineUse:
    """An approved booking of a machine on one day (naive local times)."""

    machine: str
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class Day:
    """One day of a lab's calendar: open or not, and its booked and free stretches."""

    day: date
    is_open: bool
    intervals: tuple[Interval, ...]
    machines: tuple[MachineUse, ...] = ()

    @property
    def open_hours(self) -> float:
        return sum(i.hours for i in self.intervals)

    @property
    def booked_hours(self) -> float:
        """Seat-hours taken, in hours of the whole lab."""
        return sum(i.booked_hours for i in self.intervals)

    @property
    def has_free_time(self) -> bool:
        return any(not i.booked for i in self.intervals)


@dataclass(frozen=True)
class WeekUse:
    """Booked hours (seat-hours taken / capacity) over open hours of one lab in the week from `monday`."""

    monday: date
    open_hours: float
    booked_hours: float

    @property
    def ratio(self) -> float:
        return self.booked_hours / self.open_hours if self.open_hours else 0.0

    @property
    def percent(self) -> int:
        return round(self.ratio * 100)


def monday_of(day: date) -> date:
    """The Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())


class Schedule:
    """Opening hours, closed dates, capacities and approved bookings of some labs over some days, in four
    queries (one for labs given with their hours and closed dates)."""

    def __init__(self, lab_ids: Collection[int], first: date, days: int, labs: Collection[Lab] = ()) -> None:
        """`labs`: the labs themselves, when their page shows their hours and closed dates anyway (their
        relationships are read instead of querying again)."""
        start = datetime.combine(first, time.min)
        end = start + timedelta(days=days)
        last = first + timedelta(days)
        if labs:
            self.capacity = {lab.id: lab.capacity for lab in labs}
            self.hours = {(lab.id, h.weekday): h for lab in labs for h in lab.hours}
            self.closed = {(lab.id, c.day) for lab in labs for c in lab.closed_dates if first <= c.day < last}
        else:
            capacities = select(Lab.id, Lab.capacity).where(Lab.id.in_(lab_ids))
            self.capacity = {lab_id: seats for lab_id, seats in db.session.execute(capacities)}
            hours = select(OpeningHours).where(OpeningHours.lab_id.in_(lab_ids))
            self.hours = {(h.lab_id, h.weekday): h for h in db.session.scalars(hours)}
            closed = select(ClosedDate.lab_id, ClosedDate.day).where(
                ClosedDate.lab_id.in_(lab_ids), ClosedDate.day >= first, ClosedDate.day < last
            )
            self.closed = {(lab_id, day) for lab_id, day in db.session.execute(closed)}
        self.booked: dict[tuple[int, date], list[tuple[datetime, datetime, int]]] = defaultdict(list)
        self.machines: dict[tuple[int, date], list[MachineUse]] = defaultdict(list)
        for lab_id, machine, starts_at, ends_at, people in approved_between(lab_ids, start, end):
            for n in range((ends_at.date() - starts_at.date()).days + 1):  # each local day it touches
                key = (lab_id, starts_at.date() + timedelta(days=n))
                if machine is None:
                    self.booked[key].append((starts_at, ends_at, people))
                else:
                    self.machines[key].append(MachineUse(machine, starts_at, ends_at))

    def day(self, lab_id: int, day: date) -> Day:
        """`day` of lab `lab_id` cut into stretches by seats taken (closed: no stretch), with its machines'
        bookings."""
        hours = None if (lab_id, day) in self.closed else self.hours.get((lab_id, day.weekday()))
        capacity = self.capacity.get(lab_id, 1)
        found = cut(day, hours, self.booked.get((lab_id, day), []), capacity)
        uses = tuple(self.machines.get((lab_id, day), [])) if found.is_open else ()
        return Day(found.day, found.is_open, found.intervals, uses)

    def week(self, lab_id: int, monday: date) -> list[Day]:
        """The seven days from `monday` of lab `lab_id`."""
        return [self.day(lab_id, monday + timedelta(days=i)) for i in range(7)]

    def week_use(self, lab_id: int, monday: date) -> WeekUse:
        """Booked hours / open hours of lab `lab_id` in the week from `monday`."""
        days = self.week(lab_id, monday)
        return WeekUse(monday, sum(d.open_hours for d in days), sum(d.booked_hours for d in days))


def approved_between(
    lab_ids: Collection[int], start: datetime, end: datetime
) -> list[tuple[int, str | None, datetime, datetime, int]]:
    """Approved bookings of the labs overlapping [start, end) (naive local), as (lab id, machine name or
    None for seats, local start, local end, people), each lab's in order."""
    query = (
        select(Booking.lab_id, Machine.name, Booking.starts_at, Booking.ends_at, Booking.people)
        .outerjoin(Machine, Machine.id == Booking.machine_id)
        .where(
            Booking.lab_id.in_(lab_ids),
            Booking.status == "approved",
            Booking.starts_at < to_utc(end),
            Booking.ends_at > to_utc(start),
        )
    )
    rows = db.session.execute(query.order_by(Booking.lab_id, Booking.starts_at)).all()
    return [(lab_id, machine, local(s), local(e), people) for lab_id, machine, s, e, people in rows]


def local(moment: datetime) -> datetime:
    """A stored naive UTC moment as naive local time."""
    return to_local(moment).replace(tzinfo=None)


def cut(
    day: date, hours: OpeningHours | None, booked: list[tuple[datetime, datetime, int]], capacity: int = 1
) -> Day:
    """`day`'s opening `hours` (None: closed) cut into stretches of equal seats taken by the seat
    bookings `booked` (start, end, people)."""
    if hours is None:
        return Day(day, False, ())
    opens, close = datetime.combine(day, hours.opens_at), datetime.combine(day, hours.closes_at)
    clipped = [
        (max(s, opens), min(e, close), people) for s, e, people in booked if min(e, close) > max(s, opens)
    ]
    moments = sorted({opens, close, *(s for s, _e, _p in clipped), *(e for _s, e, _p in clipped)})
    intervals: list[Interval] = []
    for start, end in zip(moments, moments[1:], strict=False):
        taken = sum(people for s, e, people in clipped if s < end and e > start)
        if intervals and intervals[-1].taken == taken:  # one stretch while the seats taken stay the same
            intervals[-1] = Interval(intervals[-1].starts_at, end, taken, capacity)
        else:
            intervals.append(Interval(start, end, taken, capacity))
    return Day(day, True, tuple(intervals))


def week_calendar(lab: Lab, monday: date) -> list[Day]:
    """The seven days from `monday`, each with its booked and free time."""
    return Schedule([lab.id], monday, 7, labs=[lab]).week(lab.id, monday)


def free_on(lab: Lab, day: date) -> bool:
    """Whether `lab` is open on `day` with a seat free some time."""
    return lab.id in free_labs([lab.id], day)


def free_labs(lab_ids: Collection[int], day: date) -> set[int]:
    """Which of the labs are open on `day` with a seat free some time (four queries for them all)."""
    schedule = Schedule(lab_ids, day, 1)
    return {lab_id for lab_id in lab_ids if schedule.day(lab_id, day).has_free_time}


def week_use(lab: Lab, monday: date) -> WeekUse:
    """Booked hours / open hours of `lab` in the week from `monday` (bookings clipped to opening hours)."""
    return Schedule([lab.id], monday, 7).week_use(lab.id, monday)


def lab_utilisation(lab: Lab, last_monday: date, weeks: int = 8) -> list[WeekUse]:
    """`weeks` weeks of utilisation ending with the week of `last_monday`, oldest first."""
    mondays = [last_monday - timedelta(weeks=n) for n in reversed(range(weeks))]
    schedule = Schedule([lab.id], mondays[0], 7 * weeks)
    return [schedule.week_use(lab.id, monday) for monday in mondays]


def public_labs() -> list[Lab]:
    """Every public lab with its organization, by name."""
    query = select(Lab).where(visible_labs()).options(joinedload(Lab.organization))
    return list(db.session.scalars(query.order_by(Lab.name, Lab.id)))


def utilisation_by_lab(monday: date) -> list[tuple[Lab, WeekUse]]:
    """Every public lab's utilisation in the week from `monday`, by name (for the ecosystem dashboard)."""
    labs = public_labs()
    schedule = Schedule([lab.id for lab in labs], monday, 7)
    return [(lab, schedule.week_use(lab.id, monday)) for lab in labs]
