"""Challenge (an enterprise's need) and Capability (a university's offer) models."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Column, Date, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from incubator.accounts.models import User
from incubator.database import Base, IdMixin, TimestampMixin, one_of
from incubator.labs.models import Lab
from incubator.organizations.models import Organization

CHALLENGE_STATUSES = ("open", "closed")
BUDGET_RANGES = ("", "under_100m", "100m_500m", "500m_2b", "over_2b")  # VND; "" = not disclosed
TRL_LEVELS = tuple(range(1, 10))

capability_labs = Table(
    "capability_labs",
    Base.metadata,
    Column("capability_id", ForeignKey("capabilities.id", ondelete="CASCADE"), primary_key=True),
    Column("lab_id", ForeignKey("labs.id", ondelete="CASCADE"), primary_key=True),
)


class Challenge(IdMixin, TimestampMixin, Base):
    """A technology challenge posted by an enterprise."""

    __tablename__ = "challenges"
    __table_args__ = (one_of("status", CHALLENGE_STATUSES), one_of("budget_range", BUDGET_RANGES))

    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    sector: Mapped[str] = mapped_column(String(80), default="")
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    deadline: Mapped[date | None] = mapped_column(Date)
    desired_outcome: Mapped[str] = mapped_column(Text, default="")
    budget_range: Mapped[str] = mapped_column(String(20), default="")
    # Shown only to the parties of an introduction both sides accepted; never matched or published.
    confidential_details: Mapped[str] = mapped_column(Text, default="")
    organization: Mapped[Organization] = relationship()
    author: Mapped[User] = relationship()

    def __repr__(self) -> str:
        return f"<Challenge {self.id} {self.title!r}>"


class Capability(IdMixin, TimestampMixin, Base):
    """A university's research capability."""

    __tablename__ = "capabilities"
    __table_args__ = (CheckConstraint("trl IS NULL OR trl BETWEEN 1 AND 9", name="trl_range"),)

    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    keywords: Mapped[str] = mapped_column(String(255), default="")
    team: Mapped[str] = mapped_column(Text, default="")
    trl: Mapped[int | None] = mapped_column(Integer)  # technology readiness level 1–9
    organization: Mapped[Organization] = relationship()
    owner: Mapped[User] = relationship()
    labs: Mapped[list[Lab]] = relationship(secondary=capability_labs, order_by=Lab.name)

    def __repr__(self) -> str:
        return f"<Capability {self.id} {self.title!r}>"
