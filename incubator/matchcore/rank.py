"""Matcher: fit TF-IDF on targets, then top-k targets per source by blockwise sparse products.

`MatchParams` lives in params.py and the top-k kernel in kernel.py; both are importable from here.
"""

from __future__ import annotations

import copy
import pickle
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import scipy.sparse as sp

from incubator.matchcore import glossary, kernel, scale, segments
from incubator.matchcore.documents import Document, Match
from incubator.matchcore.explain import explain
from incubator.matchcore.filters import ALLOW_ALL, Allowed
from incubator.matchcore.kernel import Candidates, Kernel, Partition, Scoring, rounded, top_n_product
from incubator.matchcore.keys import english_documents
from incubator.matchcore.params import MatchParams
from incubator.matchcore.vectorize import TermWeights

__all__ = ["Candidates", "MatchParams", "Matcher", "check_unique_ids", "rounded", "top_n_product"]


def check_unique_ids(documents: Sequence[Document]) -> None:
    """Refuse two documents with the same id."""
    seen = Counter(d.id for d in documents)
    duplicates = sorted(i for i, n in seen.items() if n > 1)
    if duplicates:
        raise ValueError(f"duplicate document ids: {duplicates[:5]}")


def _items(documents: Sequence[Document]) -> list[tuple[str, tuple[str, ...]]]:
    """Return the (text, tags) pairs the vectoriser reads."""
    return [(d.text, tuple(d.tags)) for d in documents]


class Matcher:
    """Rank fitted target documents for any source document (scikit-learn style)."""

    def __init__(self, params: MatchParams | None = None) -> None:
        """Keep the parameters; nothing is learned before `fit`."""
        self.params = params or MatchParams()

    def fit(self, documents: Sequence[Document]) -> Matcher:
        """Learn vocabulary and IDF from `documents` and keep them as the targets to rank."""
        check_unique_ids(documents)
        p = self.params
        concepts = glossary.compiled(tuple(p.glossary_pairs)) if p.glossary else None
        n_docs, n_jobs = len(documents), scale.workers(p.n_jobs)
        self.segment_weight_ = scale.segment_weight(p.segment_weight, n_docs)
        self.weights_ = TermWeights(
            p.max_df,
            p.idf_power,
            scale.min_df(p.min_df, n_docs),
            n_jobs,
            scale.max_df_docs(p.max_df_docs, n_docs),
            p.background,
            concepts,
            p.concept_weight,
        )
        self._set_targets(documents, *self.weights_.fit_weigh(_items(documents)))
        return self

    def _set_targets(self, documents: Sequence[Document], matrix: sp.csr_matrix, english: np.ndarray) -> None:
        """Keep the targets, their TF-IDF rows and languages, and one transposed block per kind."""
        self.targets_ = tuple(documents)
        self.matrix_ = matrix
        self.english_ = english
        self._partition()

    def _partition(self) -> None:
        """Split the fitted rows by kind, transposed for the sparse products; list the ids."""
        documents, matrix = self.targets_, self.matrix_
        self.target_ids_ = [d.id for d in documents]
        self.positions_ = None
        kinds = np.array([d.kind for d in documents], dtype=object)
        self.partitions_ = {}
        for kind in sorted(set(kinds)):
            positions = np.flatnonzero(kinds == kind)
            parts, members = None, [documents[i] for i in positions]
            if self._segment_weight() > 0 and segments.has_parts(members):
                parts = segments.build(self.weights_, members)
            rows = matrix if len(positions) == matrix.shape[0] else matrix[positions]  # one kind: no copy
            language = kernel.one_language(self.english_[positions])
            self.partitions_[kind] = Partition(
                positions, rows.T.tocsr(), parts, language, self._halves(positions)
            )

    def _halves(self, positions: np.ndarray) -> tuple[Partition, ...]:
        """One partition per language of the targets at `positions`, when they are written in both
        (and some score depends on the language: the cross-language factor, concepts only across)."""
        english, p = self.english_[positions], self.params
        by_language = p.cross_language_weight != 1.0 or not p.same_language_concepts
        if not by_language or kernel.one_language(english) is not None:
            return ()
        halves = []
        for language in (False, True):
            chosen = positions[english == language]
            members = [self.targets_[i] for i in chosen]
            parts = None
            if self._segment_weight() > 0 and segments.has_parts(members):
                parts = segments.build(self.weights_, members)
            halves.append(Partition(chosen, self.matrix_[chosen].T.tocsr(), parts, language))
        return tuple(halves)

    def _segment_weight(self) -> float:
        """The resolved segment weight (matchers pickled before "auto" resolve it on load)."""
        weight = getattr(self, "segment_weight_", None)
        if weight is None:
            return scale.segment_weight(self.params.segment_weight, len(self.targets_))
        return weight

    def transform(self, documents: Sequence[Document]) -> sp.csr_matrix:
        """Return the L2-normalised TF-IDF rows of `documents` in the fitted vocabulary."""
        return self.weights_.transform(_items(documents))

    def _source_rows(self, documents: Sequence[Document]) -> tuple[sp.csr_matrix, np.ndarray]:
        """Return the sources' rows (titles weighted when some kind is scored per segment), and
        which sources read as English."""
        weight = self.params.title_weight
        if weight > 1 and any(p.segments is not None for p in self.partitions_.values()):
            titled = [(segments.titled(d.text, weight), tuple(d.tags)) for d in documents]
            return self.weights_.weigh(titled)
        fitted = self._fitted_positions(documents)
        if fitted is None:
            return self.weights_.weigh(_items(documents))
        return self.matrix_[fitted], self.english_[fitted]

    def _fitted_positions(self, documents: Sequence[Document]) -> list[int] | None:
        """The fitted rows of `documents` when each is itself a fitted target (a run's sources), else None.

        Their rows are already weighted: reading them back skips counting their words again.
        """
        if not documents:
            return None
        position, targets = self._positions(), self.targets_
        found = [position.get(d.id) for d in documents]
        if any(p is None or targets[p] is not d for p, d in zip(found, documents, strict=True)):
            return None
        return found  # type: ignore[return-value]

    def with_targets(self, targets: Sequence[Document]) -> Matcher:
        """Return a copy that ranks `targets` with this matcher's vocabulary and IDF (no refit)."""
        check_unique_ids(targets)
        other = copy.copy(self)
        other._set_targets(targets, *self.weights_.weigh(_items(targets)))
        return other

    def top_k(
        self,
        sources: Sequence[Document],
        targets: Sequence[Document] | None = None,
        k: int = 10,
        allowed: Allowed | None = None,
        explain: bool = True,
    ) -> dict[str, list[Match]]:
        """Return, per source id in input order, its best `k` allowed targets, best first.

        `targets` None means the fitted documents. Only pairs with a positive score are
        returned; a filtered-out pair makes room for the next allowed one.
        """
        if targets is not None:
            return self.with_targets(targets).top_k(sources, None, k, allowed, explain)
        check_unique_ids(sources)
        allowed = allowed or ALLOW_ALL
        results: dict[str, list[Match]] = {}
        (rows, english), size = self._source_rows(sources), self.params.block_rows
        for start in range(0, len(sources), size):
            block, part = sources[start : start + size], slice(start, start + size)
            results.update(self._rank_block(block, rows[part], k, allowed, explain, english[part]))
        return results

    def rank_one(
        self, document: Document, k: int = 10, allowed: Allowed | None = None, explain: bool = True
    ) -> list[Match]:
        """Rank the fitted targets for one new or edited document without refitting."""
        return self.top_k([document], None, k, allowed, explain)[document.id]

    def top_k_per_kind(
        self, sources: Sequence[Document], k: int = 10, allowed: Allowed | None = None, explain: bool = True
    ) -> dict[str, list[Match]]:
        """Return, per source id, its best `k` allowed targets of each kind (k labs, then k mentors, ...).

        The same as one `top_k` per target kind (kinds in name order), with the sources
        vectorised once.
        """
        check_unique_ids(sources)
        allowed = allowed or ALLOW_ALL
        results: dict[str, list[Match]] = {d.id: [] for d in sources}
        (rows, english), size = self._source_rows(sources), self.params.block_rows
        source_kinds = {d.kind for d in sources}
        for kind in sorted(self.partitions_):
            meets = {s: (kind,) for s in source_kinds if kind in allowed.target_kinds(s, self.partitions_)}
            if not meets:
                continue
            only = replace(allowed, kinds=meets)
            for start in range(0, len(sources), size):
                block, part = sources[start : start + size], slice(start, start + size)
                ranked = self._rank_block(block, rows[part], k, only, explain, english[part])
                for source_id, matches in ranked.items():
                    results[source_id].extend(matches)
        return results

    def explain_matches(
        self, sources: Sequence[Document], results: dict[str, list[Match]]
    ) -> dict[str, list[Match]]:
        """Return `results` (ranked without explanations, perhaps filtered since) with their terms.

        `sources` holds every source document in `results`; targets are fitted documents.
        Explaining only the pairs a caller keeps costs far less than `top_k(explain=True)`.
        """
        wanted = [d for d in sources if results.get(d.id)]
        if not wanted:
            return dict(results)
        rows, position = self._source_rows(wanted)[0], self._positions()
        explained = {
            source.id: self._matches(
                source, rows[i], [(position[m.target], m.score) for m in results[source.id]], True
            )
            for i, source in enumerate(wanted)
        }
        return {source_id: explained.get(source_id, matches) for source_id, matches in results.items()}

    def _positions(self) -> dict[str, int]:
        """Each fitted target's position by id (built on first use)."""
        if getattr(self, "positions_", None) is None:
            self.positions_ = {doc_id: i for i, doc_id in enumerate(self.target_ids_)}
        return self.positions_

    def _rank_block(
        self,
        block: Sequence[Document],
        rows: sp.csr_matrix,
        k: int,
        allowed: Allowed,
        explain: bool,
        english: np.ndarray,
    ) -> dict[str, list[Match]]:
        """Rank one block of sources: sparse top-n products, then filters and explanations.

        `english`: which sources of the block read as English (the cross-language factor).
        """
        lost = Counter(source for source, _ in allowed.excluded)
        wanted = [k + lost[d.id] + int(allowed.exclude_self) for d in block]
        chosen = self._kernel().choose(block, rows, wanted, k, allowed, english)
        if not explain:
            ids, scores = self.target_ids_, iter(rounded([x for c in chosen for _, x in c]))
            pairs = zip(block, chosen, strict=True)
            return {s.id: [Match(s.id, ids[p], next(scores)) for p, _ in c] for s, c in pairs}
        return {source.id: self._matches(source, rows[i], chosen[i], True) for i, source in enumerate(block)}

    def _kernel(self) -> Kernel:
        """The fitted state the top-k search reads, with the resolved scoring settings."""
        p = self.params
        threads = scale.workers(p.n_threads)
        concepts = None if p.same_language_concepts else self.weights_.concept_columns()
        scoring = Scoring(self._segment_weight(), p.segment_tau, threads, p.cross_language_weight, concepts)
        return Kernel(self.partitions_, self.targets_, self.target_ids_, scoring)

    def _matches(
        self, source: Document, row: sp.csr_matrix, chosen: Candidates, with_terms: bool
    ) -> list[Match]:
        """Turn chosen (position, score) pairs into Match objects, with terms when asked."""
        targets = [self.targets_[position] for position, _ in chosen]
        terms: list[tuple[str, ...]] = [()] * len(chosen)
        if with_terms and chosen:
            target_rows = self.matrix_[[position for position, _ in chosen]]
            keys, n = self.weights_.keys_, self.params.n_terms
            terms = explain(source, targets, (row, target_rows), keys, n, self.weights_.concepts)
        return [
            Match(source.id, t.id, round(float(score), 6), shown)
            for t, (_, score), shown in zip(targets, chosen, terms, strict=True)
        ]

    def __getstate__(self) -> dict:
        """Pickle without the per-kind transposed copies and the id list (rebuilt on load)."""
        dropped = ("partitions_", "target_ids_", "positions_")
        return {k: v for k, v in self.__dict__.items() if k not in dropped}

    def __setstate__(self, state: dict) -> None:
        """Restore a pickled matcher and rebuild its per-kind blocks."""
        self.__dict__.update(state)
        if "matrix_" in state:
            if "english_" not in state:  # pickled before languages were kept
                self.english_ = english_documents(_items(self.targets_))
            self._partition()

    def to_bytes(self) -> bytes:
        """Serialise the fitted matcher (pickle) so workers rank against identical targets."""
        return pickle.dumps(self, protocol=pickle.HIGHEST_PROTOCOL)

    @staticmethod
    def from_bytes(data: bytes) -> Matcher:
        """Load a matcher written by `to_bytes` (trusted data only: this is pickle)."""
        matcher = pickle.loads(data)  # noqa: S301 - our own bytes, see docstring
        if not isinstance(matcher, Matcher):
            raise TypeError("not a serialised Matcher")
        return matcher
