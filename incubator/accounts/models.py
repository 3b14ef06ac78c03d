"""The User model and the roles a user can hold."""

from __future__ import annotations

import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, DateTime, String
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from incubator.database import Base, IdMixin, TimestampMixin, one_of

FOUNDER, UNIVERSITY, ENTERPRISE, MENTOR = "founder", "university", "enterprise", "mentor"
STAFF, GOVERNMENT, ADMIN = "staff", "government", "admin"
ROLES = (FOUNDER, UNIVERSITY, ENTERPRISE, MENTOR, STAFF, GOVERNMENT, ADMIN)
SELF_SERVICE_ROLES = (FOUNDER, UNIVERSITY, ENTERPRISE, MENTOR)
LANGUAGES = ("vi", "en")


def new_session_token() -> str:
    """A fresh random token naming a user's sessions (changing it ends them all)."""
    return secrets.token_urlsafe(32)


class User(UserMixin, IdMixin, TimestampMixin, Base):
    """A person who logs in; one role decides what they may do."""

    __tablename__ = "users"
    __table_args__ = (one_of("role", ROLES), one_of("language", LANGUAGES))

    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    full_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(20), index=True)
    language: Mapped[str] = mapped_column(String(5), default="vi")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Set when the person opened the link sent to the address; until then they may not publish or request.
    email_verified_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Flask-Login stores this, not the id, in the cookie: a new token makes every old cookie useless.
    session_token: Mapped[str] = mapped_column(String(64), unique=True, default=new_session_token)

    @property
    def is_verified(self) -> bool:
        """Whether the e-mail address was verified."""
        return self.email_verified_at is not None

    def get_id(self) -> str:
        """The session token Flask-Login keeps in the session and remember cookies."""
        return self.session_token

    def end_sessions(self) -> None:
        """A new session token: every old cookie stops working (call `services.revoke_sessions`, not this)."""
        self.session_token = new_session_token()

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    def set_password(self, password: str) -> None:
        """Store a salted hash of `password`, never the password."""
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        """Whether `password` matches the stored hash."""
        return check_password_hash(self.password_hash, password)

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email} {self.role}>"
