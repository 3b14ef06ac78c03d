"""ApiToken: a named, scoped, expiring key an organisation's admin gives a partner system (hash only)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from incubator.accounts.models import User
from incubator.database import Base, IdMixin, TimestampMixin, one_of
from incubator.organizations.models import Organization

READ, WRITE = "read", "write"
SCOPES = (READ, WRITE)  # write includes read


class ApiToken(IdMixin, TimestampMixin, Base):
    """A bearer token acting for an organisation; only the SHA-256 of its secret is kept."""

    __tablename__ = "api_tokens"
    __table_args__ = (one_of("scope", SCOPES),)

    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    scope: Mapped[str] = mapped_column(String(10), default=READ)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(12))  # shown in the list so an admin recognises a token
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
    organization: Mapped[Organization] = relationship()
    created_by: Mapped[User] = relationship()

    def __repr__(self) -> str:
        return f"<ApiToken {self.id} {self.name!r} org={self.organization_id} {self.scope}>"
