"""A lab's managers: its rules, machines, trained users, requests, utilisation and calendar address."""

from __future__ import annotations

from datetime import timedelta
from functools import partial

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from incubator.errors import DomainError
from incubator.extensions import db
from incubator.labs import bookings, calendar, feeds, management
from incubator.labs.booking_forms import ConfirmForm, DeclineForm, MachineForm, RulesForm, TrainingForm
from incubator.labs.models import Lab, Machine, Training
from incubator.labs.services import may_manage_lab
from incubator.localtime import today_local
from incubator.permissions import STAFF_ROLES, get_allowed_or_404, role_required, verified_required

bp = Blueprint("lab_admin", __name__, url_prefix="/labs")
MANAGERS = ("university", *STAFF_ROLES)


def managed_lab(lab_id: int) -> Lab:
    """The lab, if the current user manages it (403 for another university's lab)."""
    return get_allowed_or_404(Lab, lab_id, partial(may_manage_lab, current_user))


@bp.route("/<int:lab_id>/rules", methods=["GET", "POST"])
@role_required(*MANAGERS)
@verified_required
def rules(lab_id: int):
    lab = managed_lab(lab_id)
    form = RulesForm(lab, data=management.rules_data(lab))
    if form.validate_on_submit():
        management.update_rules(lab, form.data, form.hours(), form.closed_days(), current_user.id)
        flash(_("Booking rules saved."), "success")
        return redirect(url_for("labs.detail", lab_id=lab.id))
    return render_template("labs/rules.html", lab=lab, form=form)


@bp.route("/<int:lab_id>/machines", methods=["GET", "POST"])
@role_required(*MANAGERS)
@verified_required
def machines(lab_id: int):
    lab = managed_lab(lab_id)
    form = MachineForm(lab)
    if form.validate_on_submit():
        management.save_machine(lab, None, form.data, current_user.id)
        flash(_("Machine added."), "success")
        return redirect(url_for("lab_admin.machines", lab_id=lab.id))
    return render_template("labs/machines.html", lab=lab, form=form, machine=None)


@bp.route("/<int:lab_id>/machines/<int:machine_id>", methods=["GET", "POST"])
@role_required(*MANAGERS)
@verified_required
def edit_machine(lab_id: int, machine_id: int):
    lab = managed_lab(lab_id)
    machine = db.session.get(Machine, machine_id)
    if machine is None or machine.lab_id != lab.id:
        abort(404)
    form = MachineForm(lab, machine)
    if form.validate_on_submit():
        management.save_machine(lab, machine, form.data, current_user.id)
        flash(_("Machine saved."), "success")
        return redirect(url_for("lab_admin.machines", lab_id=lab.id))
    return render_template("labs/machines.html", lab=lab, form=form, machine=machine)


@bp.route("/<int:lab_id>/trainings", methods=["GET", "POST"])
@role_required(*MANAGERS)
@verified_required
def trainings(lab_id: int):
    lab = managed_lab(lab_id)
    form = TrainingForm(lab)
    if form.validate_on_submit():
        try:
            management.mark_trained(lab, form.email.data, form.equipment.data, current_user.id)
            flash(_("Training recorded."), "success")
            return redirect(url_for("lab_admin.trainings", lab_id=lab.id))
        except DomainError as error:
            flash(_(str(error)), "danger")
    listed = management.trainings_of(lab)
    return render_template("labs/trainings.html", lab=lab, form=form, trainings=listed, confirm=ConfirmForm())


@bp.route("/<int:lab_id>/trainings/<int:training_id>/revoke", methods=["POST"])
@role_required(*MANAGERS)
@verified_required
def revoke_training(lab_id: int, training_id: int):
    lab = managed_lab(lab_id)
    training = db.session.get(Training, training_id)
    if training is None or training.lab_id != lab.id or not ConfirmForm().validate_on_submit():
        abort(404)
    management.revoke_training(training, current_user.id)
    return redirect(url_for("lab_admin.trainings", lab_id=lab.id))


@bp.route("/<int:lab_id>/requests")
@role_required(*MANAGERS)
def requests(lab_id: int):
    lab = managed_lab(lab_id)
    listed = bookings.lab_bookings(lab)
    return render_template(
        "labs/requests.html", lab=lab, bookings=listed, confirm=ConfirmForm(), decline=DeclineForm()
    )


@bp.route("/<int:lab_id>/utilisation")
@role_required(*MANAGERS)
def utilisation(lab_id: int):
    lab = managed_lab(lab_id)
    weeks = calendar.lab_utilisation(lab, calendar.monday_of(today_local()) + timedelta(weeks=1), weeks=8)
    return render_template("labs/utilisation.html", lab=lab, weeks=weeks)


@bp.route("/<int:lab_id>/feed", methods=["POST"])
@role_required(*MANAGERS)
@verified_required
def regenerate_feed(lab_id: int):
    lab = managed_lab(lab_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    feeds.regenerate_feed("lab", lab.id, current_user.id)
    flash(_("New calendar address made: the old one no longer works."), "success")
    return redirect(url_for("labs.detail", lab_id=lab.id))
