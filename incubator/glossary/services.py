"""Add, list and delete staff glossary pairs; the pairs a matching run passes to matchcore."""

from __future__ import annotations

import unicodedata

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import select
from sqlalchemy.orm import Session

from incubator.audit.services import record
from incubator.errors import N_, DomainError
from incubator.extensions import db
from incubator.glossary.mining import normalized
from incubator.glossary.models import GlossaryTerm
from incubator.pagination import paginate
from incubator.search import index as search_index


class TermRefused(DomainError):
    """A pair that cannot be stored: empty, with control characters, or already listed."""


def _check(term: str) -> str:
    """Refuse an empty term or one holding control characters (NUL, tab, line breaks)."""
    if any(unicodedata.category(char) == "Cc" for char in term):
        raise TermRefused(N_("A term may not contain control characters."))
    term = normalized(term)
    if not any(char.isalnum() for char in term):
        raise TermRefused(N_("Enter a term with at least one letter or digit."))
    return term


def add_term(english: str, vietnamese: str, domain: str, actor_id: int | None) -> GlossaryTerm:
    """Store a new pair (audited); search uses it at once, matching from the next run."""
    pair = (_check(english), _check(vietnamese))
    if db.session.scalar(select(GlossaryTerm.id).filter_by(english=pair[0], vietnamese=pair[1])):
        raise TermRefused(N_("This pair is already in the glossary."))
    term = GlossaryTerm(english=pair[0], vietnamese=pair[1], domain=domain, created_by_id=actor_id)
    db.session.add(term)
    db.session.flush()
    record(actor_id, "glossary.term_added", term, english=term.english, vietnamese=term.vietnamese)
    db.session.commit()
    search_index.reindex(db.session)
    return term


def delete_term(term: GlossaryTerm, actor_id: int | None) -> None:
    """Remove a pair (audited); search no longer links its terms, nor does the next matching run."""
    record(actor_id, "glossary.term_deleted", term, english=term.english, vietnamese=term.vietnamese)
    db.session.delete(term)
    db.session.commit()
    search_index.reindex(db.session)


def terms_page(page: int) -> Pagination:
    """One page of the staff pairs, newest first."""
    query = select(GlossaryTerm).order_by(GlossaryTerm.created_at.desc(), GlossaryTerm.id.desc())
    return paginate(query, page)


def extra_pairs(session: Session) -> tuple[tuple[str, str], ...]:
    """Every staff pair as (english, vietnamese), in a stable order, for matchcore's MatchParams."""
    rows = session.execute(select(GlossaryTerm.english, GlossaryTerm.vietnamese).order_by(GlossaryTerm.id))
    return tuple((english, vietnamese) for english, vietnamese in rows)


search_index.use_glossary(extra_pairs)
