"""Account pages: register, log in and out, profile, password, language; admin user list and user page."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask.wrappers import Response
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from incubator.accounts import figures, services, throttle
from incubator.accounts.forms import (
    AdminCreateUserForm,
    AdminUserForm,
    ChangePasswordForm,
    EndSessionsForm,
    LanguageForm,
    LoginForm,
    ProfileForm,
    RegistrationForm,
)
from incubator.accounts.models import User
from incubator.errors import DomainError
from incubator.extensions import limiter, login_manager
from incubator.pagination import page_number
from incubator.permissions import role_required, verified_required

bp = Blueprint("accounts", __name__)
admin_bp = Blueprint("admin", __name__, url_prefix="/admin")


@login_manager.user_loader
def load_user(session_token: str) -> User | None:
    return figures.load_user(session_token)  # with the figures other packages registered: one query


def clear_session() -> None:
    """Empty the session (CSRF token included), keeping only the language picked."""
    language = session.get("language")
    session.clear()
    if language:
        session["language"] = language


def start_session(user: User) -> None:
    """Log `user` in on a fresh session (new CSRF token, nothing kept from before: no fixation)."""
    clear_session()
    login_user(user)


def safe_next(default: str) -> str:
    """The `next` parameter when it is a plain path inside this site, else `default`."""
    target = request.args.get("next", "")
    parts = urlsplit(target)
    plain = target.isprintable() and "\\" not in target and not parts.scheme and not parts.netloc
    if plain and target.startswith("/") and not target.startswith("//"):
        return target
    return default


def render_profile(form: ProfileForm | None = None, password_form: ChangePasswordForm | None = None):  # noqa: ANN201
    """The profile page with its three forms."""
    return render_template(
        "accounts/profile.html",
        form=form or ProfileForm(obj=current_user),
        password_form=password_form or ChangePasswordForm(),
        sessions_form=EndSessionsForm(),
    )


def registered_address() -> str:
    """The address a registration names: the e-mails sent to one address are counted."""
    return "register:" + (request.form.get("email") or "").strip().lower()


def accepted(response: Response) -> bool:
    """A form that was accepted (it redirects): only those send e-mail."""
    return response.status_code == 302


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(
    lambda: current_app.config["EMAIL_LINK_RATE_LIMIT"],
    key_func=registered_address,
    methods=["POST"],
    deduct_when=accepted,
)
@limiter.limit(lambda: current_app.config["REGISTER_RATE_LIMIT"], methods=["POST"], deduct_when=accepted)
def register():
    form = RegistrationForm()
    if form.validate_on_submit():
        services.register(
            form.email.data, form.password.data, form.full_name.data, form.role.data, form.language.data
        )
        # The same answer whether or not the address already had an account: no enumeration.
        flash(_("Thank you. Open the link we e-mailed you to verify your address. "
                "Log in with your e-mail address and password."), "success")  # fmt: skip
        return redirect(url_for("accounts.login"))
    return render_template("accounts/register.html", form=form)


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        attempt = throttle.begin(form.email.data)  # 429 for a guesser; the owner's device cookie passes
        user = services.authenticate(form.email.data, form.password.data)
        if user:
            start_session(user)
            response = redirect(safe_next(url_for("home.index")))
            throttle.remember_device(response, attempt)
            return response
        throttle.failed(attempt)
        flash(_("Wrong e-mail or password."), "danger")
    return render_template("accounts/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    services.end_sessions(current_user)  # a copy of this session's cookie stops working too
    logout_user()
    clear_session()
    flash(_("You are logged out."), "info")
    return redirect(url_for("accounts.login"))


@bp.route("/profile", methods=["GET", "POST"])
@login_required
def profile():
    form = ProfileForm(obj=current_user)
    if form.validate_on_submit():
        services.update_profile(current_user, form.full_name.data, form.language.data)
        flash(_("Profile saved."), "success")
        return redirect(url_for("accounts.profile"))
    return render_profile(form=form)


@bp.route("/password", methods=["POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(current_user, form.current.data, form.password.data)
        except DomainError:
            form.current.errors.append(_("The current password is wrong."))
        else:
            start_session(current_user._get_current_object())  # this device stays, the others end
            flash(_("Password changed. Your other devices are logged out."), "success")
            return redirect(url_for("accounts.profile"))
    return render_profile(password_form=form), 400


@bp.route("/sessions/end", methods=["POST"])
@login_required
def end_other_sessions():
    if EndSessionsForm().validate_on_submit():
        user = current_user._get_current_object()
        services.end_sessions(user, "user.sessions_ended")
        start_session(user)
        flash(_("You are logged out of all other devices."), "success")
    return redirect(url_for("accounts.profile"))


@bp.route("/language", methods=["POST"])
def set_language():
    form = LanguageForm()
    if form.validate_on_submit():
        session["language"] = form.language.data
        if current_user.is_authenticated:
            services.set_language(current_user, form.language.data)
    return redirect(safe_next(url_for("home.index")))


@admin_bp.route("/users", methods=["GET", "POST"])
@role_required("admin")
@verified_required
def users():
    form = AdminCreateUserForm()
    if form.validate_on_submit():
        user = services.create_user(
            form.email.data,
            form.password.data,
            form.full_name.data,
            form.role.data,
            form.language.data,
            actor_id=current_user.id,
        )
        flash(_("User %(email)s created.", email=user.email), "success")
        return redirect(url_for("admin.users"))
    return render_template("accounts/users.html", form=form, page=services.list_users(page_number()))


@admin_bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@role_required("admin")
@verified_required
def user(user_id: int):
    found = services.find_user(user_id) or abort(404)
    form = AdminUserForm(obj=found)
    if not form.validate_on_submit():
        status = 400 if form.is_submitted() else 200
        return render_template("accounts/user.html", user=found, form=form), status
    try:
        changed = services.update_account(found, form.role.data, form.active.data, current_user)
    except DomainError as error:
        flash(_(str(error)), "danger")
    else:
        flash(_("Changes saved.") if changed else _("Nothing changed."), "success" if changed else "info")
    return redirect(url_for("admin.user", user_id=found.id))
