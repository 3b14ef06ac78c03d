"""The terms behind a pair's score, shown as readable words with their diacritics."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

import numpy as np
import scipy.sparse as sp

from incubator.matchcore.documents import Document
from incubator.matchcore.normalize import TAG_PREFIX, best_surfaces, surface_pairs, tag_token


def top_terms(source_row: sp.csr_matrix, target_row: sp.csr_matrix, n: int) -> np.ndarray:
    """Return the columns of the `n` terms with the largest product of the two TF-IDF weights."""
    common, in_source, in_target = np.intersect1d(
        source_row.indices, target_row.indices, assume_unique=True, return_indices=True
    )
    contribution = source_row.data[in_source] * target_row.data[in_target]
    order = np.lexsort((common, -contribution))[:n]
    return common[order]


@lru_cache(maxsize=4096)
def _surfaces(text: str) -> dict[str, str]:
    """Map each folded token of `text` that carries diacritics to its most frequent written form."""
    return best_surfaces(Counter(surface_pairs(text)))


def readable(term: str, source: Document, target: Document) -> str:
    """Show a folded term as written in the pair (target's spelling first, then the source's)."""
    if term.startswith(TAG_PREFIX):
        tags = {tag_token(tag): tag for tag in (*target.tags, *source.tags)}
        return tags.get(term, term[len(TAG_PREFIX) :])
    forms = [_surfaces(target.text), _surfaces(source.text)]
    return " ".join(next((f[w] for f in forms if w in f), w) for w in term.split(" "))


def explain(
    source: Document, target: Document, rows: tuple[sp.csr_matrix, sp.csr_matrix], terms: list[str], n: int
) -> tuple[str, ...]:
    """Return the `n` readable terms that contribute most to the pair's cosine score.

    A word already shown inside a two-word term is not repeated on its own.
    """
    ranked = [terms[c] for c in top_terms(rows[0], rows[1], 3 * n)]
    in_pairs = {word for term in ranked if " " in term for word in term.split(" ")}
    shown = [term for term in ranked if " " in term or term not in in_pairs][:n]
    return tuple(readable(term, source, target) for term in shown)
