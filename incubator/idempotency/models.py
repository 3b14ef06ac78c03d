"""The IdempotencyKey model: one row per form submission that acted."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from incubator.database import Base, IdMixin, utcnow


class IdempotencyKey(IdMixin, Base):
    """A form's key, claimed in the transaction of the change it made, with the answer to replay."""

    __tablename__ = "idempotency_keys"

    key: Mapped[str] = mapped_column(String(64), unique=True)  # the unique constraint decides races
    session_hash: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[int | None] = mapped_column(Integer)
    endpoint: Mapped[str] = mapped_column(String(255))
    status: Mapped[int | None] = mapped_column(Integer)  # None while the first request is answering
    location: Mapped[str | None] = mapped_column(String(2000))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)

    def __repr__(self) -> str:
        return f"<IdempotencyKey {self.id} {self.endpoint} {self.status}>"
