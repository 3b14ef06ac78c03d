"""Meetings of a mentorship: one side proposes a time, the other accepts, declines or proposes another;
an accepted meeting is an .ics invitation for both and, once held, a logged session.

Every answer is an `UPDATE … WHERE status = 'proposed'` whose row count says whether it won: two
answers sent at once (or one sent twice) act once.
"""

from __future__ import annotations

from datetime import UTC, datetime

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
from incubator.mentors.mentorships import refuse
from incubator.mentors.models import MentorMeeting, Mentorship
from incubator.notifications.services import notify
from incubator.templating import local_datetime
from incubator.text import one_line

PRODID = "-//Binh Duong Innovation Platform//Mentor meetings//EN"


def to_utc(local: datetime) -> datetime:
    """A naive Asia/Ho_Chi_Minh wall-clock time (as typed in a form) as a naive UTC moment."""
    return local.replace(tzinfo=LOCAL_ZONE).astimezone(UTC).replace(tzinfo=None)


def ics_path(meeting: MentorMeeting) -> str:
    """The address of the meeting's invitation."""
    return f"/mentors/meetings/{meeting.id}.ics"


def tell(user: User, kind: str, message: str, meeting: MentorMeeting, link: str = "") -> None:
    """Notify `user` about `meeting` in their own language, with its time in Asia/Ho_Chi_Minh."""
    with force_locale(user.language):
        when = local_datetime(meeting.starts_at)  # the site's one date format of the reader's language
        text = gettext(message, startup=meeting.mentorship.startup.name, when=when)
    notify(user.id, kind, text, link or f"/mentors/mentorships/{meeting.mentorship_id}")


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


def meetings_of(mentorship: Mentorship) -> list[MentorMeeting]:
    """The mentorship's meetings, the latest time first (replaced proposals left out)."""
    query = select(MentorMeeting).where(
        MentorMeeting.mentorship_id == mentorship.id, MentorMeeting.status != "replaced"
    )
    query = query.options(selectinload(MentorMeeting.proposed_by))
    return list(db.session.scalars(query.order_by(MentorMeeting.starts_at.desc(), MentorMeeting.id.desc())))


def loggable(meeting: MentorMeeting, mentorship: Mentorship) -> bool:
    """Whether `meeting` is an accepted meeting of `mentorship` that started and has no session yet."""
    return (meeting.mentorship_id == mentorship.id and meeting.status == "accepted"
            and meeting.session_id is None and meeting.starts_at <= utcnow())  # fmt: skip


def invitation(meeting: MentorMeeting, reader: User, page_url: str) -> bytes:
    """The meeting as an .ics invitation in `reader`'s language, in Asia/Ho_Chi_Minh time."""
    mentorship = meeting.mentorship
    with force_locale(reader.language):
        summary = gettext("Mentoring: %(startup)s", startup=mentorship.startup.name)
        calendar_name = gettext("Mentor meetings")
    event = Event()
    event.add("uid", f"mentor-meeting-{meeting.id}@incubator")
    event.add("dtstamp", to_local(meeting.updated_at))
    event.add("dtstart", to_local(meeting.starts_at))
    event.add("dtend", to_local(meeting.ends_at))
    event.add("summary", one_line(summary))
    event.add("location", one_line(meeting.place))
    event.add("description", "\n".join(filter(None, [meeting.note, page_url])))
    event.add("url", page_url)
    for person in (mentorship.mentor, mentorship.founder):
        event.add("attendee", f"mailto:{person.email}", parameters={"CN": one_line(person.full_name)})
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", calendar_name)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
