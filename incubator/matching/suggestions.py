"""Writing a ranking into Suggestion rows: staff decisions are kept, pairs never duplicated."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import delete, or_, select

from incubator.extensions import db
from incubator.matchcore import Allowed, Document, Match, Matcher
from incubator.matching.corpus import MATCH_KINDS, document_id, split_document_id
from incubator.matching.models import Suggestion
from incubator.matching.quality import worth_suggesting

DECIDED = ("approved", "rejected")


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
    return frozenset(pair(s) for s in suggestions_of(d.id for d in sources) if s.status in DECIDED)


def allowed_for(sources: Sequence[Document]) -> Allowed:
    """Every kind of match, minus the pairs staff already decided."""
    return Allowed(kinds=MATCH_KINDS, excluded=decided_pairs(sources))


def rank_by_kind(matcher: Matcher, sources: Sequence[Document], k: int) -> dict[str, list[Match]]:
    """Each source's best `k` targets of every kind it meets (k labs, k mentors, ...), undecided only."""
    excluded = decided_pairs(sources)
    results: dict[str, list[Match]] = {d.id: [] for d in sources}
    for target_kind in sorted({t for targets in MATCH_KINDS.values() for t in targets}):
        kinds = {s: (target_kind,) for s, targets in MATCH_KINDS.items() if target_kind in targets}
        ranked = matcher.top_k(sources, None, k, Allowed(kinds=kinds, excluded=excluded))
        for source_id, matches in ranked.items():
            results[source_id].extend(explained(matches))
    return results


def explained(matches: list[Match]) -> list[Match]:
    """Only the matches worth a reviewer's time: above their kind's floor, with a reason to show."""
    return [m for m in matches if worth_suggesting(m)]


def new_suggestion(match: Match, run_id: int | None) -> Suggestion:
    """An undecided Suggestion row for `match`."""
    source_type, source_id = split_document_id(match.source)
    target_type, target_id = split_document_id(match.target)
    return Suggestion(
        run_id=run_id,
        kind=f"{source_type}-{target_type}",
        source_type=source_type,
        source_id=source_id,
        target_type=target_type,
        target_id=target_id,
        score=match.score,
        terms=list(match.terms),
    )


def replace_pending(results: dict[str, list[Match]], run_id: int | None) -> int:
    """Make each source's undecided suggestions equal to its new ranking; return how many it has."""
    existing = {pair(s): s for s in suggestions_of(results)}
    keep: set[tuple[str, str]] = set()
    for matches in results.values():
        for match in matches:
            key = (match.source, match.target)
            keep.add(key)
            row = existing.get(key)
            if row is None:
                db.session.add(new_suggestion(match, run_id))
            elif row.status == "pending":
                row.score, row.terms, row.run_id = match.score, list(match.terms), run_id
    stale = [s.id for key, s in existing.items() if s.status == "pending" and key not in keep]
    drop_if_pending(stale)
    return len(keep)


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
