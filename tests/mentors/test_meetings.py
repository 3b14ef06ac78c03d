"""Contact details after acceptance only, meetings proposed and answered once, .ics invitations, home."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

import pytest
from icalendar import Calendar
from sqlalchemy import select

from incubator.accounts.models import User
from incubator.database import utcnow
from incubator.extensions import db as _db
from incubator.localtime import now_local
from incubator.mentors import contacts, meetings
from incubator.mentors.mentorships import MentorshipRefused
from incubator.mentors.models import MentorMeeting, MentorSession
from incubator.notifications.models import Notification
from tests.conftest import KEY_PATTERN, TEST_PASSWORD, csrf_token, submit
from tests.factories import MentorProfileFactory, MentorshipFactory, UserFactory


def log_in(client, user) -> None:
    client.post("/logout")
    assert submit(client, "/login", {"email": user.email, "password": TEST_PASSWORD}).status_code == 302


def next_week() -> str:
    """A local wall-clock time a week ahead, as a datetime-local input sends it."""
    return (now_local() + timedelta(days=7)).replace(hour=9, minute=30).strftime("%Y-%m-%dT%H:%M")


def proposal(**overrides: str) -> dict:
    return {"starts_local": next_week(), "minutes": "60", "place": "https://meet.example/abc", **overrides}


@pytest.fixture
def pair(db):
    """An active mentorship between a mentor and a founder."""
    return MentorshipFactory(status="active", mentor=UserFactory(role="mentor", full_name="Phạm Hương"))


def test_contact_details_appear_only_after_acceptance_and_only_to_the_other_side(client, db):
    mentorship = MentorshipFactory(status="requested")
    mentor, founder = mentorship.mentor, mentorship.founder
    log_in(client, mentor)
    submit(client, "/mentors/contact", {"share_email": "y", "phone": "0909 123 456", "zalo": "huong.zalo"})
    url = f"/mentors/mentorships/{mentorship.id}"
    log_in(client, founder)
    assert "0909 123 456" not in client.get(url).get_data(as_text=True)  # not before acceptance
    assert contacts.shared_contact(founder, mentorship) == []
    mentorship.status = "active"
    db.session.commit()
    page = client.get(url).get_data(as_text=True)
    assert "0909 123 456" in page and "huong.zalo" in page and mentor.email in page
    log_in(client, mentor)  # the founder chose nothing: the default is their account e-mail only
    assert contacts.shared_contact(mentor, mentorship) == [("E-mail", founder.email)]
    assert founder.email in client.get(url).get_data(as_text=True)
    outsider = UserFactory(role="founder")
    log_in(client, outsider)
    assert client.get(url).status_code == 404
    assert contacts.shared_contact(outsider, mentorship) == []


def test_an_unshared_email_is_never_shown(client, db, pair):
    log_in(client, pair.founder)
    submit(client, "/mentors/contact", {"phone": "0912 000 111"})  # the e-mail box left unticked
    assert contacts.shared_contact(pair.mentor, pair) == [("Phone", "0912 000 111")]


def test_a_founder_proposes_a_time_the_mentor_accepts_and_both_get_the_invitation(client, db, pair):
    log_in(client, pair.founder)
    url = f"/mentors/mentorships/{pair.id}"
    response = submit(client, f"{url}/meetings", proposal(note="Bring the pilot data"), form_url=url)
    meeting = db.session.scalar(select(MentorMeeting))
    assert response.status_code == 302 and meeting.status == "proposed" and meeting.duration_minutes == 60
    assert meeting.starts_at == meetings.to_utc(datetime.fromisoformat(next_week()))  # stored in UTC
    submit(client, f"/mentors/meetings/{meeting.id}/accept", {}, form_url=url)
    db.session.refresh(meeting)
    assert meeting.status == "proposed"  # the proposer cannot accept their own time
    log_in(client, pair.mentor)
    assert submit(client, f"/mentors/meetings/{meeting.id}/accept", {}, form_url=url).status_code == 302
    db.session.refresh(meeting)
    assert meeting.status == "accepted"
    invited = db.session.scalars(select(Notification).where(Notification.kind == "meeting.accepted"))
    assert {(n.user_id, n.link) for n in invited} == {
        (pair.mentor_id, f"/mentors/meetings/{meeting.id}.ics"),
        (pair.founder_id, f"/mentors/meetings/{meeting.id}.ics"),
    }
    for person in (pair.mentor, pair.founder):
        log_in(client, person)
        response = client.get(f"/mentors/meetings/{meeting.id}.ics")
        assert response.mimetype == "text/calendar"
        event = Calendar.from_ical(response.data).walk("VEVENT")[0]
        assert event.decoded("dtstart").strftime("%Y-%m-%dT%H:%M") == next_week()
        assert str(event.decoded("dtstart").tzinfo) == "Asia/Ho_Chi_Minh"
        assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(minutes=60)
        assert str(event["location"]) == "https://meet.example/abc"
    log_in(client, UserFactory(role="mentor"))
    assert client.get(f"/mentors/meetings/{meeting.id}.ics").status_code == 404


def test_an_answer_acts_once_and_a_form_sent_twice_proposes_once(client, db, pair):
    log_in(client, pair.mentor)
    url = f"/mentors/mentorships/{pair.id}"
    html = client.get(url).get_data(as_text=True)
    form = html[html.index('data-testid="meeting-form"') :]
    data = {
        **proposal(),
        "csrf_token": csrf_token(html),
        "idempotency_key": KEY_PATTERN.search(form).group(1),
    }
    first, second = client.post(f"{url}/meetings", data=data), client.post(f"{url}/meetings", data=data)
    assert first.status_code == second.status_code == 302
    meeting = db.session.scalar(select(MentorMeeting))
    assert len(db.session.scalars(select(MentorMeeting)).all()) == 1
    meetings.decline_meeting(meeting, pair.founder)
    with pytest.raises(MentorshipRefused):  # already answered: the conditional update finds no row
        meetings.accept_meeting(meeting, pair.founder)
    db.session.refresh(meeting)
    assert meeting.status == "declined"


def test_the_other_side_proposes_another_time_instead(client, db, pair):
    starts = datetime.fromisoformat(next_week())
    first = meetings.propose_meeting(
        pair, pair.founder, {"starts_local": starts, "minutes": 30, "place": "BDU"}
    )
    log_in(client, pair.mentor)
    url = f"/mentors/mentorships/{pair.id}"
    assert f'name="replaces" type="hidden" value="{first.id}"' in client.get(
        f"{url}?replace={first.id}"
    ).get_data(as_text=True)
    later = proposal(
        starts_local=(starts + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"), replaces=str(first.id)
    )
    assert submit(client, f"{url}/meetings", later, form_url=url).status_code == 302
    db.session.refresh(first)
    second = db.session.scalar(select(MentorMeeting).where(MentorMeeting.id != first.id))
    assert first.status == "replaced" and second.proposed_by_id == pair.mentor_id
    assert second.status == "proposed"
    with pytest.raises(MentorshipRefused):  # a replaced proposal can no longer be accepted
        meetings.accept_meeting(first, pair.mentor)


def test_a_time_in_the_past_or_no_place_changes_nothing_and_keeps_what_was_typed(client, db, pair):
    log_in(client, pair.founder)
    url = f"/mentors/mentorships/{pair.id}"
    past = proposal(starts_local="2020-01-01T09:00", note="Bàn về gọi vốn")
    response = submit(client, f"{url}/meetings", past, form_url=url)
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "Choose a time in the future." in page and "Bàn về gọi vốn" in page
    assert submit(client, f"{url}/meetings", proposal(place=""), form_url=url).status_code == 422
    assert db.session.scalar(select(MentorMeeting)) is None
    pair.status = "requested"
    db.session.commit()
    assert submit(client, f"{url}/meetings", proposal(), form_url=url).status_code == 422
    assert db.session.scalar(select(MentorMeeting)) is None  # no meeting before acceptance


def test_an_accepted_meeting_is_logged_as_a_session_once(client, db, pair):
    starts = datetime.fromisoformat(next_week())
    meeting = meetings.propose_meeting(
        pair, pair.founder, {"starts_local": starts, "minutes": 45, "place": "Hub"}
    )
    meetings.accept_meeting(meeting, pair.mentor)
    meeting.starts_at -= timedelta(days=8)  # it took place yesterday
    db.session.commit()
    log_in(client, pair.mentor)
    url = f"/mentors/mentorships/{pair.id}"
    page = client.get(url).get_data(as_text=True)
    assert f"meeting={meeting.id}" in page  # "log as a session"
    form_url = f"{url}?meeting={meeting.id}"
    assert f'value="{meeting.id}"' in client.get(form_url).get_data(as_text=True)
    data = {"held_on": meetings.to_local(meeting.starts_at).date().isoformat(), "duration_minutes": "45",
            "meeting_id": str(meeting.id)}  # fmt: skip
    assert submit(client, f"{url}/sessions", data, form_url=form_url).status_code == 302
    db.session.refresh(meeting)
    session = db.session.scalar(select(MentorSession))
    assert meeting.session_id == session.id and session.duration_minutes == 45
    submit(client, f"{url}/sessions", data, form_url=form_url)  # a new form, the same meeting: refused
    assert len(db.session.scalars(select(MentorSession)).all()) == 1


def test_the_mentor_home_lists_waiting_requests_and_answers_them(client, db):
    mentor = MentorProfileFactory().user
    waiting = MentorshipFactory(mentor=mentor, message="Cần cố vấn IoT")
    MentorshipFactory(mentor=mentor, status="active")
    log_in(client, mentor)
    page = client.get("/").get_data(as_text=True)
    assert page.count('data-testid="waiting-request"') == 1 and "Cần cố vấn IoT" in page
    response = submit(client, f"/mentors/mentorships/{waiting.id}/accept", {"next_url": "/"}, form_url="/")
    assert response.status_code == 302 and response.location == "/"
    db.session.refresh(waiting)
    assert waiting.status == "active"
    assert 'data-testid="waiting-request"' not in client.get("/").get_data(as_text=True)


def test_concurrent_answers_to_one_proposal_act_once(app, db, pair):
    starts = datetime.fromisoformat(next_week())
    meeting_id = meetings.propose_meeting(
        pair, pair.mentor, {"starts_local": starts, "minutes": 30, "place": "Hub"}
    ).id
    founder_id, threads_count = pair.founder_id, 6
    barrier, outcomes = threading.Barrier(threads_count), [""] * threads_count

    def run(i: int) -> None:
        with app.app_context():
            barrier.wait()
            try:
                action = meetings.accept_meeting if i % 2 else meetings.decline_meeting
                founder = _db.session.get(User, founder_id)
                outcomes[i] = action(_db.session.get(MentorMeeting, meeting_id), founder).status
            except MentorshipRefused as refused:
                outcomes[i] = refused.args[0]
            except Exception as error:  # noqa: BLE001  (shown in the assertion, never swallowed)
                outcomes[i] = repr(error)
            finally:
                _db.session.remove()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    winners = [o for o in outcomes if o in ("accepted", "declined")]
    assert len(winners) == 1 and outcomes.count("This proposal was already answered.") == 5, outcomes
    db.session.expire_all()
    assert db.session.get(MentorMeeting, meeting_id).status == winners[0]
    told = select(Notification).where(Notification.kind.in_(("meeting.accepted", "meeting.declined")))
    assert len(db.session.scalars(told).all()) == (2 if winners[0] == "accepted" else 1)


def test_nobody_answers_or_replaces_a_meeting_of_another_mentorship(client, db, pair):
    starts = datetime.fromisoformat(next_week())
    meeting = meetings.propose_meeting(
        pair, pair.mentor, {"starts_local": starts, "minutes": 30, "place": "Hub"}
    )
    other = MentorshipFactory(status="active", mentor=pair.mentor)
    log_in(client, other.founder)
    own = f"/mentors/mentorships/{other.id}"
    for action in ("accept", "decline"):
        assert submit(client, f"/mentors/meetings/{meeting.id}/{action}", {}, form_url=own).status_code == 404
    replacing = proposal(replaces=str(meeting.id))
    assert submit(client, f"{own}/meetings", replacing, form_url=own).status_code == 404
    db.session.refresh(meeting)
    assert meeting.status == "proposed" and len(db.session.scalars(select(MentorMeeting)).all()) == 1


def agreed(pair) -> MentorMeeting:  # noqa: ANN001
    """A meeting the founder proposed and the mentor accepted, a week ahead."""
    starts = datetime.fromisoformat(next_week())
    meeting = meetings.propose_meeting(
        pair, pair.founder, {"starts_local": starts, "minutes": 60, "place": "Hub"}
    )
    return meetings.accept_meeting(meeting, pair.mentor)


def cancellations() -> list[Notification]:
    return list(_db.session.scalars(select(Notification).where(Notification.kind == "meeting.cancelled")))


@pytest.mark.parametrize("side", ["mentor", "founder"])
def test_either_side_cancels_an_agreed_meeting_once_and_the_other_side_is_told(client, db, pair, side):
    meeting = agreed(pair)
    canceller, other = (pair.mentor, pair.founder) if side == "mentor" else (pair.founder, pair.mentor)
    log_in(client, canceller)
    url = f"/mentors/mentorships/{pair.id}"
    cancel = f"/mentors/meetings/{meeting.id}/cancel"
    assert f'action="{cancel}"' in client.get(url).get_data(as_text=True)
    assert submit(client, cancel, {"message": "Xin lỗi, tôi bận đột xuất"}, form_url=url).status_code == 302
    db.session.refresh(meeting)
    assert meeting.status == "cancelled" and meeting.cancelled_by_id == canceller.id
    assert meeting.cancel_message == "Xin lỗi, tôi bận đột xuất"
    told = {n.user_id: n for n in cancellations()}
    assert set(told) == {canceller.id, other.id}  # both e-mailed; only the other side has news to read
    assert told[other.id].read_at is None and told[canceller.id].read_at is not None
    assert canceller.full_name in told[other.id].message and "bận đột xuất" in told[other.id].message
    page = client.get(url).get_data(as_text=True)
    assert (
        "bận đột xuất" in page
        and f'action="{cancel}"' not in page
        and 'data-testid="meeting-cancelled"' in page
    )
    response = client.get(f"/mentors/meetings/{meeting.id}.ics")  # the download is now the cancellation
    assert str(Calendar.from_ical(response.data).walk("VEVENT")[0]["STATUS"]) == "CANCELLED"
    log_in(client, other)  # a second cancellation, from the other side: refused, nothing sent again
    assert submit(client, cancel, {}, form_url=url).status_code == 302
    with pytest.raises(MentorshipRefused):
        meetings.cancel_meeting(meeting, canceller)
    db.session.refresh(meeting)
    assert meeting.cancelled_by_id == canceller.id and len(cancellations()) == 2


def test_ending_a_mentorship_cancels_its_agreed_meetings_still_to_come(client, db, pair):
    coming, held = agreed(pair), agreed(pair)
    held.starts_at = utcnow() - timedelta(days=1)  # took place: stays as it was
    db.session.commit()
    log_in(client, pair.founder)
    url = f"/mentors/mentorships/{pair.id}"
    response = submit(client, f"{url}/end", {"outcome": "completed"}, form_url=url)
    assert response.status_code == 302
    for row in (pair, coming, held):
        db.session.refresh(row)
    assert pair.status == "completed" and (coming.status, held.status) == ("cancelled", "accepted")
    assert {n.user_id for n in cancellations()} == {pair.founder_id, pair.mentor_id}  # both get the .ics


def test_only_the_two_sides_cancel_and_never_a_meeting_that_started(client, db, pair):
    meeting, url = agreed(pair), f"/mentors/mentorships/{pair.id}"
    cancel = f"/mentors/meetings/{meeting.id}/cancel"
    other = MentorshipFactory(status="active", mentor=pair.mentor)
    log_in(client, other.founder)  # a founder of another mentorship of the same mentor
    assert submit(client, cancel, {}, form_url=f"/mentors/mentorships/{other.id}").status_code == 404
    log_in(client, UserFactory(role="staff"))
    assert submit(client, cancel, {}, form_url="/").status_code == 403
    with pytest.raises(MentorshipRefused):
        meetings.cancel_meeting(meeting, other.founder)
    db.session.refresh(meeting)
    assert meeting.status == "accepted" and cancellations() == []
    meeting.starts_at = utcnow() - timedelta(minutes=5)  # it has started
    db.session.commit()
    log_in(client, pair.founder)
    assert f'action="{cancel}"' not in client.get(url).get_data(as_text=True)
    submit(client, cancel, {}, form_url=url)
    with pytest.raises(MentorshipRefused, match="started"):
        meetings.cancel_meeting(meeting, pair.mentor)
    db.session.refresh(meeting)
    assert meeting.status == "accepted" and cancellations() == []


def test_an_invitation_names_the_other_side_by_e_mail_only_if_they_share_it(client, db, pair):
    meeting = agreed(pair)  # proposed by the founder: the organizer
    log_in(client, pair.founder)
    submit(client, "/mentors/contact", {"phone": "0912 000 111"})  # the e-mail box left unticked
    for reader, hidden in ((pair.mentor, pair.founder.email), (pair.founder, "nobody@")):
        log_in(client, reader)
        body = client.get(f"/mentors/meetings/{meeting.id}.ics").get_data(as_text=True)
        event = Calendar.from_ical(body).walk("VEVENT")[0]
        assert f"mailto:{reader.email}" in map(str, event["ATTENDEE"]) and hidden not in body
        assert str(event["ORGANIZER"].params["CN"]) == pair.founder.full_name
