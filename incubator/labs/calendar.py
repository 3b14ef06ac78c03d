"""A lab's week: opening hours split into booked and free time (local), and its utilisation."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from incubator.extensions import db
from incubator.labs.models import Booking, ClosedDate, Lab, OpeningHours
from incubator.labs.rules import to_utc
from incubator.labs.visibility import visible_labs
from incubator.localtime import to_local


@dataclass(frozen=True)
class Interval:
    """A stretch of one day's opening hours, booked or free (naive local times)."""

    starts_at: datetime
    ends_at: datetime
    booked: bool

    @property
    def hours(self) -> float:
        """Its length in hours."""
        return (self.ends_at - self.starts_at) / timedelta(hours=1)


@dataclass(frozen=True)
class Day:
    """One day of a lab's calendar: open or not, and its booked and free stretches."""

    day: date
    is_open: bool
    intervals: tuple[Interval, ...]

    @property
    def open_hours(self) -> float:
        return sum(i.hours for i in self.intervals)

    @property
    def booked_hours(self) -> float:
        return sum(i.hours for i in self.intervals if i.booked)

    @property
    def has_free_time(self) -> bool:
        return any(not i.booked for i in self.intervals)


@dataclass(frozen=True)
class WeekUse:
    """Booked hours over open hours of one lab in the week starting `monday`."""

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
    """Opening hours, closed dates and approved bookings of some labs over some days, in three queries."""

    def __init__(self, lab_ids: Collection[int], first: date, days: int) -> None:
        start = datetime.combine(first, time.min)
        end = start + timedelta(days=days)
        hours = select(OpeningHours).where(OpeningHours.lab_id.in_(lab_ids))
        self.hours = {(h.lab_id, h.weekday): h for h in db.session.scalars(hours)}
        closed = select(ClosedDate.lab_id, ClosedDate.day).where(
            ClosedDate.lab_id.in_(lab_ids), ClosedDate.day >= first, ClosedDate.day < first + timedelta(days)
        )
        self.closed = {(lab_id, day) for lab_id, day in db.session.execute(closed)}
        self.booked: dict[tuple[int, date], list[tuple[datetime, datetime]]] = defaultdict(list)
        for lab_id, starts_at, ends_at in approved_between(lab_ids, start, end):
            for n in range((ends_at.date() - starts_at.date()).days + 1):  # each local day it touches
                self.booked[lab_id, starts_at.date() + timedelta(days=n)].append((starts_at, ends_at))

    def day(self, lab_id: int, day: date) -> Day:
        """`day` of lab `lab_id` cut into booked and free stretches (closed: no stretch)."""
        hours = None if (lab_id, day) in self.closed else self.hours.get((lab_id, day.weekday()))
        return cut(day, hours, self.booked.get((lab_id, day), []))

    def week(self, lab_id: int, monday: date) -> list[Day]:
        """The seven days from `monday` of lab `lab_id`."""
        return [self.day(lab_id, monday + timedelta(days=i)) for i in range(7)]

    def week_use(self, lab_id: int, monday: date) -> WeekUse:
        """Booked hours / open hours of lab `lab_id` in the week from `monday`."""
        days = self.week(lab_id, monday)
        return WeekUse(monday, sum(d.open_hours for d in days), sum(d.booked_hours for d in days))


def approved_between(
    lab_ids: Collection[int], start: datetime, end: datetime
) -> list[tuple[int, datetime, datetime]]:
    """Approved bookings of the labs overlapping [start, end) (naive local), as (lab id, local start,
    local end), each lab's in order."""
    query = select(Booking.lab_id, Booking.starts_at, Booking.ends_at).where(
        Booking.lab_id.in_(lab_ids),
        Booking.status == "approved",
        Booking.starts_at < to_utc(end),
        Booking.ends_at > to_utc(start),
    )
    rows = db.session.execute(query.order_by(Booking.lab_id, Booking.starts_at)).all()
    return [(lab_id, local(s), local(e)) for lab_id, s, e in rows]


def local(moment: datetime) -> datetime:
    """A stored naive UTC moment as naive local time."""
    return to_local(moment).replace(tzinfo=None)


def cut(day: date, hours: OpeningHours | None, booked: list[tuple[datetime, datetime]]) -> Day:
    """`day`'s opening `hours` (None: closed) cut into booked and free stretches."""
    if hours is None:
        return Day(day, False, ())
    cursor, close = datetime.combine(day, hours.opens_at), datetime.combine(day, hours.closes_at)
    intervals = []
    for start, end in booked:
        start, end = max(start, cursor), min(end, close)
        if end <= start:
            continue
        if start > cursor:
            intervals.append(Interval(cursor, start, False))
        intervals.append(Interval(start, end, True))
        cursor = end
    if cursor < close:
        intervals.append(Interval(cursor, close, False))
    return Day(day, True, tuple(intervals))


def week_calendar(lab: Lab, monday: date) -> list[Day]:
    """The seven days from `monday`, each with its booked and free time."""
    return Schedule([lab.id], monday, 7).week(lab.id, monday)


def free_on(lab: Lab, day: date) -> bool:
    """Whether `lab` is open on `day` with some time not yet booked."""
    return lab.id in free_labs([lab.id], day)


def free_labs(lab_ids: Collection[int], day: date) -> set[int]:
    """Which of the labs are open on `day` with some time not yet booked (three queries for them all)."""
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
