"""Account services: creating users, authenticating, changing profile and password."""

from __future__ import annotations

from sqlalchemy import select

from incubator.accounts.models import ROLES, User
from incubator.audit.services import record
from incubator.database import utcnow
from incubator.errors import DomainError
from incubator.extensions import db
from incubator.pagination import Pagination, paginate


class WrongPassword(DomainError):
    """The current password given to change it was wrong."""


def find_user_by_email(email: str | None) -> User | None:
    """The user with `email` (case-insensitive), if any."""
    if not email:
        return None
    return db.session.scalar(select(User).where(User.email == email.strip().lower()))


def create_user(
    email: str, password: str, full_name: str, role: str, language: str = "vi", actor_id: int | None = None
) -> User:
    """Create and commit a user with a hashed password."""
    if role not in ROLES:
        raise DomainError(f"unknown role {role!r}")
    user = User(email=email.strip().lower(), full_name=full_name, role=role, language=language)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    record(actor_id or user.id, "user.created", user, role=role)
    db.session.commit()
    return user


def authenticate(email: str, password: str) -> User | None:
    """The active user whose e-mail and password match, else None (same answer for either fault)."""
    user = find_user_by_email(email)
    if user is None or not user.active or not user.check_password(password):
        return None
    user.last_login_at = utcnow()
    db.session.commit()
    return user


def update_profile(user: User, full_name: str, language: str) -> None:
    """Save a user's name and UI language."""
    user.full_name = full_name
    user.language = language
    db.session.commit()


def set_language(user: User, language: str) -> None:
    """Store the UI language a user picked."""
    user.language = language
    db.session.commit()


def change_password(user: User, current: str, new: str) -> None:
    """Replace the password after checking the current one."""
    if not user.check_password(current):
        raise WrongPassword("The current password is wrong.")
    user.set_password(new)
    record(user.id, "user.password_changed", user)
    db.session.commit()


def list_users(page: int = 1) -> Pagination:
    """One page of every user, newest first."""
    return paginate(select(User).order_by(User.created_at.desc(), User.id.desc()), page)
