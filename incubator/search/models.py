"""The SearchEntry model: a record's searchable text, folded, and the glossary concepts found in it."""

from __future__ import annotations

from sqlalchemy import JSON, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from incubator.database import Base, IdMixin


class SearchEntry(IdMixin, Base):
    """One record of one kind ("lab", "lab_equipment", "mentor", …) as search reads it."""

    __tablename__ = "search_entries"
    __table_args__ = (UniqueConstraint("kind", "object_id", name="uq_search_entries_kind_object"),)

    kind: Mapped[str] = mapped_column(String(30))
    object_id: Mapped[int] = mapped_column(Integer)
    folded: Mapped[str] = mapped_column(Text, default="")  # " word word … ": folded tokens, spaced
    concepts: Mapped[str] = mapped_column(Text, default="")  # " concept:a concept:b ": glossary concepts
    phrases: Mapped[dict] = mapped_column(JSON, default=dict)  # concept → the record's words for it

    def __repr__(self) -> str:
        return f"<SearchEntry {self.kind}:{self.object_id}>"
