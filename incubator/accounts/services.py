"""Account services: creating users, authenticating, changing profile and password, admin changes."""

from __future__ import annotations

from functools import cache

from sqlalchemy import column, exists, select, table
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from incubator import events
from incubator.accounts.models import ENTERPRISE, FOUNDER, MENTOR, ROLES, UNIVERSITY, User
from incubator.audit.services import record
from incubator.database import utcnow
from incubator.errors import N_, DomainError
from incubator.extensions import db
from incubator.outbox.services import dispatch
from incubator.pagination import Pagination, paginate

# The account e-mails, sent by the notification mail task (queued by name: notifications imports accounts).
ACCOUNT_EMAIL_TASK = "incubator.notifications.tasks.send_account_email"
VERIFY_EMAIL, RESET_PASSWORD, ALREADY_REGISTERED = "verify_email", "reset_password", "already_registered"
# Every other domain imports accounts, so accounts reads the two tables it needs by name, importing none.
MEMBERSHIPS = table("memberships", column("user_id"), column("status"))
STARTUPS = table("startups", column("owner_id"))


class WrongPassword(DomainError):
    """The current password given to change it was wrong."""


class OwnAccountChangeRefused(DomainError):
    """An administrator tried to change their own role or deactivate themself."""


def find_user_by_email(email: str | None) -> User | None:
    """The user with `email` (case-insensitive), if any."""
    if not email:
        return None
    return db.session.scalar(select(User).where(User.email == email.strip().lower()))


@cache
def dummy_hash() -> str:
    """A hash of no one's password, checked when there is no account so both answers cost the same."""
    return generate_password_hash("no account has this password")


def create_user(
    email: str,
    password: str,
    full_name: str,
    role: str,
    language: str = "vi",
    actor_id: int | None = None,
    verified: bool = False,
) -> User:
    """Create and commit a user with a hashed password; verified when an administrator (`actor_id`) or
    the command line (`verified=True`) creates it, else the address waits for its link."""
    if role not in ROLES:
        raise DomainError(f"unknown role {role!r}")
    user = User(email=email.strip().lower(), full_name=full_name, role=role, language=language)
    user.email_verified_at = utcnow() if verified or actor_id else None
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    record(actor_id or user.id, "user.created", user, role=role)
    db.session.commit()
    return user


def authenticate(email: str, password: str) -> User | None:
    """The active user whose e-mail and password match, else None (same answer for either fault)."""
    user = find_user_by_email(email)
    if user is None:
        check_password_hash(dummy_hash(), password)  # same cost as a wrong password: no enumeration
        return None
    if not user.check_password(password) or not user.active:
        return None
    user.last_login_at = utcnow()
    db.session.commit()
    return user


def register(email: str, password: str, full_name: str, role: str, language: str) -> User | None:
    """Create a self-service account and e-mail its verification link; None, at the same cost, when the
    address already has one (its owner is e-mailed that someone tried to register with it)."""
    existing = find_user_by_email(email)
    if existing:
        generate_password_hash(password)  # as long as creating one
        queue_account_email(existing.id, ALREADY_REGISTERED)
        return None
    try:
        user = create_user(email, password, full_name, role, language)
    except IntegrityError:  # the same address registered at the same moment
        db.session.rollback()
        return None
    queue_account_email(user.id, VERIFY_EMAIL)  # the outbox sends it after its commit, or later
    return user


def queue_account_email(user_id: int, kind: str) -> bool:
    """Queue account e-mail `kind` for `user_id` on the notifications' mail task (through the outbox:
    a broker outage delays it)."""
    dispatch(ACCOUNT_EMAIL_TASK, user_id, kind)
    db.session.commit()
    return True


def next_step_url(user: User) -> str:
    """Where `user` goes once their address is verified: the step that makes the account useful."""
    if user.role in (UNIVERSITY, ENTERPRISE):
        member = exists().where(MEMBERSHIPS.c.user_id == user.id, MEMBERSHIPS.c.status == "active")
        return "/" if db.session.scalar(select(member)) else "/organizations/start"
    if user.role == FOUNDER:
        owner = exists().where(STARTUPS.c.owner_id == user.id)
        return "/" if db.session.scalar(select(owner)) else "/startups/new"
    if user.role == MENTOR:
        return "/mentors/profile"
    return "/"


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
    revoke_sessions(user, "user.password_changed")
    record(user.id, "user.password_changed", user)
    db.session.commit()


def revoke_sessions(user: User, reason: str) -> None:
    """End every session of `user` and what ends with them, such as calendar feed URLs (the caller commits).

    The one place an account's sessions end: logout, "log out of all devices", a password change or
    reset, deactivation. `reason` is the audit action the caller records.
    """
    user.end_sessions()
    events.announce(events.sessions_ended, user.id, reason=reason)


def end_sessions(user: User, action: str = "user.logged_out") -> None:
    """End every session of `user` (logout, or "log out of all devices"), with an audit row."""
    revoke_sessions(user, action)
    record(user.id, action, user)
    db.session.commit()


def list_users(page: int = 1) -> Pagination:
    """One page of every user, newest first."""
    return paginate(select(User).order_by(User.created_at.desc(), User.id.desc()), page)


def find_user(user_id: int) -> User | None:
    """The user #`user_id`, if any."""
    return db.session.get(User, user_id)


def update_account(user: User, role: str, active: bool, actor: User) -> list[str]:
    """An administrator's change of `user`'s role and active state; return the fields it changed."""
    if role not in ROLES:
        raise DomainError(f"unknown role {role!r}")
    if user.id == actor.id and (role != user.role or not active):
        # Otherwise an administrator could lock themself, or the last administrator, out of these pages.
        raise OwnAccountChangeRefused(N_("You cannot change your own role or deactivate your own account."))
    changed = change_role(user, role, actor) + change_active(user, active, actor)
    db.session.commit()
    return changed


def change_role(user: User, role: str, actor: User) -> list[str]:
    """Give `user` the role `role` with an audit row (the caller commits); ["role"] if it changed."""
    if role == user.role:
        return []
    record(actor.id, "user.role_changed", user, old=user.role, new=role)
    user.role = role
    return ["role"]


def change_active(user: User, active: bool, actor: User) -> list[str]:
    """(De)activate `user` with an audit row (the caller commits); ["active"] if it changed."""
    if active == user.active:
        return []
    record(actor.id, "user.reactivated" if active else "user.deactivated", user)
    user.active = active
    if not active:
        revoke_sessions(user, "user.deactivated")  # as "log out of all devices": every cookie, every feed URL
    return ["active"]
