"""Founder pages: apply to a program, edit and submit a draft, follow and withdraw an application."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from incubator.extensions import db
from incubator.permissions import get_visible_or_404, role_required, verified_required
from incubator.review import applications
from incubator.review.errors import ReviewRefused
from incubator.review.forms import ConfirmForm, application_form, choices
from incubator.review.models import Application, Program
from incubator.review.program_routes import questions
from incubator.startups.services import list_startups

bp = Blueprint("applications", __name__, url_prefix="/applications")


def is_mine(application: Application) -> bool:
    """Whether the current founder owns the application's startup."""
    return application.startup.owner_id == current_user.id


@bp.route("/new/<int:program_id>", methods=["GET", "POST"])
@role_required("founder")
@verified_required
def new(program_id: int):
    program = db.get_or_404(Program, program_id)
    form = application_form(questions(program))
    startups = list_startups(current_user, 1).items
    form.startup_id.choices = choices((s.id, s.name) for s in startups)
    if not startups:
        flash(_("Create your startup profile first, then apply."), "info")
        return redirect(url_for("startups.new"))
    if form.validate_on_submit():
        startup = next(s for s in startups if s.id == form.startup_id.data)
        try:
            app = applications.start_application(current_user, program, startup, form.application_data())
            flash_saved(app)
            return redirect(url_for("applications.detail", application_id=app.id))
        except ReviewRefused as error:
            flash(error.text(), "danger")
    return render_template("applications/form.html", form=form, program=program, application=None)


def flash_saved(app: Application) -> None:
    """Confirm a save or a submission."""
    if app.status == "submitted":
        flash(_("Application submitted. You will be notified of every step."), "success")
    else:
        flash(_("Draft saved. Submit it before the deadline."), "success")


@bp.route("/<int:application_id>", methods=["GET", "POST"])
@role_required("founder")
@verified_required
def detail(application_id: int):
    app = get_visible_or_404(Application, application_id, is_mine)
    form = application_form(questions(app.program), obj=app) if app.status == "draft" else None
    if form is not None:
        form.startup_id.choices = choices([(app.startup_id, app.startup.name)])
        if form.validate_on_submit():
            try:
                applications.update_draft(app, current_user, form.application_data())
                flash_saved(app)
                return redirect(url_for("applications.detail", application_id=app.id))
            except ReviewRefused as error:
                flash(error.text(), "danger")
    return render_template("applications/detail.html", application=app, form=form,
                           withdraw_form=ConfirmForm(), history=applications.status_history(app))  # fmt: skip


@bp.route("/<int:application_id>/withdraw", methods=["POST"])
@role_required("founder")
@verified_required
def withdraw(application_id: int):
    app = get_visible_or_404(Application, application_id, is_mine)
    if ConfirmForm().validate_on_submit():
        try:
            applications.withdraw(app, current_user)
            flash(_("Application withdrawn."), "info")
        except ReviewRefused as error:
            flash(error.text(), "danger")
    return redirect(url_for("applications.detail", application_id=app.id))
