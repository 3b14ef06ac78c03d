"""The MentorProfile model."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from incubator.accounts.models import User
from incubator.database import Base, IdMixin, TimestampMixin


class MentorProfile(IdMixin, TimestampMixin, Base):
    """A mentor's expertise, sectors, languages and monthly capacity."""

    __tablename__ = "mentor_profiles"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    headline: Mapped[str] = mapped_column(String(200), default="")
    expertise: Mapped[str] = mapped_column(Text, default="")
    sectors: Mapped[str] = mapped_column(String(255), default="")
    languages: Mapped[str] = mapped_column(String(80), default="vi,en")
    capacity_per_month: Mapped[int] = mapped_column(Integer, default=2)
    available: Mapped[bool] = mapped_column(Boolean, default=True)
    user: Mapped[User] = relationship()

    def __repr__(self) -> str:
        return f"<MentorProfile {self.id} user={self.user_id}>"
