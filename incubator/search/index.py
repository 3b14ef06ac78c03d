"""Keep `search_entries` in step with the records: refreshed at every flush, rebuilt on demand.

A domain registers a kind with the model it reads and a function giving the searchable text of some
(or all) of its rows; from then on every flush that adds, changes or deletes such a row rewrites its
entry in the same transaction, whoever saved it (a service, the demo seed, a test factory).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from sqlalchemy import Connection, Select, delete, event, insert, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from incubator.matchcore.glossary import compiled
from incubator.matchcore.normalize import surface, tokens
from incubator.search.models import SearchEntry

BATCH = 500
WORD_RE = re.compile(r"\w+")

#: `rows(ids)`: a column select of (object id, text parts…) for those ids, or for every row when None.
Rows = Callable[[list[int] | None], Select]


@dataclass(frozen=True)
class Source:
    """A kind of entry: the model whose rows it indexes, the select giving their text, and another
    model whose rows' changes change it too, with the column of `model` pointing to them."""

    kind: str
    model: type
    rows: Rows
    follows: tuple[type, InstrumentedAttribute] | None = None


SOURCES: dict[str, Source] = {}
_glossary: list[Callable[[Session], tuple[tuple[str, str], ...]]] = []


def register(
    kind: str, model: type, rows: Rows, follows: tuple[type, InstrumentedAttribute] | None = None
) -> None:
    """Index `model`'s rows as entries of `kind`, their text read by `rows`; with `follows` (another
    model, and the column of `model` pointing to it), a change of that model's rows refreshes them too
    (a mentor's entry holds the name of its user)."""
    SOURCES[kind] = Source(kind, model, rows, follows)


def use_glossary(extra_pairs: Callable[[Session], tuple[tuple[str, str], ...]]) -> None:
    """Read the staff glossary pairs through `extra_pairs(session)` (the glossary registers it)."""
    _glossary[:] = [extra_pairs]


def concepts_for(session: Session) -> object:
    """The compiled glossary: the shipped pairs and the staff ones."""
    extra = _glossary[0](session) if _glossary else ()
    return compiled(extra)


def surface_phrase(text: str, folded_phrase: str) -> str:
    """The words of `text` (as written, lower case) whose folded form is `folded_phrase`."""
    shown, folded, wanted = WORD_RE.findall(surface(text)), tokens(text), folded_phrase.split()
    for start in range(len(folded) - len(wanted) + 1):
        if folded[start : start + len(wanted)] == wanted:
            return " ".join(shown[start : start + len(wanted)])
    return folded_phrase


def entry(kind: str, object_id: int, text: str, concepts: object) -> dict:
    """The row of `search_entries` for a record whose searchable text is `text`."""
    found = concepts.phrases_in(text)
    names = {concepts.names[key]: surface_phrase(text, phrase) for key, phrase in found.items()}
    return {
        "kind": kind,
        "object_id": object_id,
        "folded": f" {' '.join(tokens(text))} ",
        "concepts": f" {' '.join(sorted(names))} " if names else "",
        "phrases": names,
    }


def _texts(connection: Connection, source: Source, ids: list[int] | None) -> Iterator[tuple[int, str]]:
    for row in connection.execute(source.rows(ids)):
        yield row[0], "\n".join(str(part) for part in row[1:] if part)


def _write(connection: Connection, source: Source, ids: list[int] | None, concepts: object) -> int:
    """Rewrite the entries of `source` for `ids` (all when None); return how many were written."""
    gone = delete(SearchEntry).where(SearchEntry.kind == source.kind)
    connection.execute(gone if ids is None else gone.where(SearchEntry.object_id.in_(ids)))
    written, batch = 0, []
    for object_id, text in _texts(connection, source, ids):
        batch.append(entry(source.kind, object_id, text, concepts))
        if len(batch) >= BATCH:
            written += _insert(connection, batch)
    return written + _insert(connection, batch)


def _insert(connection: Connection, batch: list[dict]) -> int:
    count = len(batch)
    if batch:
        connection.execute(insert(SearchEntry), batch)
        batch.clear()
    return count


def refresh(session: Session, kind: str, ids: Iterable[int]) -> None:
    """Rewrite the entries of `kind` for the rows `ids` (deleted rows lose theirs), in the session's
    transaction."""
    ids = sorted(set(ids))
    if ids:
        _write(session.connection(), SOURCES[kind], ids, concepts_for(session))


def reindex(session: Session) -> dict[str, int]:
    """Rebuild every kind's entries (after a glossary change; `flask search reindex`) and commit;
    return how many entries each kind has."""
    concepts = concepts_for(session)
    counts = {kind: _write(session.connection(), source, None, concepts) for kind, source in SOURCES.items()}
    session.commit()
    return counts


def _touched(session: Session) -> dict[str, set[int]]:
    """The ids of indexed rows this flush added, changed or deleted, per kind."""
    touched: dict[str, set[int]] = {}
    followed: dict[str, set[int]] = {}
    for obj in (*session.new, *session.dirty, *session.deleted):
        for source in SOURCES.values():
            if isinstance(obj, source.model) and getattr(obj, "id", None) is not None:
                touched.setdefault(source.kind, set()).add(obj.id)
            elif source.follows and isinstance(obj, source.follows[0]) and obj in session.dirty:
                followed.setdefault(source.kind, set()).add(obj.id)
    for kind, ids in followed.items():
        source = SOURCES[kind]
        query = select(source.model.id).where(source.follows[1].in_(ids))
        touched.setdefault(kind, set()).update(session.connection().scalars(query))
    return touched


@event.listens_for(Session, "after_flush")
def _refresh_flushed(session: Session, _context: object) -> None:
    """Refresh the entries of the rows just flushed, inside the same transaction."""
    if not SOURCES:
        return
    for kind, ids in _touched(session).items():
        refresh(session, kind, ids)
