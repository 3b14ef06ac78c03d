"""Lab and Booking models."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from incubator.accounts.models import User
from incubator.database import Base, IdMixin, TimestampMixin, one_of
from incubator.organizations.models import Organization

LAB_KINDS = ("fablab", "techlab", "lab40", "workshop", "testing")
BOOKING_STATUSES = ("requested", "approved", "declined", "cancelled")


class Lab(IdMixin, TimestampMixin, Base):
    """A university lab that founders and enterprises can book."""

    __tablename__ = "labs"
    __table_args__ = (one_of("kind", LAB_KINDS), CheckConstraint("capacity > 0", name="capacity"))

    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    manager_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    equipment: Mapped[str] = mapped_column(Text, default="")
    opening_hours: Mapped[str] = mapped_column(String(255), default="")
    capacity: Mapped[int] = mapped_column(Integer, default=1)
    area_m2: Mapped[float | None] = mapped_column(Float)
    location: Mapped[str] = mapped_column(String(255), default="")
    bookable: Mapped[bool] = mapped_column(Boolean, default=True)
    organization: Mapped[Organization] = relationship()
    manager: Mapped[User] = relationship()

    def __repr__(self) -> str:
        return f"<Lab {self.id} {self.name!r} {self.kind}>"


class Booking(IdMixin, TimestampMixin, Base):
    """A request for a slot in a lab; approved bookings of one lab never overlap."""

    __tablename__ = "bookings"
    __table_args__ = (
        one_of("status", BOOKING_STATUSES),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
    )

    lab_id: Mapped[int] = mapped_column(ForeignKey("labs.id", ondelete="CASCADE"), index=True)
    requester_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    startup_id: Mapped[int | None] = mapped_column(ForeignKey("startups.id"))
    starts_at: Mapped[datetime] = mapped_column(DateTime)
    ends_at: Mapped[datetime] = mapped_column(DateTime)
    purpose: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="requested", index=True)
    lab: Mapped[Lab] = relationship()
    requester: Mapped[User] = relationship()

    def __repr__(self) -> str:
        return f"<Booking {self.id} lab={self.lab_id} {self.starts_at}–{self.ends_at} {self.status}>"
