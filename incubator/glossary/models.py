"""GlossaryTerm: one English ↔ Vietnamese pair entered by staff (the shipped pairs live in matchcore);
GlossaryCandidate: a pair mined from the platform's bilingual text, waiting for staff's decision."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from incubator.accounts.models import User
from incubator.database import Base, IdMixin, TimestampMixin, one_of

# The shipped glossary's domains (matchcore/data/glossary.tsv), and "other".
DOMAINS = (
    "manufacturing",
    "automation",
    "electronics",
    "food",
    "agriculture",
    "textiles",
    "wood",
    "logistics",
    "energy",
    "environment",
    "chemistry_pharma",
    "construction_materials",
    "ict_ai",
    "ip_law",
    "other",
)


class GlossaryTerm(IdMixin, TimestampMixin, Base):
    """An English term and its Vietnamese equivalent (NFC, lower case), counted as one concept."""

    __tablename__ = "glossary_terms"
    __table_args__ = (
        UniqueConstraint("english", "vietnamese", name="uq_glossary_terms_pair"),
        one_of("domain", DOMAINS),
    )

    english: Mapped[str] = mapped_column(String(200))
    vietnamese: Mapped[str] = mapped_column(String(200))
    domain: Mapped[str] = mapped_column(String(40), default="other")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)

    created_by: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<GlossaryTerm {self.id} {self.english!r} ↔ {self.vietnamese!r}>"


CANDIDATE_STATUSES = ("pending", "accepted", "rejected")
# The records whose text is mined, by the kind a candidate names as its source.
SOURCE_KINDS = ("challenge", "capability", "lab", "mentor", "startup", "program")


class GlossaryCandidate(IdMixin, TimestampMixin, Base):
    """A pair read from bilingual text ("Thị giác máy tính (Computer vision)"), decided once by staff.

    Accepting one adds a GlossaryTerm (possibly edited); a rejected one is never suggested again."""

    __tablename__ = "glossary_candidates"
    __table_args__ = (
        UniqueConstraint("english", "vietnamese", name="uq_glossary_candidates_pair"),
        one_of("status", CANDIDATE_STATUSES),
        one_of("source_kind", SOURCE_KINDS),
    )

    english: Mapped[str] = mapped_column(String(200))
    vietnamese: Mapped[str] = mapped_column(String(200))
    source_kind: Mapped[str] = mapped_column(String(20))
    source_id: Mapped[int] = mapped_column(Integer)
    snippet: Mapped[str] = mapped_column(String(300), default="")
    seen_count: Mapped[int] = mapped_column(Integer, default=1)  # records holding the pair at the last scan
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)

    decided_by: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<GlossaryCandidate {self.id} {self.english!r} ↔ {self.vietnamese!r} {self.status}>"
