"""Concepts at every level: a specific term also counts as its head ("arc welding" → "welding").

A glossary term's parents are the concepts of the shorter glossary terms inside it that name what
it is a kind of:
- the English head: a term that ends the English side ("gas chromatography" → "chromatography");
- the Vietnamese head: a term of two syllables or more that starts the Vietnamese side ("máy in
  3d" → "máy in"; one syllable is too ambiguous: "kính hiển vi" is no "kính");
- a concept both sides contain ("đăng ký sáng chế" / "patent registration" → "patent").
Parents of parents count too. `python -m incubator.matchcore.glossary` writes the shipped
glossary's hierarchy to data/heads.tsv for review (a test keeps the file in step).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

Term = tuple[str, ...]


def _inside(term: Term, known: Mapping[Term, object]) -> list[tuple[int, Term]]:
    """The proper sub-terms of `term` that are glossary terms, with their start."""
    found = []
    for size in range(len(term) - 1, 0, -1):
        for start in range(len(term) - size + 1):
            part = term[start : start + size]
            if part in known:
                found.append((start, part))
    return found


def parents(
    pairs: Iterable[tuple[Term, Term]], concept_of: Mapping[Term, str], matchable: Mapping[Term, object]
) -> dict[str, set[str]]:
    """Each concept's ancestor concepts, from the folded (english, vietnamese) term pairs.

    Only `matchable` terms count as heads (a term left out as ambiguous names no parent).
    """
    direct: dict[str, set[str]] = defaultdict(set)
    for en, vi in pairs:
        own = concept_of[en]
        english = _inside(en, matchable)
        vietnamese = _inside(vi, matchable)
        heads = {concept_of[p] for start, p in english if start + len(p) == len(en)}
        heads |= {concept_of[p] for start, p in vietnamese if start == 0 and len(p) >= 2}
        heads |= {concept_of[p] for _, p in english} & {concept_of[p] for _, p in vietnamese}
        direct[own] |= heads - {own}
    closed: dict[str, set[str]] = {}
    for concept in direct:
        seen, todo = set(), list(direct[concept])
        while todo:
            parent = todo.pop()
            if parent not in seen and parent != concept:
                seen.add(parent)
                todo.extend(direct.get(parent, ()))
        if seen:
            closed[concept] = seen
    return closed
