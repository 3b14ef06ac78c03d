"""Local time of the Binh Duong region: one zone for "today", deadlines and every date shown; the range
of dates the site takes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

LOCAL_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
# Every date a form or an address takes lies in this range; far from the ends of Python's calendar, so a
# week or a time zone added to it never overflows. Dates stored before the range was enforced are brought
# into it (`within_range`) before any arithmetic.
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)
EARLIEST, LATEST = datetime.combine(FIRST_DAY, time.min), datetime.combine(LAST_DAY, time.max)


def within_range(day: date) -> date:
    """`day` (a date or a naive datetime) moved into FIRST_DAY..LAST_DAY: arithmetic on it never overflows."""
    if isinstance(day, datetime):
        return min(max(day, EARLIEST), LATEST)
    return min(max(day, FIRST_DAY), LAST_DAY)


def now_local() -> datetime:
    """Now in Asia/Ho_Chi_Minh (aware)."""
    return datetime.now(LOCAL_ZONE)


def today_local() -> date:
    """Today's date in Asia/Ho_Chi_Minh (not the server's zone)."""
    return now_local().date()


def to_local(moment: datetime) -> datetime:
    """A stored moment (naive means UTC, as `utcnow` writes) in Asia/Ho_Chi_Minh."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return within_range(moment).replace(tzinfo=UTC).astimezone(LOCAL_ZONE)


def end_of_local_day(day: date) -> datetime:
    """The last instant of `day` in Asia/Ho_Chi_Minh, as a naive UTC datetime (deadlines)."""
    start_of_next = datetime.combine(within_range(day) + timedelta(days=1), time.min, tzinfo=LOCAL_ZONE)
    return (start_of_next - timedelta(microseconds=1)).astimezone(UTC).replace(tzinfo=None)
