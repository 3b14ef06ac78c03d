"""Challenge (an enterprise's need) and Capability (a university's offer) models."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from incubator.accounts.models import User
from incubator.database import Base, IdMixin, TimestampMixin, one_of
from incubator.organizations.models import Organization

CHALLENGE_STATUSES = ("open", "closed")


class Challenge(IdMixin, TimestampMixin, Base):
    """A technology challenge posted by an enterprise."""

    __tablename__ = "challenges"
    __table_args__ = (one_of("status", CHALLENGE_STATUSES),)

    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    sector: Mapped[str] = mapped_column(String(80), default="")
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    deadline: Mapped[date | None] = mapped_column(Date)
    organization: Mapped[Organization] = relationship()
    author: Mapped[User] = relationship()

    def __repr__(self) -> str:
        return f"<Challenge {self.id} {self.title!r}>"


class Capability(IdMixin, TimestampMixin, Base):
    """A university's research capability."""

    __tablename__ = "capabilities"

    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    keywords: Mapped[str] = mapped_column(String(255), default="")
    organization: Mapped[Organization] = relationship()
    owner: Mapped[User] = relationship()

    def __repr__(self) -> str:
        return f"<Capability {self.id} {self.title!r}>"
