"""Per-segment scoring: a profile made of several parts (papers, projects, labs).

Each target's text is split on `SEPARATOR`; every part is weighted with the fitted vocabulary
and IDF. A pair's score blends the whole-profile cosine with a soft maximum over the parts'
cosines, tau * log(sum(exp(s / tau)) / n_parts) (parts without a shared term left out of the
sum): near the best part's score, plus a little for each other part that also matches, minus
tau * log(n_parts) so that a long list of parts earns no bonus by itself (that bonus cost 0.2
recall@10 on expertise_bench). Scores are computed in full (no top-n pruning in the product),
so this suits corpora of thousands of targets, not hundreds of thousands. It is off by default
(`MatchParams().segment_weight` is 0: the platform's floors were calibrated on whole-profile
cosines); `segment_weight="auto"` (the command line's `--segments`) turns it on below
`scale.LARGE_CORPUS` fitted documents, and only when some target has several parts (a corpus
without parts is ranked by the plain product, with the same scores).

Titled records: when the targets are made of parts, a source whose text opens with a short
title sentence ("Title. Abstract ...", as papers and project records are written) counts that
title `title_weight` times (2 by default), so its headline terms weigh more than the body's.
A source of a corpus without parts is never touched.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from incubator.matchcore.documents import Document
from incubator.matchcore.keys import Item
from incubator.matchcore.vectorize import TermWeights

SEPARATOR = " \n"


# The smallest part score kept: a pair with a shared term never drops out of the candidates.
FLOOR = 1e-6
# A title is a first sentence ("Title. Body") of at most this many words, before a longer body.
TITLE_MAX_WORDS = 20
# Part scores per product chunk (rows × parts): bounds the soft maximum's memory.
CHUNK_CELLS = 20_000_000


@dataclass
class Segments:
    """The parts of one kind's targets: transposed TF-IDF rows, a part → target indicator, counts."""

    columns: sp.csr_matrix
    owners: sp.csr_matrix
    n_parts: np.ndarray


def segment_items(documents: Sequence[Document]) -> tuple[list[Item], np.ndarray]:
    """Return the (text, tags) of every part and the position of the document it belongs to."""
    items: list[Item] = []
    owner: list[int] = []
    for i, document in enumerate(documents):
        parts = [part for part in document.text.split(SEPARATOR) if part.strip()] or [document.text]
        items.extend((part, tuple(document.tags)) for part in parts)
        owner.extend([i] * len(parts))
    return items, np.array(owner, np.int64)


def has_parts(documents: Sequence[Document]) -> bool:
    """Return whether any document is made of more than one non-empty part."""
    return any(sum(1 for part in d.text.split(SEPARATOR) if part.strip()) > 1 for d in documents)


def title(text: str) -> str | None:
    """Return the text's title: its first sentence when short and followed by a longer body."""
    head, found, body = text.partition(". ")
    words = len(head.split())
    if not found or not 0 < words <= TITLE_MAX_WORDS or len(body.split()) <= words:
        return None
    return head


def titled(text: str, weight: int) -> str:
    """Return `text` with its title repeated so that it counts `weight` times (unchanged without one)."""
    head = title(text) if weight > 1 else None
    return text if head is None else ". ".join([head] * (weight - 1) + [text])


def build(weights: TermWeights, documents: Sequence[Document]) -> Segments:
    """Weight the parts of `documents` with the fitted vocabulary and IDF."""
    items, owner = segment_items(documents)
    ones = np.ones(len(owner), np.float64)
    shape = (len(owner), len(documents))
    owners = sp.csr_matrix((ones, (np.arange(len(owner)), owner)), shape=shape)
    n_parts = np.bincount(owner, minlength=len(documents)).astype(np.float64)
    return Segments(weights.transform(items).T.tocsr(), owners, n_parts)


def soft_max(rows: sp.csr_matrix, segments: Segments, tau: float) -> sp.csr_matrix:
    """Return tau * log(sum(exp(s / tau)) / n_parts) over each target's parts that share a term."""
    step = max(1, CHUNK_CELLS // max(1, segments.columns.shape[1]))
    if rows.shape[0] > step:
        chunks = [soft_max(rows[i : i + step], segments, tau) for i in range(0, rows.shape[0], step)]
        return sp.vstack(chunks, format="csr")
    product = (rows @ segments.columns).tocsr().astype(np.float64)
    product.data = np.exp((product.data - 1.0) / tau)
    total = (product @ segments.owners).tocsr()
    penalty = np.log(segments.n_parts[total.indices])
    total.data = np.maximum(tau * (np.log(total.data) - penalty) + 1.0, FLOOR)
    return total


def blended(
    rows: sp.csr_matrix, columns: sp.csr_matrix, segments: Segments, weight: float, tau: float
) -> sp.csr_matrix:
    """Return (1 - weight) * whole-profile cosine + weight * the parts' soft maximum."""
    whole = (rows @ columns).tocsr().astype(np.float64)
    return ((1.0 - weight) * whole + weight * soft_max(rows, segments, tau)).tocsr()


def top_n(scores: sp.csr_matrix, n: int) -> tuple[np.ndarray, ...]:
    """Return (row, column, score) of each row's `n` best entries, and whether none were cut."""
    counts = np.diff(scores.indptr)
    row = np.repeat(np.arange(scores.shape[0]), counts)
    order = np.lexsort((scores.indices, -scores.data, row))
    keep = np.arange(len(order)) - scores.indptr[row[order]] < n
    chosen = order[keep]
    return row[chosen], scores.indices[chosen], scores.data[chosen].astype(np.float32), counts <= n
