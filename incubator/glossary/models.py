"""GlossaryTerm: one English ↔ Vietnamese pair entered by staff (the shipped pairs live in matchcore)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, UniqueConstraint
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
