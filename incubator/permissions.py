"""Every access rule in one place: role checks at the route, ownership checks per object."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import wraps

from flask import abort, jsonify, render_template, request
from flask_login import current_user

from incubator.errors import wants_json
from incubator.extensions import db, login_manager
from incubator.i18n import lazy_gettext as _l

STAFF_ROLES = ("staff", "admin")
READING_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
VERIFY_FIRST = _l("Verify your e-mail address first.")

# Roles inside an organization (Membership.role), and what each may do for the organization.
ORG_ADMIN, LAB_MANAGER, ORG_MEMBER = "admin", "lab_manager", "member"
MEMBERSHIP_ROLES = (ORG_ADMIN, LAB_MANAGER, ORG_MEMBER)
# action -> membership roles allowed it (only active memberships count). A lab manager's labs are further
# narrowed per lab (`managed_labs`); a plain member reads the organization's public profile and their own
# records: what they author or own (a challenge, a capability, a lab they are the manager of) and what an
# introduction names them for. Authors and owners keep their own records whatever their role.
ORG_ACTIONS: dict[str, frozenset[str]] = {
    "manage_members": frozenset({ORG_ADMIN}),
    "edit_organization": frozenset({ORG_ADMIN}),
    # introductions and partnerships: the admins, besides the owner of the profile an introduction names
    "answer_introductions": frozenset({ORG_ADMIN}),
    "change_partnerships": frozenset({ORG_ADMIN}),
    "read_confidential": frozenset({ORG_ADMIN}),
    # any active member publishes for the organization; others' records are edited by the admins only
    # (a capability is a research group's offer, not a lab's: lab managers edit only their own)
    "publish_challenges": frozenset(MEMBERSHIP_ROLES),
    "publish_capabilities": frozenset(MEMBERSHIP_ROLES),
    "edit_challenges": frozenset({ORG_ADMIN}),
    "edit_capabilities": frozenset({ORG_ADMIN}),
    # labs: listing a new one, and managing (edit, booking rules, trainings, bookings) those of `managed_labs`
    "add_labs": frozenset({ORG_ADMIN, LAB_MANAGER}),
    "manage_labs": frozenset({ORG_ADMIN, LAB_MANAGER}),
    # API tokens act for the whole organization: only its admins create, see and revoke them
    "manage_api_tokens": frozenset({ORG_ADMIN}),
}

# Platform admins may do these for any organization, member or not.
PLATFORM_ADMIN_ACTIONS = frozenset({"manage_members", "edit_organization"})


def platform_allows(platform_role: str, action: str) -> bool:
    """Whether a platform role may do the organization `action` without belonging to it."""
    return platform_role == "admin" and action in PLATFORM_ADMIN_ACTIONS


def membership_allows(membership_role: str | None, action: str) -> bool:
    """Whether a member holding `membership_role` (None: no active membership) may do `action`."""
    return membership_role is not None and membership_role in ORG_ACTIONS[action]


def managed_labs(membership_role: str | None, named_lab_ids: set[int]) -> frozenset[int] | None:
    """The labs a member manages: None for every lab of the organization (its admins, and lab managers
    naming no lab), else the named ones (none for a role that may not manage labs)."""
    if not membership_allows(membership_role, "manage_labs"):
        return frozenset()
    if membership_role == ORG_ADMIN or not named_lab_ids:
        return None
    return frozenset(named_lab_ids)


def manages_lab(membership_role: str | None, managed_lab_ids: set[int], lab_id: int) -> bool:
    """Whether a member manages lab #`lab_id`: its organization's admins, and lab managers of all its
    labs (no lab named) or of this one."""
    labs = managed_labs(membership_role, managed_lab_ids)
    return labs is None or lab_id in labs


def role_required(*roles: str) -> Callable:
    """Allow the view only to logged-in users holding one of `roles`."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args: object, **kwargs: object) -> object:
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        wrapped.allowed_roles = roles
        return wrapped

    return decorator


def verified_required(view: Callable) -> Callable:
    """Refuse every change (any method but GET/HEAD) to a user whose e-mail address is not verified yet:
    a 403 page saying so, with a button for a new link. Stacked under `role_required`; reading stays open."""

    @wraps(view)
    def wrapped(*args: object, **kwargs: object) -> object:
        if request.method in READING_METHODS or not current_user.is_authenticated or current_user.is_verified:
            return view(*args, **kwargs)
        if wants_json():
            return jsonify(error=str(VERIFY_FIRST), status=403), 403
        return render_template("accounts/verify_first.html", message=VERIFY_FIRST), 403

    wrapped.verified_required = True
    return wrapped


def may_change(obj: object, owner_field: str = "owner_id") -> bool:
    """Whether the current user owns `obj` or is staff."""
    if not current_user.is_authenticated:
        return False
    return current_user.role in STAFF_ROLES or getattr(obj, owner_field) == current_user.id


def may_access(obj: object, allowed: Callable[[object], bool]) -> bool:
    """Whether the current user is staff or passes the domain's `allowed(obj)` rule."""
    if not current_user.is_authenticated:
        return False
    return current_user.role in STAFF_ROLES or allowed(obj)


def get_owned_or_404(model: type, object_id: int, owner_field: str = "owner_id") -> object:
    """Load `model` #`object_id`: 404 if missing, 403 unless the current user owns it or is staff."""
    obj = db.session.get(model, object_id)
    if obj is None:
        abort(404)
    if not may_change(obj, owner_field):
        abort(403)
    return obj


def get_allowed_or_404(model: type, object_id: int, allowed: Callable[[object], bool]) -> object:
    """Load `model` #`object_id`: 404 if missing, 403 unless the current user is staff or `allowed(obj)`."""
    obj = db.session.get(model, object_id)
    if obj is None:
        abort(404)
    if not may_access(obj, allowed):
        abort(403)
    return obj


def get_visible_or_404(
    model: type, object_id: int, allowed: Callable[[object], bool], options: Sequence[object] = ()
) -> object:
    """Load `model` #`object_id` (with loader `options`): 404 when missing or when `allowed(obj)` is false
    (existence hidden)."""
    obj = db.session.get(model, object_id, options=options)
    if obj is None or not current_user.is_authenticated or not allowed(obj):
        abort(404)
    return obj
