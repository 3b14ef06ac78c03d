"""Account forms: registration, login, profile, password, and the admin's user creation and changes."""

from __future__ import annotations

from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError

from incubator.accounts import services
from incubator.accounts.models import ROLES, SELF_SERVICE_ROLES
from incubator.fields import visible_name
from incubator.forms import AppForm
from incubator.i18n import lazy_gettext as _l
from incubator.labels import register
from incubator.text import clean_email, clean_text

ROLE_LABELS = register(
    "role",
    {
        "founder": _l("Startup founder"),
        "university": _l("University (lab manager / tech transfer)"),
        "enterprise": _l("Enterprise representative"),
        "mentor": _l("Mentor / expert"),
        "staff": _l("Becamex staff"),
        "government": _l("Government (read-only)"),
        "admin": _l("Platform administrator"),
    },
)
LANGUAGE_LABELS = register("language", {"vi": "Tiếng Việt", "en": "English"})
LANGUAGE_CHOICES = [SelectChoice(code, name) for code, name in LANGUAGE_LABELS.items()]
PASSWORD_RULES = [DataRequired(), Length(min=10, max=128)]


class OwnPrefixMixin:
    """Gives a form's field names and ids its own prefix, so it can share a page with other forms."""

    form_prefix = ""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("prefix", self.form_prefix)
        super().__init__(*args, **kwargs)


class EmailUniqueMixin:
    """Refuses an e-mail address that already has an account."""

    def validate_email(self, field: EmailField) -> None:
        if services.find_user_by_email(field.data):
            raise ValidationError(_l("An account with this e-mail already exists."))


class RegistrationForm(AppForm):
    """Self-service sign-up for founders, universities, enterprises and mentors."""

    full_name = StringField(
        _l("Full name"), filters=[clean_text], validators=[DataRequired(), Length(max=120), visible_name]
    )
    email = EmailField(
        _l("E-mail"), filters=[clean_email], validators=[DataRequired(), Email(), Length(max=254)]
    )
    role = SelectField(_l("I am a"), choices=[SelectChoice(r, ROLE_LABELS[r]) for r in SELF_SERVICE_ROLES])
    language = SelectField(_l("Language"), choices=LANGUAGE_CHOICES)
    password = PasswordField(_l("Password (at least 10 characters)"), validators=PASSWORD_RULES)
    confirm = PasswordField(
        _l("Repeat password"), validators=[EqualTo("password", _l("Passwords do not match."))]
    )
    submit = SubmitField(_l("Create account"))


class LoginForm(AppForm):
    """E-mail and password."""

    email = EmailField(_l("E-mail"), filters=[clean_email], validators=[DataRequired(), Email()])
    password = PasswordField(_l("Password"), validators=[DataRequired()])
    submit = SubmitField(_l("Log in"))


class ProfileForm(OwnPrefixMixin, AppForm):
    """A user's own name and language."""

    form_prefix = "profile"
    full_name = StringField(
        _l("Full name"), filters=[clean_text], validators=[DataRequired(), Length(max=120), visible_name]
    )
    language = SelectField(_l("Language"), choices=LANGUAGE_CHOICES)
    submit = SubmitField(_l("Save"))


class ChangePasswordForm(OwnPrefixMixin, AppForm):
    """The current password and a new one, twice."""

    form_prefix = "password"
    current = PasswordField(_l("Current password"), validators=[DataRequired()])
    password = PasswordField(_l("New password (at least 10 characters)"), validators=PASSWORD_RULES)
    confirm = PasswordField(
        _l("Repeat new password"), validators=[EqualTo("password", _l("Passwords do not match."))]
    )
    submit = SubmitField(_l("Change password"))


class AdminCreateUserForm(EmailUniqueMixin, AppForm):
    """An administrator creating an account with any role."""

    full_name = StringField(
        _l("Full name"), filters=[clean_text], validators=[DataRequired(), Length(max=120), visible_name]
    )
    email = EmailField(
        _l("E-mail"), filters=[clean_email], validators=[DataRequired(), Email(), Length(max=254)]
    )
    role = SelectField(_l("Role"), choices=[SelectChoice(r, ROLE_LABELS[r]) for r in ROLES])
    language = SelectField(_l("Language"), choices=LANGUAGE_CHOICES)
    password = PasswordField(_l("Initial password (at least 10 characters)"), validators=PASSWORD_RULES)
    submit = SubmitField(_l("Create user"))


class AdminUserForm(OwnPrefixMixin, AppForm):
    """An administrator changing a user's role or (de)activating the account."""

    form_prefix = "account"
    role = SelectField(_l("Role"), choices=[SelectChoice(r, ROLE_LABELS[r]) for r in ROLES])
    active = BooleanField(_l("Account active (the user can log in)"))
    submit = SubmitField(_l("Save changes"))


class EndSessionsForm(OwnPrefixMixin, AppForm):
    """The "log out of all other devices" button (a POST with its CSRF token)."""

    form_prefix = "sessions"

    submit = SubmitField(_l("Log out of all other devices"))


class LanguageForm(OwnPrefixMixin, AppForm):
    """The language switch in the navigation bar (on every page, so under its own prefix)."""

    form_prefix = "lang"
    language = SelectField(_l("Language"), choices=LANGUAGE_CHOICES)


class ForgotPasswordForm(AppForm):
    """The address to send a password reset link to."""

    email = EmailField(
        _l("E-mail"), filters=[clean_email], validators=[DataRequired(), Email(), Length(max=254)]
    )
    submit = SubmitField(_l("Send me a link"))


class ResetPasswordForm(AppForm):
    """A new password, twice, chosen through a reset link."""

    password = PasswordField(_l("New password (at least 10 characters)"), validators=PASSWORD_RULES)
    confirm = PasswordField(
        _l("Repeat new password"), validators=[EqualTo("password", _l("Passwords do not match."))]
    )
    submit = SubmitField(_l("Set the new password"))


class ResendVerificationForm(AppForm):
    """The "send me a new link" button of an unverified user (a POST with its CSRF token)."""
