"""The mentor's own profile page."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user

from incubator.feedback import flash_saved
from incubator.mentors import services
from incubator.mentors.forms import MentorProfileForm
from incubator.permissions import role_required

bp = Blueprint("mentors", __name__, url_prefix="/mentors")


@bp.route("/profile", methods=["GET", "POST"])
@role_required("mentor")
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
