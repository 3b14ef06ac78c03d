"""Every access rule in one place: role checks at the route, ownership checks per object."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import abort
from flask_login import current_user

from incubator.extensions import db, login_manager

STAFF_ROLES = ("staff", "admin")


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


def get_visible_or_404(model: type, object_id: int, allowed: Callable[[object], bool]) -> object:
    """Load `model` #`object_id`: 404 when missing or when `allowed(obj)` is false (existence hidden)."""
    obj = db.session.get(model, object_id)
    if obj is None or not current_user.is_authenticated or not allowed(obj):
        abort(404)
    return obj
