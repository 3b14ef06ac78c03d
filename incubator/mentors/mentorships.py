"""Mentorships: a founder asks, the mentor accepts within capacity or declines, sessions are logged."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext
from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from incubator.accounts.models import User
from incubator.audit.services import record
from incubator.database import lock_for_writing, utcnow
from incubator.errors import N_, DomainError
from incubator.extensions import db
from incubator.mentors.models import MentorMeeting, MentorProfile, MentorSession, Mentorship
from incubator.notifications.services import notify_translated
from incubator.startups.models import Startup

OPEN = ("requested", "active")
OUTCOMES = ("completed", "cancelled")


class MentorshipRefused(DomainError):
    """A mentorship rule refused the action; `translated()` gives the reader's-language message."""

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message)
        self.params = params

    def translated(self) -> str:
        """The message in the current locale, with its parameters."""
        return gettext(self.args[0], **self.params)


def refuse(message: str, **params: object) -> MentorshipRefused:
    """End the transaction and build the refusal to raise."""
    db.session.rollback()
    return MentorshipRefused(message, **params)


def tell(user: User, kind: str, message: str, mentorship: Mentorship, **params: object) -> None:
    """Notify `user` about `mentorship`, read in each reader's language (a plain path: no request needed)."""
    link = f"/mentors/mentorships/{mentorship.id}"
    notify_translated(user, kind, message, link, startup=mentorship.startup.name, **params)


def active_mentees(mentor_id: int) -> int:
    """How many mentorships `mentor_id` runs now."""
    query = select(func.count()).where(Mentorship.mentor_id == mentor_id, Mentorship.status == "active")
    return db.session.scalar(query) or 0


def request_mentorship(founder: User, profile: MentorProfile, startup: Startup, message: str) -> Mentorship:
    """A founder asks a mentor to mentor one of their startups."""
    if startup.owner_id != founder.id:
        raise MentorshipRefused(N_("Choose one of your startups."))
    if not profile.available:
        raise MentorshipRefused(N_("This mentor takes no new mentees right now."))
    query = select(Mentorship.id).where(
        Mentorship.mentor_id == profile.user_id,
        Mentorship.startup_id == startup.id,
        Mentorship.status.in_(OPEN),
    )
    if db.session.scalar(query) is not None:
        raise MentorshipRefused(
            N_("This startup already has an open request or mentorship with this mentor.")
        )
    mentorship = Mentorship(
        mentor_id=profile.user_id, founder_id=founder.id, startup=startup, message=message
    )
    db.session.add(mentorship)
    db.session.flush()
    record(founder.id, "mentorship.requested", mentorship, startup_id=startup.id)
    tell(
        profile.user,
        "mentorship.requested",
        N_("%(name)s asks you to mentor %(startup)s."),
        mentorship,
        name=founder.full_name,
    )
    db.session.commit()
    return mentorship


def lock(mentorship: Mentorship) -> Mentorship:
    """Re-read the mentorship and lock its mentor's profile, so concurrent accepts count one by one."""
    lock_for_writing(db.session)
    profile = select(MentorProfile.id).where(MentorProfile.user_id == mentorship.mentor_id).with_for_update()
    db.session.execute(profile)
    db.session.refresh(mentorship, with_for_update=True)
    return mentorship


def accept_mentorship(mentorship: Mentorship, mentor: User) -> Mentorship:
    """The mentor accepts a request, unless they already mentor as many startups as their capacity."""
    if lock(mentorship).status != "requested":
        raise refuse(N_("This request was already answered."))
    profile = db.session.scalar(select(MentorProfile).where(MentorProfile.user_id == mentor.id))
    capacity = profile.max_mentees if profile else 0
    if active_mentees(mentor.id) >= capacity:
        raise refuse(N_("At capacity: you mentor at most %(num)d startups at once."), num=capacity)
    mentorship.status, mentorship.decided_at = "active", utcnow()
    record(mentor.id, "mentorship.accepted", mentorship)
    tell(
        mentorship.founder,
        "mentorship.accepted",
        N_("Your mentor accepted to mentor %(startup)s."),
        mentorship,
    )
    db.session.commit()
    return mentorship


def decline_mentorship(mentorship: Mentorship, mentor: User, reason: str) -> Mentorship:
    """The mentor declines a request with a reason the founder reads."""
    if lock(mentorship).status != "requested":
        raise refuse(N_("This request was already answered."))
    mentorship.status, mentorship.decided_at, mentorship.reason = "declined", utcnow(), reason
    record(mentor.id, "mentorship.declined", mentorship, reason=reason)
    message = N_("Your mentorship request for %(startup)s was declined: %(reason)s")
    tell(mentorship.founder, "mentorship.declined", message, mentorship, reason=reason)
    db.session.commit()
    return mentorship


def log_session(
    mentorship: Mentorship,
    mentor: User,
    held_on: date,
    minutes: int,
    notes: str,
    private: str,
    meeting: MentorMeeting | None = None,
) -> MentorSession:
    """The mentor logs a session of an active mentorship: shared notes, and private notes only they read;
    with `meeting`, the accepted meeting it was (each meeting is logged once)."""
    if mentorship.status != "active":
        raise MentorshipRefused(N_("Sessions are logged only in an active mentorship."))
    session = MentorSession(
        mentorship=mentorship, held_on=held_on, duration_minutes=minutes, notes=notes, private_notes=private
    )
    db.session.add(session)
    db.session.flush()
    if meeting is not None:
        link_session(meeting, mentorship, session.id)
    record(mentor.id, "mentorship.session_logged", session, mentorship_id=mentorship.id, minutes=minutes)
    tell(
        mentorship.founder,
        "mentorship.session",
        N_("A mentoring session for %(startup)s was logged."),
        mentorship,
    )
    db.session.commit()
    return session


def link_session(meeting: MentorMeeting, mentorship: Mentorship, session_id: int) -> None:
    """Mark an accepted meeting of `mentorship` as logged by `session_id`, once (conditioned on its state)."""
    change = update(MentorMeeting).where(
        MentorMeeting.id == meeting.id,
        MentorMeeting.mentorship_id == mentorship.id,
        MentorMeeting.status == "accepted",
        MentorMeeting.session_id.is_(None),
        MentorMeeting.starts_at <= utcnow(),
    )
    if db.session.execute(change.values(session_id=session_id)).rowcount != 1:
        raise refuse(N_("This meeting cannot be logged: it was logged already or has not taken place."))


def close(mentorship: Mentorship, user: User, outcome: str) -> Mentorship:
    """Either side ends an active mentorship as completed or cancelled; a founder may withdraw a request.
    In the current transaction: `meetings.end_mentorship` commits it with the cancelled meetings."""
    status = lock(mentorship).status
    withdrawing = status == "requested" and user.id == mentorship.founder_id and outcome == "cancelled"
    if outcome not in OUTCOMES or not (status == "active" or withdrawing):
        raise refuse(N_("This mentorship cannot end this way."))
    mentorship.status, mentorship.ended_at = outcome, utcnow()
    record(user.id, f"mentorship.{outcome}", mentorship)
    other = mentorship.mentor if user.id == mentorship.founder_id else mentorship.founder
    tell(other, f"mentorship.{outcome}", N_("The mentorship for %(startup)s has ended."), mentorship)
    return mentorship


def may_see(user: User, mentorship: Mentorship) -> bool:
    """Only its mentor and its founder see a mentorship."""
    return user.id in (mentorship.mentor_id, mentorship.founder_id)


def mentorships_of(user: User) -> list[Mentorship]:
    """`user`'s mentorships as mentor or founder, the newest first."""
    query = select(Mentorship).where((Mentorship.mentor_id == user.id) | (Mentorship.founder_id == user.id))
    query = query.options(
        selectinload(Mentorship.startup), selectinload(Mentorship.mentor), selectinload(Mentorship.founder)
    )
    return list(db.session.scalars(query.order_by(Mentorship.created_at.desc(), Mentorship.id.desc())))


def waiting_requests(mentor: User) -> list[Mentorship]:
    """Requests waiting for `mentor`'s answer, the oldest first (their home page lists them)."""
    query = select(Mentorship).where(Mentorship.mentor_id == mentor.id, Mentorship.status == "requested")
    query = query.options(selectinload(Mentorship.startup), selectinload(Mentorship.founder))
    return list(db.session.scalars(query.order_by(Mentorship.created_at, Mentorship.id)))
