"""The terms behind a pair's score, shown as readable words with their diacritics."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import scipy.sparse as sp

from incubator.matchcore.documents import Document
from incubator.matchcore.keys import terms_by_key
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


def column_terms(document: Document, columns: np.ndarray, keys: np.ndarray) -> dict[int, str]:
    """Return the folded term behind each of `columns` as written in `document` (by column)."""
    by_key = terms_by_key(document.text, document.tags, keys[columns])
    found = ((int(c), by_key.get(int(keys[c]))) for c in columns)
    return {column: term for column, term in found if term is not None}


def _shown(ranked: list[str], source: Document, target: Document, n: int) -> tuple[str, ...]:
    """Keep `n` readable terms; a word already shown inside a two-word term is not repeated."""
    in_pairs = {word for term in ranked if " " in term for word in term.split(" ")}
    shown = [term for term in ranked if " " in term or term not in in_pairs][:n]
    return tuple(readable(term, source, target) for term in shown)


def explain(
    source: Document,
    targets: Sequence[Document],
    rows: tuple[sp.csr_matrix, sp.csr_matrix],
    keys: np.ndarray,
    n: int,
) -> list[tuple[str, ...]]:
    """Return, per target, the `n` readable terms that contribute most to the pair's cosine score.

    `rows` holds the source's TF-IDF row and the targets' rows; `keys` is the fitted vocabulary.
    """
    tops = [top_terms(rows[0], rows[1][i], 3 * n) for i in range(len(targets))]
    terms = column_terms(source, np.unique(np.concatenate([np.zeros(0, np.int64), *tops])), keys)
    return [
        _shown([terms[c] for c in top.tolist() if c in terms], source, t, n)
        for top, t in zip(tops, targets, strict=True)
    ]
