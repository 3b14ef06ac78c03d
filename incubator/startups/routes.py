"""Startup pages: a founder's list of startups, and the profile form to create or edit one."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user

from incubator.feedback import flash_saved
from incubator.pagination import page_number
from incubator.permissions import STAFF_ROLES, get_owned_or_404, role_required, verified_required
from incubator.startups import services
from incubator.startups.forms import StartupForm
from incubator.startups.models import Startup

bp = Blueprint("startups", __name__, url_prefix="/startups")


@bp.route("/")
@role_required("founder")
def index():
    page = services.list_startups(current_user, page_number())
    return render_template("startups/index.html", page=page)


@bp.route("/new", methods=["GET", "POST"])
@role_required("founder")
@verified_required
def new():
    form = StartupForm()
    if form.validate_on_submit():
        _startup, queued = services.create_startup(current_user, form.data)
        flash_saved(queued)
        return redirect(url_for("startups.index"))
    return render_template("startups/form.html", form=form, startup=None)


@bp.route("/<int:startup_id>/edit", methods=["GET", "POST"])
@role_required("founder", *STAFF_ROLES)
@verified_required
def edit(startup_id: int):
    startup = get_owned_or_404(Startup, startup_id)
    form = StartupForm(obj=startup)
    if form.validate_on_submit():
        flash_saved(services.update_startup(startup, form.data, current_user.id))
        return redirect(url_for("startups.edit", startup_id=startup.id))
    return render_template("startups/form.html", form=form, startup=startup)
