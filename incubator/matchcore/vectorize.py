"""The TF-IDF weights: folded syllable unigrams and bigrams, tags, boilerplate damping.

The result equals scikit-learn's ``TfidfVectorizer(analyzer=Analyzer(), sublinear_tf=True,
max_df=...)`` up to column order (a test checks it). Terms are counted as 64-bit keys
(see keys.py) in numpy, because a Python vocabulary of millions of bigrams costs minutes and
gigabytes at 100k profiles; large batches are counted in worker processes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache, partial

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from incubator.matchcore.background import background_texts
from incubator.matchcore.glossary import Concepts
from incubator.matchcore.keys import Counts, Item, among, count_keys, term_key
from incubator.matchcore.merge import merge_keys
from incubator.matchcore.normalize import tag_token, tokens, word_ngrams
from incubator.matchcore.parallel import map_chunks

# Below this many documents a term's document frequency says nothing about boilerplate.
MIN_BOILERPLATE_DOCS = 5


class Analyzer:
    """Turn `(text, tags)` into terms: folded unigrams and bigrams, then one token per tag."""

    def __call__(self, item: Item) -> list[str]:
        """Return the terms of one document (the readable twin of keys.count_keys)."""
        text, tags = item
        terms = word_ngrams(tokens(text))
        terms.extend(tag_token(tag) for tag in tags)
        return terms


def max_doc_count(n_docs: int, max_df: float, max_docs: int | None = None) -> int:
    """Return the document count above which a term is boilerplate and dropped."""
    count = math.ceil(max_df * n_docs) if max_docs is None else min(math.ceil(max_df * n_docs), max_docs)
    return max(count, MIN_BOILERPLATE_DOCS, 1)


def reference_vectorizer(n_docs: int, max_df: float) -> TfidfVectorizer:
    """Return the stock TfidfVectorizer that `TermWeights` reproduces (for tests and docs)."""
    return TfidfVectorizer(
        analyzer=Analyzer(),
        sublinear_tf=True,
        max_df=max_doc_count(n_docs, max_df),
        dtype=np.float32,
    )


def count(items: Sequence[Item], n_jobs: int = 1, concepts: Concepts | None = None) -> list[Counts]:
    """Count the term keys of `items` chunk by chunk (in worker processes when the batch is large)."""
    counter = partial(count_keys, concepts=concepts)
    return map_chunks(counter, items, n_jobs) if items else [counter(items)]


def _remap(counts: sp.csr_matrix, columns: np.ndarray, idf: np.ndarray) -> sp.csr_matrix:
    """Move a chunk's counts to fitted columns (-1: dropped) as L2-normalised sublinear TF-IDF."""
    target = columns[counts.indices]
    known = target >= 0
    rows = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))[known]
    indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=counts.shape[0]))])
    target = target[known]
    data = ((1 + np.log(counts.data[known])) * idf[target]).astype(np.float32)
    matrix = sp.csr_matrix((data, target.astype(np.int32), indptr), shape=(counts.shape[0], len(idf)))
    return normalize(matrix, copy=False)


def frequencies(parts: list[Counts]) -> tuple[np.ndarray, list[np.ndarray], np.ndarray]:
    """Merge counted chunks: the sorted keys, each chunk's key positions, and each key's document count."""
    chunk_df = [np.bincount(c.indices, minlength=len(k)) for c, k, _ in parts]
    keys, positions, df = merge_keys([k for _, k, _ in parts], chunk_df)
    return keys, positions, df


@lru_cache(maxsize=2)
def _background_frequencies(concepts: Concepts | None = None) -> tuple[np.ndarray, np.ndarray, int]:
    """The background corpus's keys and document counts (counted once per process and glossary)."""
    texts = background_texts()
    keys, _, df = frequencies(count([(text, ()) for text in texts], concepts=concepts))
    return keys, df, len(texts)


def background_df(keys: np.ndarray, concepts: Concepts | None = None) -> tuple[np.ndarray, int]:
    """Each of `keys`' document count in the background corpus, and the corpus's size."""
    bg_keys, bg_df, n = _background_frequencies(concepts)
    at = np.minimum(np.searchsorted(bg_keys, keys), len(bg_keys) - 1)
    return np.where(bg_keys[at] == keys, bg_df[at], 0), n


class TermWeights:
    """Learn term keys and IDF weights from documents, then weight any document's terms."""

    concepts: Concepts | None = None  # matchers pickled before the glossary existed have none

    def __init__(
        self,
        max_df: float = 0.5,
        idf_power: float = 1.0,
        min_df: int = 1,
        n_jobs: int = 1,
        max_docs: int | None = None,
        background: bool = False,
        concepts: Concepts | None = None,
        concept_weight: float = 1.0,
    ) -> None:
        """Keep the parameters: boilerplate cut-offs, IDF sharpening, rare-term cut, processes.

        `background`: blend the shipped background corpus's document frequencies into the IDF.
        `concepts`: a compiled glossary whose terms add shared concept tokens (glossary.py).
        `concept_weight`: the concept tokens' IDF is multiplied by this.
        """
        self.max_df = max_df
        self.max_docs = max_docs
        self.idf_power = idf_power
        self.min_df = min_df
        self.n_jobs = n_jobs
        self.background = background
        self.concepts = concepts
        self.concept_weight = concept_weight

    def fit_transform(self, items: Sequence[Item]) -> sp.csr_matrix:
        """Learn keys and IDF from `items` and return their L2-normalised TF-IDF rows."""
        return self.fit_weigh(items)[0]

    def fit_weigh(self, items: Sequence[Item]) -> tuple[sp.csr_matrix, np.ndarray]:
        """`fit_transform`, and which of `items` read as English (counted in the same pass)."""
        parts = count(items, self.n_jobs, self.concepts)
        keys, positions, df = frequencies(parts)
        keep = (df <= max_doc_count(len(items), self.max_df, self.max_docs)) & (df >= self.min_df)
        if not keep.any():
            raise ValueError("no terms to match on: every document is empty or stop words")
        self.keys_ = keys[keep]
        extra, n_extra = background_df(self.keys_, self.concepts) if self.background else (0, 0)
        idf = np.log((1 + len(items) + n_extra) / (1 + df[keep] + extra)) + 1
        idf = idf**self.idf_power
        self.concept_columns_ = (
            None if self.concepts is None else among(self.keys_, self.concepts.concept_keys)
        )
        if self.concept_columns_ is not None:
            idf[self.concept_columns_] *= self.concept_weight
        self.idf_ = idf.astype(np.float32)
        columns = np.where(keep, np.cumsum(keep) - 1, -1)
        chunks = [_remap(c, columns[p], self.idf_) for (c, _, _), p in zip(parts, positions, strict=True)]
        return sp.vstack(chunks, format="csr"), np.concatenate([e for _, _, e in parts])

    def transform(self, items: Sequence[Item]) -> sp.csr_matrix:
        """Return the TF-IDF rows of `items` over the fitted keys (unknown terms ignored).

        Large batches are counted, looked up and weighted chunk by chunk in worker processes.
        """
        return self.weigh(items)[0]

    def weigh(self, items: Sequence[Item]) -> tuple[sp.csr_matrix, np.ndarray]:
        """`transform`, and which of `items` read as English (counted in the same pass)."""
        items = list(items)
        chunks = map_chunks(self._weigh, items, self.n_jobs) if items else [self._weigh(items)]
        return sp.vstack([m for m, _ in chunks], format="csr"), np.concatenate([e for _, e in chunks])

    def _weigh(self, items: Sequence[Item]) -> tuple[sp.csr_matrix, np.ndarray]:
        """Count one chunk's terms; return its TF-IDF rows over the fitted keys and its languages."""
        counts, keys, english = count_keys(items, self.concepts)
        return _remap(counts, self.columns_of(keys), self.idf_), english

    def columns_of(self, keys: np.ndarray) -> np.ndarray:
        """Return the column of each key (sorted keys are fastest), or -1 when it was not fitted."""
        columns = np.minimum(np.searchsorted(self.keys_, keys), len(self.keys_) - 1)
        return np.where(self.keys_[columns] == keys, columns, -1)

    def concept_columns(self) -> np.ndarray | None:
        """Which fitted columns are glossary concept tokens (None without a glossary)."""
        if self.concepts is not None and getattr(self, "concept_columns_", None) is None:  # older pickle
            self.concept_columns_ = among(self.keys_, self.concepts.concept_keys)
        return getattr(self, "concept_columns_", None)

    def column(self, term: str) -> int | None:
        """Return the column of a readable term, or None when it is not in the vocabulary."""
        found = int(self.columns_of(np.array([term_key(term)], np.uint64))[0])
        return None if found < 0 else found
