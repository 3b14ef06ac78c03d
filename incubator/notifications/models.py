"""The Notification model."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from incubator.database import Base, IdMixin, TimestampMixin


class Notification(IdMixin, TimestampMixin, Base):
    """A message for one user, with an optional link; unread until read_at is set.

    `message_id` and `params` make the text again in each reader's language (incubator.notifications.
    messages); `message` is that text in the recipient's language when it was made: what an old row without
    a message id, or one whose message id is gone, shows."""

    __tablename__ = "notifications"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    message: Mapped[str] = mapped_column(Text)
    message_id: Mapped[str | None] = mapped_column(Text)  # the untranslated msgid
    params: Mapped[dict | None] = mapped_column(JSON)
    link: Mapped[str] = mapped_column(String(255), default="")
    read_at: Mapped[datetime | None] = mapped_column(DateTime)
    emailed_at: Mapped[datetime | None] = mapped_column(DateTime)  # set once the e-mail copy was sent

    def __repr__(self) -> str:
        return f"<Notification {self.id} user={self.user_id} {self.kind}>"
