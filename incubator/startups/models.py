"""The Startup model."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from incubator.accounts.models import User
from incubator.database import Base, IdMixin, TimestampMixin, one_of

STAGES = ("idea", "prototype", "mvp", "growth", "scale")


class Startup(IdMixin, TimestampMixin, Base):
    """A startup profile, owned by the founder who created it."""

    __tablename__ = "startups"
    __table_args__ = (one_of("stage", STAGES),)

    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    needs: Mapped[str] = mapped_column(Text, default="")
    sector: Mapped[str] = mapped_column(String(80), default="", index=True)
    stage: Mapped[str] = mapped_column(String(20), default="idea")
    website: Mapped[str] = mapped_column(String(255), default="")
    team_size: Mapped[int] = mapped_column(Integer, default=1)
    owner: Mapped[User] = relationship()

    def __repr__(self) -> str:
        return f"<Startup {self.id} {self.name!r}>"
