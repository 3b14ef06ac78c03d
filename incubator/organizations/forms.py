"""Forms to create an organization, ask to join one, verify it, and manage its members."""

from __future__ import annotations

from wtforms import (
    BooleanField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional, Regexp, ValidationError

from incubator.fields import visible_name, website_field
from incubator.forms import AppForm
from incubator.i18n import lazy_gettext as _l
from incubator.labels import register
from incubator.organizations.models import (
    ACTIVE,
    ASKED,
    ORGANIZATION_STATUSES,
    PENDING,
    REFUSED,
    REJECTED,
    VERIFIED,
)
from incubator.permissions import LAB_MANAGER, MEMBERSHIP_ROLES, ORG_ADMIN, ORG_MEMBER
from incubator.text import clean_text

MEMBERSHIP_ROLE_LABELS = register(
    "membership_role",
    {ORG_ADMIN: _l("Organization admin"), LAB_MANAGER: _l("Lab manager"), ORG_MEMBER: _l("Member")},
)
STATUS_LABELS = register(
    "organization_status",
    {PENDING: _l("Awaiting verification"), VERIFIED: _l("Verified"), REJECTED: _l("Not verified")},
)
assert set(STATUS_LABELS) == set(ORGANIZATION_STATUSES)
MEMBERSHIP_STATUS_LABELS = register(
    "membership_status", {ASKED: _l("Asks to join"), ACTIVE: _l("Active"), REFUSED: _l("Refused")}
)
MEMBERSHIP_ROLE_CHOICES = [SelectChoice(role, MEMBERSHIP_ROLE_LABELS[role]) for role in MEMBERSHIP_ROLES]


class OrganizationForm(AppForm):
    """A new university or enterprise: names in both languages, its code, web site and address."""

    name = StringField(
        _l("Name in Vietnamese"),
        filters=[clean_text],
        validators=[DataRequired(), Length(max=200), visible_name],
    )
    name_en = StringField(
        _l("Name in English (optional)"),
        filters=[clean_text],
        validators=[Optional(), Length(max=200), visible_name],
    )
    registration_code = StringField(
        _l("Tax code (enterprise) or university code"),
        filters=[clean_text],
        validators=[
            DataRequired(),
            Length(min=3, max=40),
            Regexp(r"^[A-Za-z0-9-]+$", message=_l("Use letters, digits and hyphens only, e.g. 3700146225.")),
        ],
    )
    website = website_field()
    address = StringField(
        _l("Address in Binh Duong"), filters=[clean_text], validators=[DataRequired(), Length(max=255)]
    )
    city = StringField(
        _l("City or district"), filters=[clean_text], validators=[DataRequired(), Length(max=120)]
    )
    sector = StringField(_l("Sector"), filters=[clean_text], validators=[Optional(), Length(max=80)])
    description = TextAreaField(
        _l("What the organization does"), filters=[clean_text], validators=[DataRequired(), Length(max=5000)]
    )
    submit = SubmitField(_l("Create and send for verification"))


class JoinForm(AppForm):
    """Ask to join the organization whose page the form is on; a note for its admins."""

    title = StringField(
        _l("Your position there (optional)"), filters=[clean_text], validators=[Optional(), Length(max=120)]
    )
    submit = SubmitField(_l("Ask to join"))


class VerificationForm(AppForm):
    """Staff verify a new organization, or refuse it with a reason the creator reads."""

    decision = SelectField(
        _l("Decision"),
        choices=[SelectChoice(VERIFIED, _l("Verify")), SelectChoice(REJECTED, _l("Refuse"))],
        validators=[InputRequired()],
    )
    reason = TextAreaField(
        _l("Reason (required to refuse; the creator reads it)"),
        filters=[clean_text],
        validators=[Length(max=2000)],
    )
    submit = SubmitField(_l("Save decision"))

    def validate_reason(self, field: StringField) -> None:
        if self.decision.data == REJECTED and not field.data:
            raise ValidationError(_l("Say why the organization is refused."))


class MemberForm(AppForm):
    """A member's role, the labs a lab manager manages, and whether partners see them as a contact."""

    role = SelectField(_l("Role in the organization"), choices=MEMBERSHIP_ROLE_CHOICES)
    labs = SelectMultipleField(
        _l("Labs they manage (none: every lab)"), coerce=int, choices=[], validate_choice=True
    )
    is_contact = BooleanField(_l("Contact shown to partners after an introduction"))
    submit = SubmitField(_l("Save"))


class MemberActionForm(AppForm):
    """Approve or refuse a request to join, or remove a member (the button names the action)."""

    action = HiddenField(validators=[InputRequired()])

    def validate_action(self, field: HiddenField) -> None:
        if field.data not in ("approve", "refuse", "remove"):
            raise ValidationError(_l("Unknown action."))


class AddMemberForm(AppForm):
    """A platform admin adds a user to an organization in a role."""

    organization = SelectField(_l("Organization"), coerce=int, choices=[], validate_choice=True)
    role = SelectField(_l("Role in the organization"), choices=MEMBERSHIP_ROLE_CHOICES)
    submit = SubmitField(_l("Add to the organization"))
