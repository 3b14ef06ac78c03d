"""Meetings of a mentorship: one side proposes a time, the other accepts, declines or proposes another;
an accepted meeting is an .ics invitation for both (downloaded, and attached to the e-mail of its
notification) and, once held, a logged session. Either side may cancel it before it starts: both get
the calendar cancellation of the same event.

Every answer is an `UPDATE … WHERE status = 'proposed'` (a cancellation `… WHERE status = 'accepted'`)
whose row count says whether it won: two answers sent at once (or one sent twice) act once.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.mime.text import MIMEText

from flask_babel import force_locale, gettext
from icalendar import Calendar, Event
from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from incubator.accounts.models import User
from incubator.audit.services import record
from incubator.database import lock_for_writing, utcnow
from incubator.errors import N_
from incubator.extensions import db
from incubator.localtime import LOCAL_ZONE, to_local
from incubator.mentors import contacts, mentorships
from incubator.mentors.mentorships import refuse
from incubator.mentors.models import MentorMeeting, Mentorship
from incubator.notifications import mail
from incubator.notifications.models import Notification
from incubator.notifications.services import notify_translated
from incubator.text import one_line

PRODID = "-//Binh Duong Innovation Platform//Mentor meetings//EN"
ICS_LINK = re.compile(r"/mentors/meetings/(\d+)\.ics")
# The iTIP method of the invitation each kind of notification carries; its SEQUENCE: a cancellation
# revises the agreed event, so calendars that hold it (same UID) drop it.
METHODS = {"meeting.accepted": "REQUEST", "meeting.cancelled": "CANCEL"}
SEQUENCES = {"REQUEST": 0, "CANCEL": 1}


def to_utc(local: datetime) -> datetime:
    """A naive Asia/Ho_Chi_Minh wall-clock time (as typed in a form) as a naive UTC moment."""
    return local.replace(tzinfo=LOCAL_ZONE).astimezone(UTC).replace(tzinfo=None)


def ics_path(meeting: MentorMeeting) -> str:
    """The address of the meeting's invitation."""
    return f"/mentors/meetings/{meeting.id}.ics"


def tell(
    user: User, kind: str, message: str, meeting: MentorMeeting, link: str = "", **params: object
) -> Notification:
    """Notify `user` about `meeting`, read in each reader's language with its time in Asia/Ho_Chi_Minh
    (the site's one date format of the reader's language)."""
    link = link or f"/mentors/mentorships/{meeting.mentorship_id}"
    startup = meeting.mentorship.startup.name
    return notify_translated(user, kind, message, link, startup=startup, when=meeting.starts_at, **params)


def other_person(mentorship: Mentorship, user: User) -> User:
    """The side of `mentorship` that is not `user`."""
    return mentorship.founder if user.id == mentorship.mentor_id else mentorship.mentor


def propose_meeting(
    mentorship: Mentorship, user: User, details: dict, replaces: MentorMeeting | None = None
) -> MentorMeeting:
    """`user` proposes a time (`details`: starts_local, minutes, place, note); with `replaces`, in answer
    to the other side's proposal, which is then replaced in the same transaction."""
    starts_at = to_utc(details["starts_local"])
    if mentorship.status != "active":
        raise refuse(N_("Meetings are arranged only in an active mentorship."))
    if starts_at <= utcnow():
        raise refuse(N_("Choose a time in the future."))
    if replaces is not None:
        answer(replaces, user, "replaced")
    meeting = MentorMeeting(mentorship=mentorship, proposed_by_id=user.id, starts_at=starts_at,
                            duration_minutes=details["minutes"], place=details["place"],
                            note=details.get("note") or "")  # fmt: skip
    db.session.add(meeting)
    db.session.flush()
    replaced_id = replaces.id if replaces else None
    record(user.id, "meeting.proposed", meeting, mentorship_id=mentorship.id, replaces=replaced_id)
    message = N_("A meeting for %(startup)s is proposed on %(when)s: please answer.")
    tell(other_person(mentorship, user), "meeting.proposed", message, meeting)
    db.session.commit()
    return meeting


def answer(meeting: MentorMeeting, user: User, status: str) -> None:
    """Move a proposal to `status` if it still waits and `user` is the side that did not propose it."""
    lock_for_writing(db.session)  # SQLite: the write lock first, so concurrent answers queue
    if meeting.proposed_by_id == user.id:
        raise refuse(N_("The other side answers your proposal."))
    if meeting.mentorship.status != "active":
        raise refuse(N_("Meetings are arranged only in an active mentorship."))
    change = update(MentorMeeting).where(MentorMeeting.id == meeting.id, MentorMeeting.status == "proposed")
    result = db.session.execute(change.values(status=status, answered_at=utcnow(), updated_at=utcnow()))
    if result.rowcount != 1:
        raise refuse(N_("This proposal was already answered."))
    db.session.refresh(meeting)
    record(user.id, f"meeting.{status}", meeting, mentorship_id=meeting.mentorship_id)


def accept_meeting(meeting: MentorMeeting, user: User) -> MentorMeeting:
    """The other side accepts: both are notified with the meeting's .ics invitation."""
    answer(meeting, user, "accepted")
    message = N_("Meeting agreed for %(startup)s on %(when)s: add the invitation to your calendar.")
    for person in (meeting.mentorship.mentor, meeting.mentorship.founder):
        tell(person, "meeting.accepted", message, meeting, link=ics_path(meeting))
    db.session.commit()
    return meeting


def decline_meeting(meeting: MentorMeeting, user: User) -> MentorMeeting:
    """The other side declines: the proposer is told."""
    answer(meeting, user, "declined")
    message = N_("The meeting proposed for %(startup)s on %(when)s was declined.")
    tell(meeting.proposed_by, "meeting.declined", message, meeting)
    db.session.commit()
    return meeting


def cancel_meeting(meeting: MentorMeeting, user: User, message: str = "") -> MentorMeeting:
    """A side cancels an agreed meeting before it starts, with an optional word: the other side is told,
    and both are e-mailed the calendar cancellation (the canceller's copy is already read)."""
    lock_for_writing(db.session)  # SQLite: the write lock first, so concurrent cancellations queue
    cancel(meeting, user, message)
    db.session.commit()
    return meeting


def end_mentorship(mentorship: Mentorship, user: User, outcome: str) -> Mentorship:
    """End the mentorship (`mentorships.end_mentorship`) and, in the same commit, cancel its agreed
    meetings still to come, each with the calendar cancellation for both sides."""
    ended = mentorships.close(mentorship, user, outcome)
    upcoming = select(MentorMeeting).where(
        MentorMeeting.mentorship_id == mentorship.id,
        MentorMeeting.status == "accepted",
        MentorMeeting.starts_at > utcnow(),
    )
    for meeting in db.session.scalars(upcoming).all():
        cancel(meeting, user, "")
    db.session.commit()
    return ended


def cancel(meeting: MentorMeeting, user: User, message: str) -> None:
    """Cancel an agreed meeting in the current transaction (the caller commits); refused as in
    `cancel_meeting`."""
    mentorship = meeting.mentorship
    if user.id not in (mentorship.mentor_id, mentorship.founder_id):
        raise refuse(N_("Only the two sides of the mentorship may cancel its meetings."))
    now = utcnow()
    if meeting.starts_at <= now:
        raise refuse(N_("A meeting that has started can no longer be cancelled."))
    change = update(MentorMeeting).where(
        MentorMeeting.id == meeting.id, MentorMeeting.status == "accepted", MentorMeeting.starts_at > now
    )
    values = {"status": "cancelled", "cancelled_at": now, "cancelled_by_id": user.id,
              "cancel_message": message, "updated_at": now}  # fmt: skip
    if db.session.execute(change.values(**values)).rowcount != 1:
        raise refuse(N_("Only an agreed meeting can be cancelled: this one is not (or no longer)."))
    db.session.refresh(meeting)
    record(user.id, "meeting.cancelled", meeting, mentorship_id=meeting.mentorship_id)
    told = N_("%(name)s cancelled the meeting for %(startup)s on %(when)s.")
    tell(other_person(mentorship, user), "meeting.cancelled", told, meeting,
         link=ics_path(meeting), followed_by=message, name=user.full_name)  # fmt: skip
    own = N_("You cancelled the meeting for %(startup)s on %(when)s: the e-mail removes it from calendars.")
    tell(user, "meeting.cancelled", own, meeting, link=ics_path(meeting)).read_at = now


def meetings_of(mentorship: Mentorship) -> list[MentorMeeting]:
    """The mentorship's meetings, the latest time first (replaced proposals left out)."""
    query = select(MentorMeeting).where(
        MentorMeeting.mentorship_id == mentorship.id, MentorMeeting.status != "replaced"
    )
    query = query.options(selectinload(MentorMeeting.proposed_by), selectinload(MentorMeeting.cancelled_by))
    return list(db.session.scalars(query.order_by(MentorMeeting.starts_at.desc(), MentorMeeting.id.desc())))


def loggable(meeting: MentorMeeting, mentorship: Mentorship) -> bool:
    """Whether `meeting` is an accepted meeting of `mentorship` that started and has no session yet."""
    return (meeting.mentorship_id == mentorship.id and meeting.status == "accepted"
            and meeting.session_id is None and meeting.starts_at <= utcnow())  # fmt: skip


def invitation(meeting: MentorMeeting, reader: User, page_url: str, method: str = "") -> bytes:
    """The meeting as an .ics event in `reader`'s language, in Asia/Ho_Chi_Minh time; `method` "REQUEST"
    (the agreed meeting) or "CANCEL" (its cancellation: the same UID, a higher SEQUENCE) for e-mail,
    none for a download."""
    mentorship = meeting.mentorship
    cancelled = method == "CANCEL" or (not method and meeting.status == "cancelled")
    with force_locale(reader.language):
        summary = gettext("Mentoring: %(startup)s", startup=mentorship.startup.name)
        calendar_name = gettext("Mentor meetings")
    stamp = (meeting.cancelled_at if cancelled else meeting.answered_at) or meeting.updated_at
    event = Event()
    event.add("uid", f"mentor-meeting-{meeting.id}@incubator")
    event.add("sequence", SEQUENCES["CANCEL" if cancelled else "REQUEST"])
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("dtstamp", stamp.replace(tzinfo=UTC))  # RFC 5545: DTSTAMP in UTC
    event.add("dtstart", to_local(meeting.starts_at))
    event.add("dtend", to_local(meeting.ends_at))
    event.add("summary", one_line(summary))
    event.add("location", one_line(meeting.place))
    event.add("description", "\n".join(filter(None, [meeting.note, page_url])))
    event.add("url", page_url)
    proposer = meeting.proposed_by
    organizer = {"CN": one_line(proposer.full_name)}
    event.add("organizer", calendar_address(proposer, reader), parameters=organizer)
    for person in (mentorship.mentor, mentorship.founder):
        parameters = {"CN": one_line(person.full_name), "ROLE": "REQ-PARTICIPANT", "PARTSTAT": "ACCEPTED"}
        event.add("attendee", calendar_address(person, reader), parameters=parameters)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    calendar.add("x-wr-calname", calendar_name)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def calendar_address(person: User, reader: User) -> str:
    """`person`'s address in `reader`'s invitation: their e-mail if it is the reader's own or they share
    it (their contact card), else an address naming nobody's mailbox."""
    if person.id == reader.id or contacts.contact_card(person).share_email:
        return f"mailto:{person.email}"
    return f"urn:x-incubator:user:{person.id}"


def mailed_invitation(notification: Notification, reader: User) -> list[MIMEText]:
    """The .ics attached to the e-mail of a meeting notification (its link names the meeting): the
    agreed event (METHOD:REQUEST) or its cancellation (METHOD:CANCEL), whatever happened since."""
    found = ICS_LINK.fullmatch(notification.link)
    meeting = db.session.get(MentorMeeting, int(found.group(1))) if found else None
    if meeting is None:
        return []
    method = METHODS[notification.kind]
    page = mail.site_url(f"/mentors/mentorships/{meeting.mentorship_id}")
    part = MIMEText(invitation(meeting, reader, page, method).decode(), "calendar", "utf-8")
    part.set_param("method", method)
    part.add_header("Content-Disposition", "attachment", filename=f"meeting-{meeting.id}.ics")
    return [part]


for _kind in METHODS:
    mail.attach_to(_kind, mailed_invitation)
