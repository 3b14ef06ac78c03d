"""Contact cards and meetings: what each side shares, times proposed, answered and cancelled, .ics files."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from incubator.extensions import db
from incubator.mentors import contacts, meetings, mentorships
from incubator.mentors.forms import AnswerForm, CancelMeetingForm, ContactCardForm, MeetingForm
from incubator.mentors.models import MentorMeeting
from incubator.mentors.routes import bp, mentorship_page, visible
from incubator.permissions import role_required, verified_required


@bp.route("/contact", methods=["GET", "POST"])
@role_required("founder", "mentor")
@verified_required
def contact():
    card = contacts.contact_card(current_user)
    form = ContactCardForm(obj=card)
    if form.validate_on_submit():
        contacts.save_contact_card(current_user, form.data)
        flash(_("Saved: the other side of your accepted mentorships sees these details."), "success")
        return redirect(url_for("mentors.contact"))
    return render_template("mentors/contact.html", form=form)


@bp.route("/mentorships/<int:mentorship_id>/meetings", methods=["POST"])
@role_required("founder", "mentor")
@verified_required
def propose_meeting(mentorship_id: int):
    found = visible(mentorship_id)
    form = MeetingForm()
    if not form.validate_on_submit():
        return mentorship_page(found, form, 422)  # what they typed stays, with the field errors
    replaces = None
    if form.replaces.data:
        replaces = visible_meeting(form.replaces.data)
        if replaces.mentorship_id != found.id:
            abort(404)
    try:
        meetings.propose_meeting(found, current_user, form.data, replaces)
    except mentorships.MentorshipRefused as refused:
        flash(refused.translated(), "danger")
        return mentorship_page(found, form, 422)
    flash(_("Meeting time proposed: the other side is notified."), "success")
    return redirect(url_for("mentors.mentorship", mentorship_id=found.id, _anchor="meetings"))


def visible_meeting(meeting_id: int) -> MentorMeeting:
    """The meeting if the current user is a side of its mentorship; 404 otherwise."""
    found = db.session.get(MentorMeeting, meeting_id)
    if found is None or not mentorships.may_see(current_user, found.mentorship):
        abort(404)
    return found


def answer(meeting_id: int, action: object, done: str) -> Response:
    """Run an answer to a proposed meeting, flashing what it did or why it was refused."""
    meeting = visible_meeting(meeting_id)
    if not AnswerForm().validate_on_submit():
        flash(_("This action is not allowed here."), "danger")
    else:
        try:
            action(meeting, current_user)
        except mentorships.MentorshipRefused as refused:
            flash(refused.translated(), "danger")
        else:
            flash(done, "success")
    return redirect(url_for("mentors.mentorship", mentorship_id=meeting.mentorship_id, _anchor="meetings"))


@bp.route("/meetings/<int:meeting_id>/accept", methods=["POST"])
@role_required("founder", "mentor")
@verified_required
def accept_meeting(meeting_id: int):
    done = _("Meeting agreed: both of you received the invitation.")
    return answer(meeting_id, meetings.accept_meeting, done)


@bp.route("/meetings/<int:meeting_id>/decline", methods=["POST"])
@role_required("founder", "mentor")
@verified_required
def decline_meeting(meeting_id: int):
    return answer(meeting_id, meetings.decline_meeting, _("Meeting declined: the other side is notified."))


@bp.route("/meetings/<int:meeting_id>/cancel", methods=["POST"])
@role_required("founder", "mentor")
@verified_required
def cancel_meeting(meeting_id: int):
    meeting = visible_meeting(meeting_id)  # only its two sides see it
    form = CancelMeetingForm()
    if not form.validate_on_submit():
        flash(_("This action is not allowed here."), "danger")
    else:
        try:
            meetings.cancel_meeting(meeting, current_user, form.message.data or "")
        except mentorships.MentorshipRefused as refused:
            flash(refused.translated(), "danger")
        else:
            flash(_("Meeting cancelled: both of you received the calendar cancellation."), "success")
    return redirect(url_for("mentors.mentorship", mentorship_id=meeting.mentorship_id, _anchor="meetings"))


@bp.route("/meetings/<int:meeting_id>.ics")
@role_required("founder", "mentor")
def meeting_invitation(meeting_id: int):
    meeting = visible_meeting(meeting_id)
    if meeting.status not in ("accepted", "cancelled"):  # a cancelled one: its cancellation
        abort(404)
    page = url_for("mentors.mentorship", mentorship_id=meeting.mentorship_id, _external=True)
    body = meetings.invitation(meeting, current_user, page)
    headers = {"Content-Disposition": f'attachment; filename="meeting-{meeting.id}.ics"'}
    return Response(body, mimetype="text/calendar", headers=headers)
