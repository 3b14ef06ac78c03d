"""Pages to create or join an organization, verify new ones (staff) and manage an organization's people."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from incubator.accounts.models import User
from incubator.errors import DomainError
from incubator.extensions import db
from incubator.organizations import membership as members
from incubator.organizations import verification
from incubator.organizations.forms import (
    AddMemberForm,
    JoinForm,
    MemberActionForm,
    MemberForm,
    OrganizationForm,
    VerificationForm,
)
from incubator.organizations.models import Membership, Organization
from incubator.organizations.services import managed_lab_ids, may_act_for
from incubator.permissions import STAFF_ROLES, role_required, verified_required

bp = Blueprint("organizations", __name__, url_prefix="/organizations")
JOINING_ROLES = ("founder", "university", "enterprise", "mentor", "government")


def managed_organization_or_404(organization_id: int, action: str = "manage_members") -> Organization:
    """The organization #id, if the current user may do `action` for it (else 404: existence hidden)."""
    organization = db.session.get(Organization, organization_id)
    if organization is None or not may_act_for(current_user, organization.id, action):
        abort(404)
    return organization


def membership_in_or_404(organization: Organization, membership_id: int) -> Membership:
    """Membership #id of `organization`, else 404."""
    membership = db.session.get(Membership, membership_id)
    if membership is None or membership.organization_id != organization.id:
        abort(404)
    return membership


@bp.route("/start")
@role_required(*JOINING_ROLES)
def start():
    search = request.args.get("q", "", type=str).strip()[:100]
    return render_template(
        "organizations/start.html",
        memberships=members.my_memberships(current_user),
        can_create=members.kind_for(current_user) is not None,
        search=search,
        found=members.joinable(current_user, search, members.join_kinds(current_user)),
        join_form=JoinForm(),
    )


@bp.route("/new", methods=["GET", "POST"])
@role_required("university", "enterprise")
@verified_required
def new():
    form = OrganizationForm()
    if form.validate_on_submit():
        try:
            organization = members.create_organization(current_user, form.data)
        except DomainError as error:
            flash(_(str(error)), "danger")
        else:
            flash(
                _("Organization created. Becamex staff will verify it; until then its profiles are private."),
                "success",
            )
            return redirect(url_for("partnerships.organization", organization_id=organization.id))
    return render_template("organizations/form.html", form=form, organization=None)


@bp.route("/<int:organization_id>/edit", methods=["GET", "POST"])
@role_required(*JOINING_ROLES, "admin")
@verified_required
def edit(organization_id: int):
    organization = managed_organization_or_404(organization_id, "edit_organization")
    form = OrganizationForm(obj=organization)
    form.submit.label.text = _("Save")
    if form.validate_on_submit():
        try:
            changed = members.update_organization(organization, form.data, current_user)
        except DomainError as error:
            flash(_(str(error)), "danger")
        else:
            flash(_("Changes saved.") if changed else _("Nothing changed."), "success" if changed else "info")
            return redirect(url_for("partnerships.organization", organization_id=organization.id))
    return render_template("organizations/form.html", form=form, organization=organization)


@bp.route("/<int:organization_id>/join", methods=["POST"])
@role_required(*JOINING_ROLES)
@verified_required
def join(organization_id: int):
    organization = db.session.get(Organization, organization_id) or abort(404)
    form = JoinForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        members.ask_to_join(current_user, organization, form.title.data)
    except DomainError as error:
        flash(_(str(error)), "warning")
    else:
        flash(_("Your request was sent to the admins of %(name)s.", name=organization.name), "success")
    return redirect(url_for("organizations.start"))


@bp.route("/<int:organization_id>/members")
@role_required(*JOINING_ROLES, "admin")
def member_list(organization_id: int):
    organization = managed_organization_or_404(organization_id)
    return render_members(organization)


def render_members(organization: Organization, status: int = 200):  # noqa: ANN201
    """The members page, with one role form per active member."""
    rows = []
    for membership in members.memberships_of(organization.id):
        form = MemberForm(
            prefix=f"m{membership.id}", obj=membership, labs=sorted(managed_lab_ids(membership))
        )
        form.labs.choices = members.lab_choices(organization.id)
        rows.append((membership, form))
    return render_template(
        "organizations/members.html", organization=organization, rows=rows, action_form=MemberActionForm()
    ), status


@bp.route("/<int:organization_id>/members/<int:membership_id>", methods=["POST"])
@role_required(*JOINING_ROLES, "admin")
@verified_required
def member_action(organization_id: int, membership_id: int):
    organization = managed_organization_or_404(organization_id)
    membership = membership_in_or_404(organization, membership_id)
    form = MemberActionForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        if form.action.data == "remove":
            members.remove_member(membership, current_user)
            flash(_("The member was removed."), "success")
        else:
            members.decide_request(membership, form.action.data == "approve", current_user)
            flash(
                _("The request was approved.")
                if form.action.data == "approve"
                else _("The request was refused."),
                "success",
            )
    except DomainError as error:
        flash(_(str(error)), "warning")
    return redirect(url_for("organizations.member_list", organization_id=organization.id))


@bp.route("/<int:organization_id>/members/<int:membership_id>/role", methods=["POST"])
@role_required(*JOINING_ROLES, "admin")
@verified_required
def member_role(organization_id: int, membership_id: int):
    organization = managed_organization_or_404(organization_id)
    membership = membership_in_or_404(organization, membership_id)
    form = MemberForm(prefix=f"m{membership.id}")
    form.labs.choices = members.lab_choices(organization.id)
    if not form.validate_on_submit():
        return render_members(organization, 400)
    try:
        changed = members.update_member(
            membership, form.role.data, form.labs.data, form.is_contact.data, current_user
        )
    except DomainError as error:
        flash(_(str(error)), "warning")
    else:
        flash(_("Changes saved.") if changed else _("Nothing changed."), "success" if changed else "info")
    return redirect(url_for("organizations.member_list", organization_id=organization.id))


@bp.route("/verification")
@role_required(*STAFF_ROLES)
def verification_queue():
    waiting = verification.awaiting_verification()
    forms = {o.id: VerificationForm(prefix=f"o{o.id}") for o in waiting}
    return render_template("organizations/verification.html", waiting=waiting, forms=forms)


@bp.route("/<int:organization_id>/verification", methods=["POST"])
@role_required(*STAFF_ROLES)
@verified_required
def verify(organization_id: int):
    organization = db.session.get(Organization, organization_id) or abort(404)
    form = VerificationForm(prefix=f"o{organization.id}")
    if not form.validate_on_submit():
        waiting = verification.awaiting_verification()
        forms = {
            o.id: form if o.id == organization.id else VerificationForm(prefix=f"o{o.id}") for o in waiting
        }
        return render_template("organizations/verification.html", waiting=waiting, forms=forms), 400
    try:
        verification.decide_organization(organization, form.decision.data, form.reason.data, current_user)
    except DomainError as error:
        flash(_(str(error)), "warning")
    else:
        flash(
            _("%(name)s is verified.", name=organization.name)
            if organization.is_verified
            else _("%(name)s was refused.", name=organization.name),
            "success",
        )
    return redirect(url_for("organizations.verification_queue"))


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@role_required("admin")
@verified_required
def user_memberships(user_id: int):
    user = db.session.get(User, user_id) or abort(404)
    form = AddMemberForm()
    form.organization.choices = [
        (o.id, o.name) for o in db.session.scalars(select(Organization).order_by(Organization.name))
    ]
    if form.validate_on_submit():
        organization = db.session.get(Organization, form.organization.data)
        members.add_member(user, organization, form.role.data, current_user)
        flash(
            _("%(person)s was added to %(name)s.", person=user.full_name, name=organization.name), "success"
        )
        return redirect(url_for("organizations.user_memberships", user_id=user.id))
    status = 400 if form.is_submitted() else 200
    return render_template(
        "organizations/user_memberships.html",
        user=user,
        form=form,
        memberships=members.my_memberships(user),
        action_form=MemberActionForm(),
    ), status
