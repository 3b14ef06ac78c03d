"""Pages where enterprises post challenges and universities list research capabilities."""

from __future__ import annotations

from functools import partial

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user

from incubator.challenges import services
from incubator.challenges.forms import CapabilityForm, ChallengeForm, ListSearchForm, NewChallengeForm
from incubator.challenges.models import Capability, Challenge
from incubator.feedback import flash_saved
from incubator.organizations.services import organization_for
from incubator.pagination import page_number
from incubator.permissions import STAFF_ROLES, get_allowed_or_404, role_required, verified_required

bp = Blueprint("challenges", __name__, url_prefix="/challenges")
capabilities_bp = Blueprint("capabilities", __name__, url_prefix="/capabilities")


@bp.route("/")
@role_required("enterprise")
def index():
    form = ListSearchForm(request.args)
    found = services.list_challenges(current_user, page_number(), form.text())
    return render_template("challenges/index.html", form=form, page=found.page, bridges=found.bridges)


@bp.route("/new", methods=["GET", "POST"])
@role_required("enterprise")
@verified_required
def new():
    organization = organization_for(current_user, "enterprise", "publish_challenges")
    form = NewChallengeForm()
    if organization and form.validate_on_submit():
        _challenge, queued = services.create_challenge(current_user, organization, form.data)
        flash_saved(queued)
        return redirect(url_for("challenges.index"))
    return render_template("challenges/form.html", form=form, challenge=None, organization=organization)


@bp.route("/<int:challenge_id>/edit", methods=["GET", "POST"])
@role_required("enterprise", *STAFF_ROLES)
@verified_required
def edit(challenge_id: int):
    allowed = partial(services.may_edit_challenge, current_user)
    challenge = get_allowed_or_404(Challenge, challenge_id, allowed)
    form = ChallengeForm(obj=challenge)
    if form.validate_on_submit():
        flash_saved(services.update_challenge(challenge, form.data, current_user.id))
        return redirect(url_for("challenges.edit", challenge_id=challenge.id))
    organization = challenge.organization
    return render_template("challenges/form.html", form=form, challenge=challenge, organization=organization)


@capabilities_bp.route("/", endpoint="index")
@role_required("university")
def capability_list():
    form = ListSearchForm(request.args)
    found = services.list_capabilities(current_user, page_number(), form.text())
    return render_template("challenges/capabilities.html", form=form, page=found.page, bridges=found.bridges)


@capabilities_bp.route("/new", methods=["GET", "POST"], endpoint="new")
@role_required("university")
@verified_required
def new_capability():
    organization = organization_for(current_user, "university", "publish_capabilities")
    form = CapabilityForm()
    form.related_labs.choices = services.lab_choices(organization.id) if organization else []
    if organization and form.validate_on_submit():
        _capability, queued = services.create_capability(current_user, organization, form.data)
        flash_saved(queued)
        return redirect(url_for("capabilities.index"))
    return render_template(
        "challenges/capability_form.html", form=form, capability=None, organization=organization
    )


@capabilities_bp.route("/<int:capability_id>/edit", methods=["GET", "POST"], endpoint="edit")
@role_required("university", *STAFF_ROLES)
@verified_required
def edit_capability(capability_id: int):
    allowed = partial(services.may_edit_capability, current_user)
    capability = get_allowed_or_404(Capability, capability_id, allowed)
    form = CapabilityForm(obj=capability, related_labs=[lab.id for lab in capability.labs])
    form.related_labs.choices = services.lab_choices(capability.organization_id)
    if form.validate_on_submit():
        flash_saved(services.update_capability(capability, form.data, current_user.id))
        return redirect(url_for("capabilities.edit", capability_id=capability.id))
    return render_template(
        "challenges/capability_form.html",
        form=form,
        capability=capability,
        organization=capability.organization,
    )
