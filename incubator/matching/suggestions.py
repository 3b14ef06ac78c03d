"""Writing a ranking into Suggestion rows: staff decisions are kept, pairs never duplicated."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import bindparam, delete, insert, or_, select, update

from incubator.extensions import db
from incubator.matchcore import Allowed, Document, Match, Matcher
from incubator.matching.corpus import MATCH_KINDS, document_id, split_document_id
from incubator.matching.models import Suggestion
from incubator.matching.quality import above_floor, worth_suggesting

DECIDED = ("approved", "rejected")
# A kept pair's new score and reasons, unless staff decided it since it was read (executemany).
_table = Suggestion.__table__
UPDATE_PENDING = (
    update(_table)
    .where(_table.c.id == bindparam("b_id"), _table.c.status == "pending")
    .values(
        score=bindparam("b_score"),
        terms=bindparam("b_terms", type_=_table.c.terms.type),
        run_id=bindparam("b_run"),
    )
)


def source_filter(source_ids: Iterable[str]) -> object:
    """A WHERE clause selecting suggestions whose source is one of `source_ids`."""
    by_kind: dict[str, list[int]] = {}
    for doc_id in source_ids:
        kind, object_id = split_document_id(doc_id)
        by_kind.setdefault(kind, []).append(object_id)
    clauses = [(Suggestion.source_type == k) & Suggestion.source_id.in_(ids) for k, ids in by_kind.items()]
    return or_(*clauses) if clauses else Suggestion.id.is_(None)


def suggestions_of(source_ids: Iterable[str]) -> list[Suggestion]:
    """Every suggestion (any status) whose source is in `source_ids`."""
    return list(db.session.scalars(select(Suggestion).where(source_filter(source_ids))))


def pair(suggestion: Suggestion) -> tuple[str, str]:
    """(source document id, target document id) of a suggestion."""
    return (
        document_id(suggestion.source_type, suggestion.source_id),
        document_id(suggestion.target_type, suggestion.target_id),
    )


def decided_pairs(sources: Sequence[Document]) -> frozenset[tuple[str, str]]:
    """Pairs of these sources that staff already decided (a rejected pair never comes back)."""
    existing = existing_pairs(d.id for d in sources)
    return frozenset(key for key, (_, status) in existing.items() if status in DECIDED)


def allowed_for(sources: Sequence[Document]) -> Allowed:
    """Every kind of match, minus the pairs staff already decided."""
    return Allowed(kinds=MATCH_KINDS, excluded=decided_pairs(sources))


def rank_by_kind(matcher: Matcher, sources: Sequence[Document], k: int) -> dict[str, list[Match]]:
    """Each source's best `k` targets of every kind it meets (k labs, k mentors, ...), undecided only.

    Ranked without explanations first: only the pairs above their kind's floor are explained
    (the costly part of a run), then those left with no reason to show are dropped.
    """
    ranked = matcher.top_k_per_kind(sources, k, allowed_for(sources), explain=False)
    floored = {source_id: [m for m in matches if above_floor(m)] for source_id, matches in ranked.items()}
    return {s: explained(matches) for s, matches in matcher.explain_matches(sources, floored).items()}


def explained(matches: list[Match]) -> list[Match]:
    """Only the matches worth a reviewer's time: above their kind's floor, with a reason to show."""
    return [m for m in matches if worth_suggesting(m)]


def replace_pending(results: dict[str, list[Match]], run_id: int | None) -> int:
    """Make each source's undecided suggestions equal to its new ranking; return how many it has.

    In bulk: one INSERT of the new pairs, one UPDATE per kept pending pair (executemany), one
    DELETE of the pending pairs the ranking dropped; decided pairs are never touched.
    """
    existing = existing_pairs(results)
    ranked = {(m.source, m.target): m for matches in results.values() for m in matches}
    fresh = [new_row(m, run_id) for key, m in ranked.items() if key not in existing]
    pending = {key: row_id for key, (row_id, status) in existing.items() if status == "pending"}
    kept = [
        {"b_id": pending[key], "b_score": m.score, "b_terms": list(m.terms), "b_run": run_id}
        for key, m in ranked.items()
        if key in pending
    ]
    if fresh:
        db.session.execute(insert(Suggestion.__table__), fresh)
    if kept:
        db.session.execute(UPDATE_PENDING, kept)
    drop_if_pending([row_id for key, row_id in pending.items() if key not in ranked])
    return len(ranked)


def existing_pairs(source_ids: Iterable[str]) -> dict[tuple[str, str], tuple[int, str]]:
    """(id, status) of every suggestion whose source is in `source_ids`, by pair (no ORM objects)."""
    columns = (Suggestion.id, Suggestion.status, Suggestion.source_type, Suggestion.source_id)
    query = select(*columns, Suggestion.target_type, Suggestion.target_id).where(source_filter(source_ids))
    return {
        (document_id(st, si), document_id(tt, ti)): (row_id, status)
        for row_id, status, st, si, tt, ti in db.session.execute(query)
    }


def new_row(match: Match, run_id: int | None) -> dict:
    """The column values of an undecided suggestion for `match` (for a bulk insert)."""
    source_type, source_id = split_document_id(match.source)
    target_type, target_id = split_document_id(match.target)
    return {
        "run_id": run_id,
        "kind": f"{source_type}-{target_type}",
        "source_type": source_type,
        "source_id": source_id,
        "target_type": target_type,
        "target_id": target_id,
        "score": match.score,
        "terms": list(match.terms),
    }


def new_suggestion(match: Match, run_id: int | None) -> Suggestion:
    """An undecided Suggestion row for `match`."""
    return Suggestion(**new_row(match, run_id))


def drop_if_pending(suggestion_ids: list[int]) -> None:
    """Delete these suggestions unless staff decided them since they were read."""
    if suggestion_ids:
        db.session.execute(
            delete(Suggestion).where(Suggestion.id.in_(suggestion_ids), Suggestion.status == "pending"),
            execution_options={"synchronize_session": False},
        )


def offer_target(target: Document, scores: dict[str, list[Match]], k: int) -> int:
    """Add a new or edited target to each source's top `k` of its kind where it belongs; return additions."""
    added = 0
    pending_by_source: dict[str, list[Suggestion]] = {}
    for s in suggestions_of(scores):
        if s.status == "pending":
            pending_by_source.setdefault(pair(s)[0], []).append(s)
    for source_id, matches in scores.items():
        current = [s for s in pending_by_source.get(source_id, []) if s.target_type == target.kind]
        matches = explained(matches)
        if not matches or any(pair(s)[1] == target.id for s in current):
            continue
        weakest = min(current, key=lambda s: s.score, default=None)
        if len(current) < k or (weakest is not None and matches[0].score > weakest.score):
            if len(current) >= k:
                drop_if_pending([weakest.id])
            db.session.add(new_suggestion(matches[0], None))
            added += 1
    return added


def forget_document(doc_id: str) -> None:
    """Drop the undecided suggestions of a profile that is gone or no longer available."""
    kind, object_id = split_document_id(doc_id)
    as_source = (Suggestion.source_type == kind) & (Suggestion.source_id == object_id)
    as_target = (Suggestion.target_type == kind) & (Suggestion.target_id == object_id)
    db.session.execute(delete(Suggestion).where(or_(as_source, as_target), Suggestion.status == "pending"))
