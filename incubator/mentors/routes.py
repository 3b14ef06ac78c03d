"""Mentor pages: the own profile, the directory, mentorship requests, answers and sessions; contact
cards and meetings live in `meeting_routes`."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from incubator.database import utcnow
from incubator.extensions import db
from incubator.feedback import flash_saved
from incubator.labels import label
from incubator.localtime import to_local
from incubator.mentors import contacts, meetings, mentorships, services
from incubator.mentors.forms import (
    AnswerForm,
    CancelMeetingForm,
    EndForm,
    MeetingForm,
    MentorProfileForm,
    MentorSearchForm,
    MentorshipRequestForm,
    ReasonForm,
    SessionForm,
)
from incubator.mentors.models import MentorMeeting, MentorProfile, Mentorship
from incubator.pagination import page_number
from incubator.permissions import STAFF_ROLES, role_required, verified_required
from incubator.security import MAX_DATABASE_ID
from incubator.startups.models import Startup

bp = Blueprint("mentors", __name__, url_prefix="/mentors")


@bp.route("/profile", methods=["GET", "POST"])
@role_required("mentor")
@verified_required
def profile():
    found = services.find_mentor_profile(current_user)
    form = MentorProfileForm(obj=found)
    if form.validate_on_submit():
        if found is None:
            _profile, queued = services.create_mentor_profile(current_user, form.data)
        else:
            queued = services.update_mentor_profile(found, form.data, current_user.id)
        flash_saved(queued)
        return redirect(url_for("mentors.profile"))
    return render_template("mentors/profile.html", form=form, profile=found)


@bp.route("/")
@role_required("founder", *STAFF_ROLES)
def directory():
    form = MentorSearchForm(request.args)
    found = services.mentor_directory(**form.criteria(), page=page_number())
    return render_template("mentors/directory.html", form=form, page=found.page, bridges=found.bridges)


@bp.route("/<int:profile_id>/request", methods=["GET", "POST"])
@role_required("founder")
@verified_required
def request_mentor(profile_id: int):
    profile = db.session.get(MentorProfile, profile_id) or abort(404)
    startups = list(db.session.scalars(select(Startup).where(Startup.owner_id == current_user.id)))
    form = MentorshipRequestForm(startups)
    if form.validate_on_submit():
        startup = db.session.get(Startup, int(form.startup.data))
        try:
            found = mentorships.request_mentorship(current_user, profile, startup, form.message.data)
        except mentorships.MentorshipRefused as refused:
            flash(refused.translated(), "danger")
        else:
            flash(_("Request sent."), "success")
            return redirect(url_for("mentors.mentorship", mentorship_id=found.id))
    return render_template("mentors/request.html", profile=profile, form=form, startups=startups)


@bp.route("/mentorships")
@role_required("founder", "mentor")
def mentorships_page():
    return render_template("mentors/mentorships.html", mentorships=mentorships.mentorships_of(current_user))


def visible(mentorship_id: int) -> Mentorship:
    """The mentorship if the current user is its mentor or founder; 404 otherwise."""
    found = db.session.get(Mentorship, mentorship_id)
    if found is None or not mentorships.may_see(current_user, found):
        abort(404)
    return found


@bp.route("/mentorships/<int:mentorship_id>")
@role_required("founder", "mentor")
def mentorship(mentorship_id: int):
    return mentorship_page(visible(mentorship_id))


def mentorship_page(
    found: Mentorship, meeting_form: MeetingForm | None = None, status: int = 200, **kept: object
):  # noqa: ANN201, E501
    """The mentorship's page: its sessions, meetings, the other side's contact once accepted, the forms;
    `kept` are the forms refused, shown again with what was typed."""
    session_form = kept.pop("session", None) or SessionForm()
    meeting_id = request.args.get("meeting", 0, type=int)
    meeting = db.session.get(MentorMeeting, meeting_id) if 0 < meeting_id <= MAX_DATABASE_ID else None
    if request.method == "GET" and meeting is not None and meeting.mentorship_id == found.id:
        session_form.meeting_id.data = meeting.id  # "log this meeting as a session": prefilled
        session_form.held_on.data = to_local(meeting.starts_at).date()
        session_form.duration_minutes.data = meeting.duration_minutes
    proposal = meeting_form or MeetingForm(replaces=request.args.get("replace", type=int))
    forms = {"accept": AnswerForm(), "decline": ReasonForm(), "end": EndForm(), "session": session_form}
    body = render_template(
        "mentors/mentorship.html",
        mentorship=found,
        meetings=meetings.meetings_of(found),
        contact=contacts.shared_contact(current_user, found),
        meeting_form=proposal,
        answer_form=AnswerForm(),
        cancel_form=CancelMeetingForm(),
        now=utcnow(),
        **(forms | kept),
    )
    return body, status


def act(mentorship_id: int, name: str, form: object, action: object, *args: object, done: str,
        mentor_only: bool = True):  # fmt: skip # noqa: ANN201
    """Run a decision on a mentorship the current user takes part in: confirmed with `done` and the
    changed page, or refused on the page with the form `name` keeping what was typed."""
    found = visible(mentorship_id)
    if mentor_only and found.mentor_id != current_user.id:
        flash(_("This action is not allowed here."), "danger")
        return redirect(url_for("mentors.mentorship", mentorship_id=found.id))
    if form.validate_on_submit():
        try:
            action(found, current_user, *args)
        except mentorships.MentorshipRefused as refused:
            flash(refused.translated(), "danger")
        else:
            flash(done, "success")
            back = getattr(getattr(form, "next_url", None), "data", "")
            return redirect(back or url_for("mentors.mentorship", mentorship_id=found.id))
    return mentorship_page(found, status=400, **{name: form})


@bp.route("/mentorships/<int:mentorship_id>/accept", methods=["POST"])
@role_required("mentor")
@verified_required
def accept(mentorship_id: int):
    done = _("Mentorship accepted: it is now active, and the founder was notified.")
    return act(mentorship_id, "accept", AnswerForm(), mentorships.accept_mentorship, done=done)


@bp.route("/mentorships/<int:mentorship_id>/decline", methods=["POST"])
@role_required("mentor")
@verified_required
def decline(mentorship_id: int):
    form = ReasonForm()
    done = _("Request declined; the founder was notified.")
    return act(mentorship_id, "decline", form, mentorships.decline_mentorship, form.reason.data, done=done)


@bp.route("/mentorships/<int:mentorship_id>/sessions", methods=["POST"])
@role_required("mentor")
@verified_required
def log_session(mentorship_id: int):
    f = SessionForm()
    meeting = db.session.get(MentorMeeting, f.meeting_id.data) if f.meeting_id.data else None
    args = (f.held_on.data, f.duration_minutes.data, f.notes.data or "", f.private_notes.data or "", meeting)
    done = _("Session logged: it is listed below.")
    return act(mentorship_id, "session", f, mentorships.log_session, *args, done=done)


@bp.route("/mentorships/<int:mentorship_id>/end", methods=["POST"])
@role_required("founder", "mentor")
@verified_required
def end(mentorship_id: int):
    form = EndForm()
    done = _("Mentorship ended: %(status)s.", status=label(form.outcome.data or "", "mentorship_status"))
    return act(mentorship_id, "end", form, meetings.end_mentorship, form.outcome.data, done=done,
               mentor_only=False)  # fmt: skip


from incubator.mentors import meeting_routes  # noqa: E402, F401 (its routes join this blueprint)
