"""Account pages: register, log in and out, profile, password, language; admin user list."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from incubator.accounts import services
from incubator.accounts.forms import (
    LANGUAGE_CHOICES,
    ROLE_LABELS,
    AdminCreateUserForm,
    ChangePasswordForm,
    LanguageForm,
    LoginForm,
    ProfileForm,
    RegistrationForm,
)
from incubator.accounts.models import User
from incubator.errors import DomainError
from incubator.extensions import db, limiter, login_manager
from incubator.permissions import role_required

bp = Blueprint("accounts", __name__)
admin_bp = Blueprint("admin", __name__, url_prefix="/admin")
bp.add_app_template_global(ROLE_LABELS, "role_labels")
bp.add_app_template_global({choice.value: choice.label for choice in LANGUAGE_CHOICES}, "language_labels")


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    return db.session.get(User, int(user_id))


def safe_next(default: str) -> str:
    """The `next` parameter when it points inside this site, else `default`."""
    target = request.args.get("next", "")
    parts = urlsplit(target)
    if target.startswith("/") and not target.startswith("//") and not parts.netloc:
        return target
    return default


@bp.route("/register", methods=["GET", "POST"])
def register():
    form = RegistrationForm()
    if form.validate_on_submit():
        user = services.create_user(
            form.email.data, form.password.data, form.full_name.data, form.role.data, form.language.data
        )
        login_user(user)
        flash(_("Welcome, %(name)s! Your account is ready.", name=user.full_name), "success")
        return redirect(url_for("home.index"))
    return render_template("accounts/register.html", form=form)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user:
            login_user(user)
            return redirect(safe_next(url_for("home.index")))
        flash(_("Wrong e-mail or password."), "danger")
    return render_template("accounts/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    logout_user()
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
    return render_template("accounts/profile.html", form=form, password_form=ChangePasswordForm())


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
            flash(_("Password changed."), "success")
            return redirect(url_for("accounts.profile"))
    return render_template(
        "accounts/profile.html", form=ProfileForm(obj=current_user), password_form=form
    ), 400


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
    return render_template("accounts/users.html", form=form, users=services.list_users())
