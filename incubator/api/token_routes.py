"""The organisation's API tokens page: its admins create, see (last use included) and revoke tokens."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from incubator.api import tokens
from incubator.api.forms import RevokeForm, TokenForm
from incubator.api.models import ApiToken
from incubator.database import utcnow
from incubator.extensions import db
from incubator.localtime import end_of_local_day
from incubator.organizations.models import Organization
from incubator.organizations.services import may_act_for
from incubator.permissions import role_required, verified_required

bp = Blueprint("api_tokens", __name__, url_prefix="/organizations")
MEMBER_ROLES = ("founder", "university", "enterprise", "mentor", "government", "admin")


def tokens_organization_or_404(organization_id: int) -> Organization:
    """The organisation #id, if the current user is one of its admins (else 404: existence hidden)."""
    organization = db.session.get(Organization, organization_id)
    if organization is None or not may_act_for(current_user, organization.id, "manage_api_tokens"):
        abort(404)
    return organization


def render_tokens(organization: Organization, form: TokenForm, secret: str | None = None, status: int = 200):  # noqa: ANN201
    return render_template(
        "api/tokens.html",
        organization=organization,
        form=form,
        revoke_form=RevokeForm(),
        tokens=tokens.organization_tokens(organization.id),
        secret=secret,
        now=utcnow(),
    ), status


@bp.route("/<int:organization_id>/api-tokens", methods=["GET", "POST"])
@role_required(*MEMBER_ROLES)
@verified_required
def token_list(organization_id: int):
    organization = tokens_organization_or_404(organization_id)
    form = TokenForm()
    if form.validate_on_submit():
        expires_at = end_of_local_day(form.expires_on.data)
        _token, secret = tokens.create_token(
            organization, current_user, form.name.data, form.scope.data, expires_at
        )
        return render_tokens(organization, TokenForm(formdata=None), secret)  # shown once, never stored
    return render_tokens(organization, form, status=400 if form.is_submitted() else 200)


@bp.route("/<int:organization_id>/api-tokens/<int:token_id>/revoke", methods=["POST"])
@role_required(*MEMBER_ROLES)
@verified_required
def revoke(organization_id: int, token_id: int):
    organization = tokens_organization_or_404(organization_id)
    token = db.session.get(ApiToken, token_id)
    if token is None or token.organization_id != organization.id:
        abort(404)
    if not RevokeForm().validate_on_submit():
        abort(400)
    if tokens.revoke_token(token, current_user.id):
        flash(_("The token %(name)s was revoked.", name=token.name), "success")
    return redirect(url_for("api_tokens.token_list", organization_id=organization.id))
