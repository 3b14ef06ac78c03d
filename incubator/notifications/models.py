"""The Notification model."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from incubator.database import Base, IdMixin, TimestampMixin


class Notification(IdMixin, TimestampMixin, Base):
    """A message for one user, with an optional link; unread until read_at is set."""

    __tablename__ = "notifications"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    message: Mapped[str] = mapped_column(Text)
    link: Mapped[str] = mapped_column(String(255), default="")
    read_at: Mapped[datetime | None] = mapped_column(DateTime)
    emailed_at: Mapped[datetime | None] = mapped_column(DateTime)  # set once the e-mail copy was sent

    def __repr__(self) -> str:
        return f"<Notification {self.id} user={self.user_id} {self.kind}>"
