"""Local time of the Binh Duong region: one zone for "today", deadlines and every date shown."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

LOCAL_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def now_local() -> datetime:
    """Now in Asia/Ho_Chi_Minh (aware)."""
    return datetime.now(LOCAL_ZONE)


def today_local() -> date:
    """Today's date in Asia/Ho_Chi_Minh (not the server's zone)."""
    return now_local().date()


def to_local(moment: datetime) -> datetime:
    """A stored moment (naive means UTC, as `utcnow` writes) in Asia/Ho_Chi_Minh."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(LOCAL_ZONE)


def end_of_local_day(day: date) -> datetime:
    """The last instant of `day` in Asia/Ho_Chi_Minh, as a naive UTC datetime (deadlines)."""
    start_of_next = datetime.combine(day + timedelta(days=1), time.min, tzinfo=LOCAL_ZONE)
    return (start_of_next - timedelta(microseconds=1)).astimezone(UTC).replace(tzinfo=None)
