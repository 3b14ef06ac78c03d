"""Pages of introductions (answer them) and partnerships (follow them), and an organization's page."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from incubator.errors import DomainError
from incubator.extensions import db
from incubator.organizations.models import Organization
from incubator.organizations.services import may_act_for
from incubator.organizations.visibility import may_see
from incubator.pagination import page_number
from incubator.partnerships import introductions, services
from incubator.partnerships.forms import (
    AnswerForm,
    DeleteOutcomeForm,
    OutcomeEditForm,
    OutcomeForm,
    StatusForm,
    outcome_edit_forms,
)
from incubator.partnerships.models import Introduction, Partnership, PartnershipOutcome
from incubator.partnerships.parties import may_read_private, people
from incubator.permissions import role_required, verified_required

bp = Blueprint("partnerships", __name__)
PARTIES = ("founder", "university", "enterprise", "mentor")
EVERYONE = (*PARTIES, "staff", "admin", "government")


def form_errors(form: object) -> str:
    """A refused form's errors as one message (a missing or future date, a note too long)."""
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


def visible_or_404(model: type, object_id: int, may_view: object) -> object:
    """Load `model` #`object_id`, or 404 when it is missing or the current user may not see it."""
    obj = db.session.get(model, object_id)
    if obj is None or not may_view(current_user, obj):
        abort(404)
    return obj


def editable_outcome_or_404(partnership_id: int, outcome_id: int) -> PartnershipOutcome:
    """An outcome of a partnership the current user may edit, or 404 (outsiders never learn it exists)."""
    found = visible_or_404(Partnership, partnership_id, services.may_edit)
    return services.outcome_of(found, outcome_id) or abort(404)


@bp.route("/introductions/")
@role_required(*PARTIES, "staff", "admin")
def introduction_list():
    page = introductions.list_introductions(current_user, page_number())
    titles = introductions.side_titles(page.items)
    return render_template("partnerships/introductions.html", page=page, titles=titles)


@bp.route("/introductions/<int:introduction_id>")
@role_required(*PARTIES, "staff", "admin")
def introduction(introduction_id: int):
    found = db.session.get(Introduction, introduction_id) or abort(404)
    sides = introductions.sides(found)  # once: the access check and the page read the same parties
    if not introductions.may_view(current_user, found, sides):
        abort(404)
    mine = introductions.sides_of(found, current_user, sides)
    return render_template(
        "partnerships/introduction.html",
        introduction=found,
        sides=sides,
        private=may_read_private(current_user, sides),
        can_answer=found.status == "pending" and any(found.response(s) == "pending" for s in mine),
        form=AnswerForm(),
        partnership=services.of_introduction(found.id),
        people=people,
    )


@bp.route("/introductions/<int:introduction_id>/answer", methods=["POST"])
@role_required(*PARTIES, "staff", "admin")
@verified_required
def answer(introduction_id: int):
    found = visible_or_404(Introduction, introduction_id, lambda u, i: introductions.sides_of(i, u))
    form = AnswerForm()
    if not form.validate_on_submit():
        flash(_("Please say why you decline."), "warning")
        return redirect(url_for("partnerships.introduction", introduction_id=found.id))
    try:
        introductions.answer(found, current_user, form.response.data, form.reason.data or "")
        flash(_("Your answer was recorded."), "success")
    except DomainError as error:
        flash(_(str(error)), "warning")
    return redirect(url_for("partnerships.introduction", introduction_id=found.id))


@bp.route("/partnerships/")
@role_required(*EVERYONE)
def partnership_list():
    page = services.list_partnerships(current_user, page_number())
    return render_template(
        "partnerships/partnerships.html", page=page, subjects=services.subjects(page.items)
    )


@bp.route("/partnerships/<int:partnership_id>")
@role_required(*EVERYONE)
def partnership(partnership_id: int):
    found = db.session.get(Partnership, partnership_id) or abort(404)
    parties = services.parties_of(found)  # once: the access checks and the page read the same parties
    if not services.may_view(current_user, found, parties):
        abort(404)
    editable = services.may_edit(current_user, found, parties)
    return render_template(
        "partnerships/partnership.html",
        partnership=found,
        parties=parties,
        editable=editable,
        show_contacts=may_read_private(current_user, parties),
        people=people,
        status_form=StatusForm(formdata=None, status=found.status),
        outcome_form=OutcomeForm(formdata=None),
        edit_forms=outcome_edit_forms(found.outcomes) if editable else {},
        delete_form=DeleteOutcomeForm(formdata=None),
        next_statuses=services.TRANSITIONS.get(found.status, ()),
    )


@bp.route("/partnerships/<int:partnership_id>/status", methods=["POST"])
@role_required(*PARTIES, "staff", "admin")
@verified_required
def change_status(partnership_id: int):
    found = visible_or_404(Partnership, partnership_id, services.may_edit)
    form = StatusForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        services.set_status(found, form.status.data, current_user)
        flash(_("The partnership was updated."), "success")
    except DomainError as error:
        flash(_(str(error)), "warning")
    return redirect(url_for("partnerships.partnership", partnership_id=found.id))


@bp.route("/partnerships/<int:partnership_id>/outcomes", methods=["POST"])
@role_required(*PARTIES, "staff", "admin")
@verified_required
def add_outcome(partnership_id: int):
    found = visible_or_404(Partnership, partnership_id, services.may_edit)
    form = OutcomeForm()
    if not form.validate_on_submit():
        flash(form_errors(form), "warning")
        return redirect(url_for("partnerships.partnership", partnership_id=found.id))
    try:
        services.add_outcome(found, current_user, form.kind.data, form.happened_on.data, form.note.data or "")
        flash(_("The outcome was recorded."), "success")
    except DomainError as error:
        flash(_(str(error)), "warning")
    return redirect(url_for("partnerships.partnership", partnership_id=found.id))


@bp.route("/partnerships/<int:partnership_id>/outcomes/<int:outcome_id>/edit", methods=["POST"])
@role_required(*PARTIES, "staff", "admin")
@verified_required
def edit_outcome(partnership_id: int, outcome_id: int):
    outcome = editable_outcome_or_404(partnership_id, outcome_id)
    form = OutcomeEditForm(prefix=f"outcome-{outcome.id}")
    if not form.validate_on_submit():
        flash(form_errors(form), "warning")
        return redirect(url_for("partnerships.partnership", partnership_id=partnership_id))
    try:
        data = form.data
        services.edit_outcome(outcome, current_user, data["kind"], data["happened_on"], data["note"] or "")
        flash(_("The outcome was updated."), "success")
    except DomainError as error:
        flash(_(str(error)), "warning")
    return redirect(url_for("partnerships.partnership", partnership_id=partnership_id))


@bp.route("/partnerships/<int:partnership_id>/outcomes/<int:outcome_id>/delete", methods=["POST"])
@role_required(*PARTIES, "staff", "admin")
@verified_required
def delete_outcome(partnership_id: int, outcome_id: int):
    outcome = editable_outcome_or_404(partnership_id, outcome_id)
    if not DeleteOutcomeForm().validate_on_submit():
        abort(400)
    try:
        services.delete_outcome(outcome, current_user)
        flash(_("The outcome was deleted."), "success")
    except DomainError as error:
        flash(_(str(error)), "warning")
    return redirect(url_for("partnerships.partnership", partnership_id=partnership_id))


@bp.route("/organizations/<int:organization_id>")
@role_required(*EVERYONE)
def organization(organization_id: int):
    found = visible_or_404(Organization, organization_id, may_see)
    partnerships = services.of_organization(found.id)
    manage_links = may_act_for(current_user, found.id, "manage_members")
    return render_template(
        "partnerships/organization.html",
        organization=found,
        partnerships=partnerships,
        manage_links=manage_links,
        api_tokens_link=may_act_for(current_user, found.id, "manage_api_tokens"),
    )
