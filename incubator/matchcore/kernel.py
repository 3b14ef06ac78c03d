"""The top-k kernel: sparse top-n products per target kind, their merge, rounding and pair filters."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sparse_dot_topn import sp_matmul_topn, unchecked

from incubator.matchcore import segments
from incubator.matchcore.documents import Document
from incubator.matchcore.filters import Allowed
from incubator.matchcore.segments import Segments

# Fewer source rows than this per thread are multiplied on one thread (one new profile: starting
# the threads cost more than its product; the result is the same either way).
MIN_ROWS_PER_THREAD = 16
# (target position, score) pairs, best first.
Candidates = list[tuple[int, float]]
# Per source row of one kind: (row, target position, score) arrays and whether none were cut off.
KindTop = tuple[np.ndarray, ...]


@dataclass
class Partition:
    """The fitted targets of one kind (or of one kind in one language): positions and transposed rows.

    `english`: whether its targets read as English (None: both languages, no split);
    `languages`: the same targets split by language, when they are written in both.
    """

    positions: np.ndarray
    columns: sp.csr_matrix
    segments: Segments | None = None
    english: bool | None = None
    languages: tuple[Partition, ...] = ()


def top_n_product(rows: sp.csr_matrix, columns: sp.csr_matrix, n: int, n_threads: int) -> sp.csr_matrix:
    """Return `sp_matmul_topn(rows, columns, top_n=n, n_threads=n_threads)`, computed the same way.

    The checked `sp_matmul_topn` copies both matrices' index arrays on every call (about 0.1 s
    for 100k fitted targets, once per block of sources); this calls the same kernel on int32
    arrays as they are. Its special cases (a full product, an empty matrix, mixed dtypes)
    go through the checked call.
    """
    int32 = np.dtype(np.int32)
    if (
        n >= columns.shape[1]
        or rows.shape[1] != columns.shape[0]
        or not 0 < rows.nnz < 2**31
        or columns.nnz == 0
        or rows.dtype != columns.dtype
        or columns.indptr.dtype != int32
        or columns.indices.dtype != int32
    ):
        return sp_matmul_topn(rows, columns, top_n=n, n_threads=n_threads)
    rows = sp.csr_matrix(
        (rows.data, rows.indices.astype(int32, copy=False), rows.indptr.astype(int32, copy=False)),
        shape=rows.shape,
    )
    if n_threads > 1 and rows.shape[0] >= MIN_ROWS_PER_THREAD * n_threads:
        return unchecked.sp_matmul_topn_mt(rows, columns, n, False, None, n_threads)
    return unchecked.sp_matmul_topn(rows, columns, n, False, None, 1.0)


def rounded(scores: Sequence[float], digits: int = 6) -> list[float]:
    """Return `[round(score, digits) for score in scores]`, computed in numpy.

    Scaling by 10**digits and taking the nearest integer is exact unless the scaled value lies
    within a hair of a half (the scaling itself is rounded): those few go through round().
    Dividing the integer by 10**digits then gives the double nearest the decimal, as round() does.
    """
    values = np.asarray(scores, np.float64)
    factor = 10.0**digits
    scaled = values * factor
    result = (np.rint(scaled) / factor).tolist()
    with np.errstate(invalid="ignore"):
        unsure = ~(np.abs(scaled) < 1e9) | (np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6)
    for i in np.flatnonzero(unsure).tolist():
        result[i] = round(float(values[i]), digits)
    return result


def kind_top_n(
    rows: sp.csr_matrix,
    part: Partition,
    n: int,
    scoring: Scoring,
    english: np.ndarray | None = None,
) -> KindTop:
    """Return (row, target position, score) of each row's top `n` in one kind, and completeness.

    A kind written in both languages is ranked per language, and a source's scores for targets
    in the other language are multiplied by `scoring.cross_language` (at most 1): a pair that
    shares concepts but no word is not outranked by one that shares only the language. Against
    targets of its own language a source's concept tokens are left out (`across_languages`).
    """
    if part.languages and english is not None:
        tops = []
        for half in part.languages:
            owner, position, score, complete = kind_top_n(rows, half, n, scoring, english)
            crossing = english[owner] != half.english
            score = np.where(crossing, np.minimum(score * scoring.cross_language, 1.0), score)
            tops.append((owner, position, score.astype(np.float32), complete))
        return _merged_kind(tops, rows.shape[0], n)
    rows = across_languages(rows, english, part.english, scoring.concept_columns)
    if part.segments is not None:
        scores = segments.blended(rows, part.columns, part.segments, scoring.segment_weight, scoring.tau)
        owner, local, score, complete = segments.top_n(scores, n)
        return owner, part.positions[local], score, complete
    product = top_n_product(rows, part.columns, n, scoring.n_threads)
    counts = np.diff(product.indptr)
    owner = np.repeat(np.arange(rows.shape[0]), counts)
    return owner, part.positions[product.indices], product.data, counts < n


def one_language(english: np.ndarray) -> bool | None:
    """Return whether targets all read as English (True), all as Vietnamese (False), or None: both."""
    return True if english.all() else False if not english.any() else None


def across_languages(
    rows: sp.csr_matrix, english: np.ndarray | None, language: bool | None, concepts: np.ndarray | None
) -> sp.csr_matrix:
    """Return `rows` with the sources written in `language` (the targets') as their words only.

    A glossary concept bridges two languages; between two texts of one language it only repeats
    words both already share (and counts them twice), so such a source's concept tokens are left
    out and its row normalised again (a cosine of its words). `concepts`: which columns are
    concept tokens (None: keep them); `language` None: targets of both languages (nothing changed).
    """
    if concepts is None or english is None or language is None:
        return rows
    owner = np.repeat(np.arange(rows.shape[0]), np.diff(rows.indptr))
    kept = ~(english[owner] == language) | ~concepts[rows.indices]
    if kept.all():
        return rows
    owner, data, n = owner[kept], rows.data[kept], rows.shape[0]
    changed = np.bincount(owner, minlength=n) < np.diff(rows.indptr)  # other rows stay as they are
    norm = np.sqrt(np.bincount(owner, weights=data.astype(np.float64) ** 2, minlength=n))
    scale = np.where(changed & (norm > 0), 1 / np.where(norm > 0, norm, 1), 1.0)
    indptr = np.concatenate([[0], np.cumsum(np.bincount(owner, minlength=n))]).astype(rows.indptr.dtype)
    return sp.csr_matrix(((data * scale[owner]).astype(rows.dtype), rows.indices[kept], indptr), rows.shape)


def _merged_kind(tops: list[KindTop], n_rows: int, n: int) -> KindTop:
    """Merge the per-language tops of one kind back into (row, position, score, completeness)."""
    merged = merge_top(tops, n_rows, n)
    counts = [len(pairs) for pairs, _ in merged]
    owner = np.repeat(np.arange(n_rows), counts)
    position = np.array([p for pairs, _ in merged for p, _ in pairs], np.int64)
    score = np.array([x for pairs, _ in merged for _, x in pairs], np.float32)
    return owner, position, score, np.array([c for _, c in merged], bool)


@dataclass(frozen=True)
class Scoring:
    """How scores are computed: per-segment blend, its temperature, threads, cross-language factor,
    and the concept columns a source keeps only against targets of the other language (None: all)."""

    segment_weight: float
    tau: float
    n_threads: int
    cross_language: float = 1.0
    concept_columns: np.ndarray | None = None


def merge_top(parts: list[KindTop], n_rows: int, n: int) -> list[tuple[Candidates, bool]]:
    """Merge per-kind tops into each row's top `n` (score desc, then target position)."""
    owner = np.concatenate([p[0] for p in parts]) if parts else np.zeros(0, np.int64)
    position = np.concatenate([p[1] for p in parts]) if parts else np.zeros(0, np.int64)
    score = np.concatenate([p[2] for p in parts]) if parts else np.zeros(0, np.float32)
    order = np.lexsort((position, -score, owner))
    owner, position, score = owner[order], position[order], score[order]
    starts = np.searchsorted(owner, np.arange(n_rows + 1))
    keep = np.arange(len(owner)) - starts[owner] < n
    complete = np.ones(n_rows, bool)
    for p in parts:
        complete &= p[3]
    bounds = np.searchsorted(owner[keep], np.arange(n_rows + 1)).tolist()
    pairs = list(zip(position[keep].tolist(), score[keep].tolist(), strict=True))
    return [(pairs[bounds[r] : bounds[r + 1]], bool(complete[r])) for r in range(n_rows)]


def permitted(
    source: Document,
    candidates: Candidates,
    allowed: Allowed,
    targets: Sequence[Document],
    target_ids: Sequence[str],
) -> Candidates:
    """Keep the candidates `allowed` permits (only an id comparison when that is the sole rule)."""
    if allowed.excluded or allowed.predicate is not None:
        return [c for c in candidates if allowed.permits(source, targets[c[0]])]
    if not allowed.exclude_self:
        return candidates
    own = source.id
    return [c for c in candidates if target_ids[c[0]] != own]


@dataclass
class Kernel:
    """What the top-k search reads of a fitted matcher: per-kind blocks, targets, scoring settings."""

    partitions: dict[str, Partition]
    targets: Sequence[Document]
    target_ids: Sequence[str]
    scoring: Scoring

    def choose(
        self,
        block: Sequence[Document],
        rows: sp.csr_matrix,
        wanted: list[int],
        k: int,
        allowed: Allowed,
        english: np.ndarray | None = None,
    ) -> list[Candidates]:
        """Pick each source's `k` best allowed targets, fetching more candidates where filters bite.

        `english`: which sources read as English (for the cross-language factor; None: not applied).
        """
        chosen: list[Candidates | None] = [None] * len(block)
        pending = list(range(len(block)))
        while pending:
            fetched = self._candidates(block, rows, pending, wanted, allowed, english)
            for i, (candidates, complete) in zip(pending, fetched, strict=True):
                kept = permitted(block[i], candidates, allowed, self.targets, self.target_ids)
                if len(kept) >= k or complete:
                    chosen[i] = kept[:k]
                wanted[i] *= 2
            pending = [i for i in pending if chosen[i] is None]
        return chosen

    def _candidates(
        self,
        block: Sequence[Document],
        rows: sp.csr_matrix,
        pending: list[int],
        wanted: list[int],
        allowed: Allowed,
        english: np.ndarray | None,
    ) -> list[tuple[Candidates, bool]]:
        """Return, for each pending row, its top `wanted` candidates and whether none were cut off."""
        groups: dict[tuple[frozenset[str], int], list[int]] = {}
        for i in pending:
            kinds = allowed.target_kinds(block[i].kind, self.partitions)
            groups.setdefault((kinds, wanted[i]), []).append(i)
        found: dict[int, tuple[Candidates, bool]] = {}
        for (kinds, n), members in groups.items():
            languages = None if english is None else english[members]
            tops = self.top_in_kinds(rows[members], sorted(kinds), n, languages)
            found.update(zip(members, tops, strict=True))
        return [found[i] for i in pending]

    def top_in_kinds(
        self, rows: sp.csr_matrix, kinds: list[str], n: int, english: np.ndarray | None = None
    ) -> list[tuple[Candidates, bool]]:
        """Return each row's top `n` targets among `kinds` (score desc, then target position)."""
        tops = [kind_top_n(rows, self.partitions[kind], n, self.scoring, english) for kind in kinds]
        return merge_top(tops, rows.shape[0], n)
