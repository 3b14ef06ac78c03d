"""A search typed by someone: its folded words and the glossary concepts that bridge languages.

Every word of the query must be in the record, accents and case ignored ("cong nghe" finds "công
nghệ"), except the words of a glossary term found in the query: those are met by the record's own
words or by the same concept in the record's language ("bao tri du doan" finds "predictive
maintenance"). The test runs in SQL (LIKE over `search_entries`, escaped), on both databases.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import ColumnElement, and_, or_, select, true
from sqlalchemy.orm import InstrumentedAttribute, Session

from incubator.matchcore.normalize import tokens
from incubator.search.index import concepts_for, surface_phrase
from incubator.search.models import SearchEntry


@dataclass
class Found:
    """One page of a catalogue search, and for each result found only through a concept, how:
    (the query's words, the record's words) pairs, e.g. ("máy in 3d", "3d printers")."""

    page: Pagination
    bridges: dict[int, list[tuple[str, str]]]


@dataclass(frozen=True)
class Bridge:
    """A concept linking the query's words to other words of the record (e.g. another language)."""

    concept: str  # "concept:computer_vision"
    asked: str  # the query's words, as typed: "thị giác máy tính"
    words: tuple[str, ...]  # the same, folded: ("thi", "giac", "may", "tinh")


@dataclass(frozen=True)
class Search:
    """A parsed query: words to find as they are, and bridges (words or their concept)."""

    words: tuple[str, ...] = ()
    bridges: tuple[Bridge, ...] = field(default=())

    def __bool__(self) -> bool:
        return bool(self.words or self.bridges)

    def clause(self, kind: str, column: InstrumentedAttribute | ColumnElement) -> ColumnElement[bool]:
        """SQL: `column` (a record id) is among the records of `kind` this search finds."""
        if not self:
            return true()
        found = select(SearchEntry.object_id).where(SearchEntry.kind == kind, *self._conditions())
        return column.in_(found)

    def _conditions(self) -> list[ColumnElement[bool]]:
        conditions = [_has_word(word) for word in self.words]
        for bridge in self.bridges:
            concept = SearchEntry.concepts.like(f"% {_escaped(bridge.concept)} %", escape="\\")
            conditions.append(or_(concept, and_(*(_has_word(word) for word in bridge.words))))
        return conditions

    def found_through(self, session: Session, kind: str, ids: Iterable[int]) -> dict[int, list[tuple]]:
        """For each of `ids` found only through a concept: (the query's words, the record's words)."""
        if not self.bridges:
            return {}
        query = select(SearchEntry.object_id, SearchEntry.folded, SearchEntry.phrases)
        rows = session.execute(query.where(SearchEntry.kind == kind, SearchEntry.object_id.in_(list(ids))))
        shown: dict[int, list[tuple]] = {}
        for object_id, folded, phrases in rows:
            for bridge in self.bridges:
                literal = all(word in folded for word in bridge.words)
                if not literal and bridge.concept in phrases:
                    shown.setdefault(object_id, []).append((bridge.asked, phrases[bridge.concept]))
        return shown


def found_through(session: Session, searches: dict[str, Search], ids: list[int]) -> dict[int, list[tuple]]:
    """The bridges of several searches over the same records (kind → search), merged per record id."""
    merged: dict[int, list[tuple]] = {}
    for kind, search in searches.items():
        for object_id, pairs in search.found_through(session, kind, ids).items():
            merged.setdefault(object_id, []).extend(pairs)
    return merged


def _escaped(text: str) -> str:
    """`text` with LIKE's wildcards and escape character taken literally."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _has_word(word: str) -> ColumnElement[bool]:
    return SearchEntry.folded.like(f"%{_escaped(word)}%", escape="\\")


def parse(session: Session, text: str) -> Search:
    """The search for `text`: its words, and the glossary terms found in it as bridges."""
    words = tokens(text or "")
    if not words:
        return Search()
    concepts = concepts_for(session)
    covered: set[int] = set()
    bridges = []
    for key, phrase in concepts.phrases_in(text).items():
        start = _position(words, phrase.split(), covered)
        if start is None:
            continue
        span = range(start, start + len(phrase.split()))
        covered.update(span)
        bridges.append(Bridge(concepts.names[key], surface_phrase(text, phrase), tuple(phrase.split())))
    rest = tuple(word for i, word in enumerate(words) if i not in covered)
    return Search(rest, tuple(bridges))


def _position(words: list[str], phrase: list[str], covered: set[int]) -> int | None:
    """Where `phrase` first occurs in `words` outside the positions already `covered`."""
    for start in range(len(words) - len(phrase) + 1):
        span = range(start, start + len(phrase))
        if words[start : start + len(phrase)] == phrase and not covered.intersection(span):
            return start
    return None
