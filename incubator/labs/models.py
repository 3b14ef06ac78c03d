"""Lab and Booking models, with a lab's booking rules (hours, closed dates, training) and calendar feeds."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from incubator.accounts.models import User
from incubator.database import Base, IdMixin, TimestampMixin, one_of
from incubator.organizations.models import Organization

LAB_KINDS = ("fablab", "techlab", "lab40", "workshop", "testing")
BOOKING_STATUSES = ("requested", "approved", "declined", "cancelled")
FEED_KINDS = ("lab", "user")


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
    approval_required: Mapped[bool] = mapped_column(Boolean, default=True)
    min_slot_minutes: Mapped[int] = mapped_column(Integer, default=30)
    max_slot_minutes: Mapped[int] = mapped_column(Integer, default=240)
    book_ahead_days: Mapped[int] = mapped_column(Integer, default=60)
    training_equipment: Mapped[str] = mapped_column(Text, default="")
    organization: Mapped[Organization] = relationship()
    manager: Mapped[User] = relationship()
    hours: Mapped[list[OpeningHours]] = relationship(
        order_by="OpeningHours.weekday", cascade="all, delete-orphan", back_populates="lab"
    )
    closed_dates: Mapped[list[ClosedDate]] = relationship(
        order_by="ClosedDate.day", cascade="all, delete-orphan", back_populates="lab"
    )
    machines: Mapped[list[Machine]] = relationship(
        order_by="Machine.name", cascade="all, delete-orphan", back_populates="lab"
    )

    @property
    def equipment_items(self) -> list[str]:
        """The lab's equipment, one item per line."""
        return [line.strip() for line in self.equipment.splitlines() if line.strip()]

    @property
    def training_items(self) -> list[str]:
        """The equipment and machines only trained users may book (a machine's training is by its name)."""
        items = [line.strip() for line in self.training_equipment.splitlines() if line.strip()]
        return items + [m.name for m in self.machines if m.needs_training and m.name not in items]

    def __repr__(self) -> str:
        return f"<Lab {self.id} {self.name!r} {self.kind}>"


class OpeningHours(IdMixin, Base):
    """When a lab is open on one weekday (0 = Monday), in local time."""

    __tablename__ = "lab_opening_hours"
    __table_args__ = (
        UniqueConstraint("lab_id", "weekday"),
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday_valid"),
        CheckConstraint("closes_at > opens_at", name="closes_after_opening"),
    )

    lab_id: Mapped[int] = mapped_column(ForeignKey("labs.id", ondelete="CASCADE"), index=True)
    weekday: Mapped[int] = mapped_column(Integer)
    opens_at: Mapped[time] = mapped_column(Time)
    closes_at: Mapped[time] = mapped_column(Time)
    lab: Mapped[Lab] = relationship(back_populates="hours")

    def __repr__(self) -> str:
        return f"<OpeningHours lab={self.lab_id} {self.weekday} {self.opens_at}–{self.closes_at}>"


class Machine(IdMixin, TimestampMixin, Base):
    """A machine of a lab booked on its own (a laser cutter, a 3D printer): one person's slot at a time."""

    __tablename__ = "lab_machines"
    __table_args__ = (UniqueConstraint("lab_id", "name"),)

    lab_id: Mapped[int] = mapped_column(ForeignKey("labs.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    needs_training: Mapped[bool] = mapped_column(Boolean, default=False)
    bookable: Mapped[bool] = mapped_column(Boolean, default=True)
    lab: Mapped[Lab] = relationship(back_populates="machines")

    def __repr__(self) -> str:
        return f"<Machine {self.id} lab={self.lab_id} {self.name!r}>"


class ClosedDate(IdMixin, Base):
    """A day the lab is closed (a holiday such as Tết), in local time."""

    __tablename__ = "lab_closed_dates"
    __table_args__ = (UniqueConstraint("lab_id", "day"),)

    lab_id: Mapped[int] = mapped_column(ForeignKey("labs.id", ondelete="CASCADE"), index=True)
    day: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(String(200), default="")
    lab: Mapped[Lab] = relationship(back_populates="closed_dates")

    def __repr__(self) -> str:
        return f"<ClosedDate lab={self.lab_id} {self.day}>"


class Training(IdMixin, TimestampMixin, Base):
    """A user a lab manager marked as trained on one item of the lab's equipment."""

    __tablename__ = "lab_trainings"
    __table_args__ = (UniqueConstraint("lab_id", "user_id", "equipment"),)

    lab_id: Mapped[int] = mapped_column(ForeignKey("labs.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    equipment: Mapped[str] = mapped_column(String(200))
    user: Mapped[User] = relationship()

    def __repr__(self) -> str:
        return f"<Training lab={self.lab_id} user={self.user_id} {self.equipment!r}>"


class Booking(IdMixin, TimestampMixin, Base):
    """A request for a slot in a lab (times naive UTC): of one machine, or of `people` seats (no machine).

    Approved bookings of one machine never overlap; approved seat bookings never hold more people than
    the lab's capacity at any moment."""

    __tablename__ = "bookings"
    __table_args__ = (
        one_of("status", BOOKING_STATUSES),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
    )

    lab_id: Mapped[int] = mapped_column(ForeignKey("labs.id", ondelete="CASCADE"), index=True)
    machine_id: Mapped[int | None] = mapped_column(
        ForeignKey("lab_machines.id", ondelete="CASCADE"), index=True
    )
    requester_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    startup_id: Mapped[int | None] = mapped_column(ForeignKey("startups.id"))
    starts_at: Mapped[datetime] = mapped_column(DateTime)
    ends_at: Mapped[datetime] = mapped_column(DateTime)
    purpose: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="requested", index=True)
    equipment: Mapped[str] = mapped_column(Text, default="")
    people: Mapped[int] = mapped_column(Integer, default=1)
    reason: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    lab: Mapped[Lab] = relationship()
    machine: Mapped[Machine | None] = relationship()
    requester: Mapped[User] = relationship()

    @property
    def what(self) -> str:
        """The machine's name, or "" for a booking of seats."""
        return self.machine.name if self.machine else ""

    @property
    def equipment_items(self) -> list[str]:
        """The equipment asked for, one item per line."""
        return [line.strip() for line in self.equipment.splitlines() if line.strip()]

    def __repr__(self) -> str:
        return f"<Booking {self.id} lab={self.lab_id} {self.starts_at}–{self.ends_at} {self.status}>"


class CalendarFeed(IdMixin, TimestampMixin, Base):
    """One person's secret .ics address of a lab or of their own bookings; a new token revokes the old URL."""

    __tablename__ = "calendar_feeds"
    # owner_id first: the unique index also finds an owner's feeds when their sessions end
    __table_args__ = (UniqueConstraint("owner_id", "kind", "subject_id"), one_of("kind", FEED_KINDS))

    # Who obtained the URL: it ends with their sessions and is never served while they are inactive.
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10))
    subject_id: Mapped[int] = mapped_column(Integer)
    token: Mapped[str] = mapped_column(String(64), unique=True)

    def __repr__(self) -> str:
        return f"<CalendarFeed {self.kind}:{self.subject_id} owner={self.owner_id}>"
