"""A lab's week: opening hours split into booked and free time (local), and its utilisation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select

from incubator.extensions import db
from incubator.labs.models import Booking, Lab
from incubator.labs.rules import hours_on, to_utc
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


def approved_between(lab: Lab, start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
    """Approved bookings of `lab` overlapping [start, end) (naive local), as naive local pairs."""
    query = select(Booking.starts_at, Booking.ends_at).where(
        Booking.lab_id == lab.id,
        Booking.status == "approved",
        Booking.starts_at < to_utc(end),
        Booking.ends_at > to_utc(start),
    )
    pairs = db.session.execute(query.order_by(Booking.starts_at)).all()
    return [(local(s), local(e)) for s, e in pairs]


def local(moment: datetime) -> datetime:
    """A stored naive UTC moment as naive local time."""
    return to_local(moment).replace(tzinfo=None)


def day_of(lab: Lab, day: date, booked: list[tuple[datetime, datetime]]) -> Day:
    """`day`'s opening hours cut into booked and free stretches."""
    hours = hours_on(lab, day)
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
    start = datetime.combine(monday, datetime.min.time())
    booked = approved_between(lab, start, start + timedelta(days=7))
    return [day_of(lab, monday + timedelta(days=i), booked) for i in range(7)]


def free_on(lab: Lab, day: date) -> bool:
    """Whether `lab` is open on `day` with some time not yet booked."""
    start = datetime.combine(day, datetime.min.time())
    return day_of(lab, day, approved_between(lab, start, start + timedelta(days=1))).has_free_time


def week_use(lab: Lab, monday: date) -> WeekUse:
    """Booked hours / open hours of `lab` in the week from `monday` (bookings clipped to opening hours)."""
    days = week_calendar(lab, monday)
    return WeekUse(monday, sum(d.open_hours for d in days), sum(d.booked_hours for d in days))


def lab_utilisation(lab: Lab, last_monday: date, weeks: int = 8) -> list[WeekUse]:
    """`weeks` weeks of utilisation ending with the week of `last_monday`, oldest first."""
    return [week_use(lab, last_monday - timedelta(weeks=n)) for n in reversed(range(weeks))]


def utilisation_by_lab(monday: date) -> list[tuple[Lab, WeekUse]]:
    """Every public lab's utilisation in the week from `monday`, by name (for the ecosystem dashboard)."""
    labs = db.session.scalars(select(Lab).where(visible_labs()).order_by(Lab.name, Lab.id))
    return [(lab, week_use(lab, monday)) for lab in labs]
