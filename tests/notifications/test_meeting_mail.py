"""An agreed mentor meeting reaches both sides' mailboxes (real SMTP) with its .ics invitation attached;
its cancellation, with the calendar cancellation of the same event."""

from datetime import UTC, timedelta

from icalendar import Calendar
from kombu.serialization import dumps, loads
from sqlalchemy import select

from incubator.extensions import db as _db
from incubator.localtime import now_local
from incubator.mentors import meetings
from incubator.mentors.models import MentorMeeting
from incubator.notifications.services import EMAIL_TASK
from incubator.notifications.tasks import send_notification_email
from incubator.outbox.models import OutboxMessage
from tests.factories import MentorshipFactory, StartupFactory, UserFactory


def send_queued_emails() -> None:
    """Run every queued e-mail task with the arguments a worker receives (JSON through the broker)."""
    rows = _db.session.scalars(select(OutboxMessage).where(OutboxMessage.task == EMAIL_TASK))
    for row in rows:
        content_type, encoding, body = dumps(row.args, serializer="json")
        send_notification_email.apply(args=loads(body, content_type, encoding))
    _db.session.execute(OutboxMessage.__table__.delete())
    _db.session.commit()


def calendar_of(message) -> tuple:  # noqa: ANN001
    """The message's text/calendar attachment: (its MIME part, its parsed VCALENDAR)."""
    [part] = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    return part, Calendar.from_ical(part.get_payload(decode=True))


STARTS = (now_local() + timedelta(days=5)).replace(hour=10, minute=0, second=0, microsecond=0)


def agreed_meeting() -> MentorMeeting:
    """A meeting the founder (vi) proposed for 10:00 Vietnam time in 5 days, accepted by the mentor (en)."""
    founder = UserFactory(role="founder", email="ha@agrisense.test", full_name="Lê Thu Hà", language="vi")
    mentor = UserFactory(role="mentor", email="vinh@mentor.test", full_name="Trần Quang Vinh", language="en")
    pair = MentorshipFactory(status="active", mentor=mentor, startup=StartupFactory(owner=founder))
    details = {"starts_local": STARTS.replace(tzinfo=None), "minutes": 45, "place": "Becamex Tower"}
    return meetings.accept_meeting(meetings.propose_meeting(pair, founder, details), mentor)


def test_both_sides_are_mailed_the_invitation_then_its_cancellation(mdb, smtp):
    meeting = agreed_meeting()
    founder = meeting.mentorship.founder
    send_queued_emails()
    proposal = [m for m in smtp.messages if "waits for your answer" in str(m["Subject"])]
    assert [list(m.iter_attachments()) for m in proposal] == [[]]  # the proposal carries no calendar
    smtp.messages.remove(proposal[0])
    assert sorted(str(m["To"]) for m in smtp.messages) == ["ha@agrisense.test", "vinh@mentor.test"]
    uid = f"mentor-meeting-{meeting.id}@incubator"
    for message in smtp.messages:
        part, calendar = calendar_of(message)
        assert part.get_param("method") == "REQUEST" and part.get_filename() == f"meeting-{meeting.id}.ics"
        [event] = calendar.walk("VEVENT")
        assert str(calendar["METHOD"]) == "REQUEST" and str(event["UID"]) == uid and event["SEQUENCE"] == 0
        assert (
            event.decoded("DTSTART") == STARTS and str(event.decoded("DTSTART").tzinfo) == "Asia/Ho_Chi_Minh"
        )
        assert event.decoded("DTSTART").astimezone(UTC).replace(tzinfo=None) == meeting.starts_at
        assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=45)
        assert str(event["ORGANIZER"]) == "mailto:ha@agrisense.test"  # the proposer
        assert sorted(map(str, event["ATTENDEE"])) == ["mailto:ha@agrisense.test", "mailto:vinh@mentor.test"]
        assert message.get_body(("html",)) is not None  # the HTML part is still there
    smtp.reset()

    meetings.cancel_meeting(meeting, founder, "Xin lỗi, tôi bị ốm")
    send_queued_emails()
    assert sorted(str(m["To"]) for m in smtp.messages) == ["ha@agrisense.test", "vinh@mentor.test"]
    to_mentor = next(m for m in smtp.messages if str(m["To"]) == "vinh@mentor.test")
    assert str(to_mentor["Subject"]) == "A mentoring meeting was cancelled"
    assert "Xin lỗi, tôi bị ốm" in to_mentor.get_body(("plain",)).get_content()
    for message in smtp.messages:
        part, calendar = calendar_of(message)
        [event] = calendar.walk("VEVENT")
        assert part.get_param("method") == "CANCEL" and str(calendar["METHOD"]) == "CANCEL"
        assert str(event["UID"]) == uid and event["SEQUENCE"] == 1 and str(event["STATUS"]) == "CANCELLED"
        assert event.decoded("DTSTART") == STARTS
        assert event.decoded("DTSTAMP") == meeting.cancelled_at.replace(tzinfo=UTC, microsecond=0)
