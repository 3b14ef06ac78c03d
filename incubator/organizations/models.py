"""Organization and Membership models: who belongs where, and in which role."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Column, DateTime, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from incubator.accounts.models import User
from incubator.database import Base, IdMixin, TimestampMixin, one_of
from incubator.permissions import MEMBERSHIP_ROLES, ORG_MEMBER

ORGANIZATION_KINDS = ("university", "enterprise", "government", "incubator")
# The kinds a person may create for themself; government bodies and incubators are added by admins.
SELF_SERVICE_KINDS = ("university", "enterprise")
PENDING, VERIFIED, REJECTED = "pending", "verified", "rejected"
ORGANIZATION_STATUSES = (PENDING, VERIFIED, REJECTED)
# A membership is asked for (pending), then approved (active) or refused by the organization's admins.
ASKED, ACTIVE, REFUSED = "pending", "active", "refused"
MEMBERSHIP_STATUSES = (ASKED, ACTIVE, REFUSED)

# The labs a lab manager manages; none listed means every lab of the organization.
membership_labs = Table(
    "membership_labs",
    Base.metadata,
    Column("membership_id", ForeignKey("memberships.id", ondelete="CASCADE"), primary_key=True),
    Column("lab_id", ForeignKey("labs.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Organization(IdMixin, TimestampMixin, Base):
    """A university, enterprise, government body or incubator; Becamex staff verify new ones."""

    __tablename__ = "organizations"
    __table_args__ = (one_of("kind", ORGANIZATION_KINDS), one_of("status", ORGANIZATION_STATUSES))

    name: Mapped[str] = mapped_column(String(200), unique=True)
    name_en: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[str] = mapped_column(String(20), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    sector: Mapped[str] = mapped_column(String(80), default="")
    website: Mapped[str] = mapped_column(String(255), default="")
    city: Mapped[str] = mapped_column(String(120), default="")
    # Tax code (mã số thuế) of an enterprise, the ministry's code of a university.
    registration_code: Mapped[str] = mapped_column(String(40), default="")
    address: Mapped[str] = mapped_column(String(255), default="")
    status: Mapped[str] = mapped_column(String(20), default=VERIFIED, index=True)
    status_reason: Mapped[str] = mapped_column(Text, default="")
    verified_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    memberships: Mapped[list[Membership]] = relationship(back_populates="organization")

    @property
    def is_verified(self) -> bool:
        """Whether staff verified it: only then are its profiles public and matched."""
        return self.status == VERIFIED

    def __repr__(self) -> str:
        return f"<Organization {self.id} {self.name!r} {self.kind} {self.status}>"


class Membership(IdMixin, TimestampMixin, Base):
    """A user belonging to an organization, with a role (permissions.MEMBERSHIP_ROLES) and a title there."""

    __tablename__ = "memberships"
    __table_args__ = (
        UniqueConstraint("user_id", "organization_id"),
        one_of("role", MEMBERSHIP_ROLES),
        one_of("status", MEMBERSHIP_STATUSES),
    )

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(120), default="")
    role: Mapped[str] = mapped_column(String(20), default=ORG_MEMBER)
    status: Mapped[str] = mapped_column(String(20), default=ACTIVE)
    # Shown to the other side once an introduction is accepted by both.
    is_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    # The backref gives `User.memberships` (the admin's user page) without accounts importing this domain;
    # passive deletes leave removing a user's memberships to the database's ON DELETE CASCADE.
    user: Mapped[User] = relationship(backref=backref("memberships", passive_deletes=True))
    organization: Mapped[Organization] = relationship(back_populates="memberships")

    @property
    def is_active(self) -> bool:
        """Whether the organization's admins approved it."""
        return self.status == ACTIVE

    def __repr__(self) -> str:
        return f"<Membership user={self.user_id} org={self.organization_id} {self.role} {self.status}>"
