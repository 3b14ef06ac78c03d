"""Recovery pages: open a verification link, ask for a new one, reset a forgotten password by e-mail."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.routing import BaseConverter

from incubator.accounts import recovery, services
from incubator.accounts.forms import ForgotPasswordForm, ResendVerificationForm, ResetPasswordForm
from incubator.accounts.recovery import LinkRefused
from incubator.accounts.routes import accepted, safe_next, start_session
from incubator.extensions import limiter

bp = Blueprint("recovery", __name__)


class LinkTokenConverter(BaseConverter):
    """`<link_token:token>`: what itsdangerous makes (payload.time.signature); anything else is a 404."""

    regex = r"\.?[\w-]{1,300}\.[\w-]{1,20}\.[\w-]{1,100}"


@bp.record_once
def _add_converter(state) -> None:  # noqa: ANN001
    """Known to the URL map before this blueprint's rules use it."""
    state.app.url_map.converters["link_token"] = LinkTokenConverter


def email_link_limit() -> str:
    return current_app.config["EMAIL_LINK_RATE_LIMIT"]


def address_key() -> str:
    """The address a form names (requests for one address are counted whatever the client's address)."""
    return f"{request.endpoint}:" + (request.form.get("email") or "").strip().lower()


def user_key() -> str:
    """The logged-in user asking for a new link."""
    return f"{request.endpoint}:{getattr(current_user, 'id', None)}"


def refused_link(refused: LinkRefused, purpose: str):  # noqa: ANN201
    """The page of a link that cannot be used: why, and how to get a new one."""
    return render_template("accounts/link_refused.html", message=_(str(refused)), purpose=purpose), 400


@bp.route("/verify/<link_token:token>")
def verify(token: str):
    try:
        user = recovery.verify_email(token)
    except LinkRefused as refused:
        return refused_link(refused, "verify")
    start_session(user)
    flash(_("Thank you: your e-mail address is verified."), "success")
    return redirect(services.next_step_url(user))


@bp.route("/verify/resend", methods=["POST"])
@login_required
@limiter.limit(email_link_limit, key_func=user_key, deduct_when=accepted)
def resend_verification():
    if not ResendVerificationForm().validate_on_submit():
        abort(400)
    if current_user.is_verified:
        flash(_("Your e-mail address is verified already."), "info")
    else:  # queued through the outbox: a broker outage delays the e-mail, never loses it
        services.queue_account_email(current_user.id, services.VERIFY_EMAIL)
        flash(_("We sent a new link to %(email)s. It works for 48 hours.", email=current_user.email), "info")
    return redirect(safe_next(url_for("accounts.profile")))


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
@limiter.limit(email_link_limit, key_func=address_key, methods=["POST"], deduct_when=accepted)
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        recovery.request_password_reset(form.email.data)
        # The same answer, after the same work, whether or not an account uses the address.
        message = _(
            "If an account uses %(email)s, we sent it a link to choose a new password.", email=form.email.data
        )
        flash(message + " " + _("The link works for one hour."), "info")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/forgot_password.html", form=form)


@bp.route("/password/reset/<link_token:token>", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
def reset_password(token: str):
    form = ResetPasswordForm()
    try:
        recovery.user_for_reset(token)
        if form.validate_on_submit():
            recovery.reset_password(token, form.password.data)
            flash(_("Password changed: every session of your account has ended. Log in."), "success")
            return redirect(url_for("accounts.login"))
    except LinkRefused as refused:
        return refused_link(refused, "reset")
    return render_template("accounts/reset_password.html", form=form), 400 if form.is_submitted() else 200
