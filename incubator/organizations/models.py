"""Organization and Membership models."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from incubator.accounts.models import User
from incubator.database import Base, IdMixin, TimestampMixin, one_of

ORGANIZATION_KINDS = ("university", "enterprise", "government", "incubator")


class Organization(IdMixin, TimestampMixin, Base):
    """A university, enterprise, government body or incubator."""

    __tablename__ = "organizations"
    __table_args__ = (one_of("kind", ORGANIZATION_KINDS),)

    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    sector: Mapped[str] = mapped_column(String(80), default="")
    website: Mapped[str] = mapped_column(String(255), default="")
    city: Mapped[str] = mapped_column(String(120), default="")
    memberships: Mapped[list[Membership]] = relationship(back_populates="organization")

    def __repr__(self) -> str:
        return f"<Organization {self.id} {self.name!r} {self.kind}>"


class Membership(IdMixin, TimestampMixin, Base):
    """A user belonging to an organization, with a title there."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("user_id", "organization_id"),)

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(120), default="")
    # The backref gives `User.memberships` (the admin's user page) without accounts importing this domain;
    # passive deletes leave removing a user's memberships to the database's ON DELETE CASCADE.
    user: Mapped[User] = relationship(backref=backref("memberships", passive_deletes=True))
    organization: Mapped[Organization] = relationship(back_populates="memberships")

    def __repr__(self) -> str:
        return f"<Membership user={self.user_id} org={self.organization_id}>"
