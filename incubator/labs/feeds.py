"""Calendar feeds (.ics): a lab's approved bookings (the machine or seats booked only) and a user's own.

Calendar apps cannot log in, so each feed URL carries a secret token; a new token revokes the old URL.
A URL belongs to the person who obtained it: it ends with their sessions (`subscribers.py`) and is not
served while they are inactive, whoever else follows the same lab.
"""

from __future__ import annotations

import secrets

from flask_babel import force_locale, gettext, ngettext
from icalendar import Calendar, Event
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from incubator.accounts.models import User
from incubator.audit.services import record
from incubator.extensions import db
from incubator.labs.models import Booking, CalendarFeed, Lab
from incubator.labs.visibility import visible_labs
from incubator.localtime import to_local
from incubator.text import one_line

PRODID = "-//Binh Duong Innovation Platform//Lab bookings//EN"


def feed_token(kind: str, subject_id: int, owner_id: int) -> str:
    """`owner_id`'s token for the feed of a lab or of their own bookings, created on first use."""
    feed = find_feed(kind, subject_id, owner_id)
    if feed is None:
        feed = CalendarFeed(
            kind=kind, subject_id=subject_id, owner_id=owner_id, token=secrets.token_urlsafe(32)
        )
        db.session.add(feed)
        try:
            db.session.commit()
        except IntegrityError:  # the same page opened twice at once: the other request made it
            db.session.rollback()
            feed = find_feed(kind, subject_id, owner_id)
    return feed.token


def find_feed(kind: str, subject_id: int, owner_id: int) -> CalendarFeed | None:
    """`owner_id`'s feed of a lab or of their bookings, if they have one."""
    query = select(CalendarFeed).filter_by(kind=kind, subject_id=subject_id, owner_id=owner_id)
    return db.session.scalar(query)


def regenerate_feed(kind: str, subject_id: int, owner_id: int) -> str:
    """Give `owner_id`'s feed a new token (their old URL stops working, nobody else's); audited."""
    feed_token(kind, subject_id, owner_id)
    feed = find_feed(kind, subject_id, owner_id)
    feed.token = secrets.token_urlsafe(32)
    record(owner_id, "calendar_feed.regenerated", feed, kind=kind, subject_id=subject_id)
    db.session.commit()
    return feed.token


def revoke_feeds(owner_id: int) -> int:
    """Delete every feed URL `owner_id` obtained (the caller commits); return how many."""
    return db.session.execute(delete(CalendarFeed).where(CalendarFeed.owner_id == owner_id)).rowcount


def feed_for_token(token: str) -> CalendarFeed | None:
    """The feed `token` opens, or None (a revoked or made-up token, or an owner who is inactive)."""
    query = select(CalendarFeed).join(User, User.id == CalendarFeed.owner_id)
    return db.session.scalar(query.where(CalendarFeed.token == token, User.active.is_(True)))


def event_for(booking: Booking, summary: str, description: str = "") -> Event:
    """One VEVENT in Asia/Ho_Chi_Minh time."""
    event = Event()
    event.add("uid", f"booking-{booking.id}@incubator")
    event.add("dtstamp", to_local(booking.updated_at))
    event.add("dtstart", to_local(booking.starts_at))
    event.add("dtend", to_local(booking.ends_at))
    event.add("summary", summary)
    if description:
        event.add("description", description)
    return event


def calendar_of(name: str, events: list[Event]) -> bytes:
    """A VCALENDAR holding `events`, with the VTIMEZONE they use."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", one_line(name).strip())  # written raw: a line break would break the feed
    for event in events:
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def what_booked(booking: Booking) -> str:
    """ "Laser cutter booked" or "3 seats booked", in the current locale."""
    if booking.machine is not None:
        return gettext("%(machine)s booked", machine=booking.machine.name)
    return ngettext("%(num)d seat booked", "%(num)d seats booked", booking.people)


def lab_feed(lab: Lab, language: str) -> bytes:
    """The lab's approved bookings, each only the machine or seats booked: no requester, no purpose."""
    query = select(Booking).where(Booking.lab_id == lab.id, Booking.status == "approved")
    query = query.options(selectinload(Booking.machine)).order_by(Booking.starts_at)
    with force_locale(language):
        events = [event_for(b, what_booked(b)) for b in db.session.scalars(query)]
    return calendar_of(lab.name, events)


def user_feed(user: User) -> bytes:
    """`user`'s waiting and approved bookings, with the lab's name and the purpose."""
    query = select(Booking).where(
        Booking.requester_id == user.id,
        Booking.status.in_(("requested", "approved")),
        Booking.lab_id.in_(select(Lab.id).where(visible_labs(user))),
    )
    query = query.options(selectinload(Booking.lab), selectinload(Booking.machine))
    bookings = db.session.scalars(query.order_by(Booking.starts_at))
    with force_locale(user.language):
        waiting = gettext("waiting for approval")
        events = [
            event_for(
                b,
                f"{b.lab.name}: {what_booked(b)}" + ("" if b.status == "approved" else f" ({waiting})"),
                b.purpose,
            )
            for b in bookings
        ]
        return calendar_of(gettext("My lab bookings"), events)


def feed_body(feed: CalendarFeed) -> bytes | None:
    """The .ics text a feed serves, or None when its lab or user is gone (or the lab is not public)."""
    if feed.kind == "lab":
        lab = db.session.scalar(select(Lab).where(Lab.id == feed.subject_id, visible_labs()))
        return lab_feed(lab, db.session.get(User, feed.owner_id).language) if lab else None
    user = db.session.get(User, feed.subject_id)
    return user_feed(user) if user else None
