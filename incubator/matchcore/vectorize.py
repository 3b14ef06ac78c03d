"""The TF-IDF configuration: folded syllable unigrams and bigrams, tags, boilerplate damping.

The result equals scikit-learn's ``TfidfVectorizer(analyzer=Analyzer(), sublinear_tf=True,
max_df=...)`` up to column order (a test checks it); counting is done in C-level loops
because the stock counter costs about a microsecond per term, minutes at 100k profiles.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain, repeat

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfTransformer, TfidfVectorizer

from incubator.matchcore.normalize import tag_token, tokens, word_ngrams

# Below this many documents a term's document frequency says nothing about boilerplate.
MIN_BOILERPLATE_DOCS = 5
CHUNK = 2048

Item = tuple[str, tuple[str, ...]]
ColumnsOf = Callable[[Iterator[str]], Iterator[int]]


class Analyzer:
    """Turn `(text, tags)` into terms: folded unigrams and bigrams, then one token per tag."""

    def __call__(self, item: Item) -> list[str]:
        """Return the terms of one document."""
        text, tags = item
        terms = word_ngrams(tokens(text))
        terms.extend(tag_token(tag) for tag in tags)
        return terms


class _GrowingVocabulary(dict):
    """A term → column map that gives the next column to a term it has not seen."""

    def __missing__(self, term: str) -> int:
        column = self[term] = len(self)
        return column


def max_doc_count(n_docs: int, max_df: float) -> int:
    """Return the document count above which a term is boilerplate and dropped."""
    return max(math.ceil(max_df * n_docs), MIN_BOILERPLATE_DOCS, 1)


def reference_vectorizer(n_docs: int, max_df: float) -> TfidfVectorizer:
    """Return the stock TfidfVectorizer that `TermWeights` reproduces (for tests and docs)."""
    return TfidfVectorizer(
        analyzer=Analyzer(),
        sublinear_tf=True,
        max_df=max_doc_count(n_docs, max_df),
        dtype=np.float32,
    )


def _count_chunk(items: Sequence[Item], columns_of: ColumnsOf, n_columns: int) -> sp.csr_matrix:
    """Count the terms of `items` into a CSR matrix; `columns_of` maps terms to columns or -1."""
    analyze = Analyzer()
    term_lists = [analyze(item) for item in items]
    lengths = np.fromiter(map(len, term_lists), dtype=np.int64, count=len(term_lists))
    columns = np.fromiter(columns_of(chain.from_iterable(term_lists)), dtype=np.int64)
    rows = np.repeat(np.arange(len(items)), lengths)
    known = columns >= 0
    counts = np.ones(int(known.sum()), dtype=np.float32)
    shape = (len(items), max(n_columns, int(columns.max(initial=-1)) + 1))
    matrix = sp.csr_matrix((counts, (rows[known], columns[known])), shape=shape)
    matrix.sum_duplicates()
    return matrix


def _stack(chunks: list[sp.csr_matrix], n_columns: int) -> sp.csr_matrix:
    """Stack row chunks whose column count grew while they were counted."""
    resized = [sp.csr_matrix((c.data, c.indices, c.indptr), shape=(c.shape[0], n_columns)) for c in chunks]
    if not resized:
        return sp.csr_matrix((0, n_columns), dtype=np.float32)
    return sp.vstack(resized, format="csr")


class TermWeights:
    """Learn a vocabulary and IDF weights from documents, then weight any document's terms."""

    def __init__(self, max_df: float = 0.5, idf_power: float = 1.0) -> None:
        """Keep the parameters: boilerplate cut-off and IDF sharpening."""
        self.max_df = max_df
        self.idf_power = idf_power

    def fit_transform(self, items: Sequence[Item]) -> sp.csr_matrix:
        """Learn vocabulary and IDF from `items` and return their L2-normalised TF-IDF rows."""
        vocabulary = _GrowingVocabulary()

        def columns_of(terms: Iterator[str]) -> Iterator[int]:
            return map(vocabulary.__getitem__, terms)

        chunks = [_count_chunk(items[i : i + CHUNK], columns_of, 0) for i in range(0, len(items), CHUNK)]
        counts = _stack(chunks, len(vocabulary))
        counts = self._prune(counts, dict(vocabulary), len(items))
        if counts.shape[1] == 0:
            raise ValueError("no terms to match on: every document is empty or stop words")
        self.transformer_ = TfidfTransformer(sublinear_tf=True).fit(counts)
        self.transformer_.idf_ = self.transformer_.idf_**self.idf_power
        return self.transformer_.transform(counts).astype(np.float32)

    def _prune(self, counts: sp.csr_matrix, vocabulary: dict[str, int], n_docs: int) -> sp.csr_matrix:
        """Drop boilerplate terms (document frequency above the cut-off) and renumber columns."""
        df = np.bincount(counts.indices, minlength=counts.shape[1])
        keep = df <= max_doc_count(n_docs, self.max_df)
        self.terms_ = [term for term, column in vocabulary.items() if keep[column]]
        self.vocabulary_ = {term: column for column, term in enumerate(self.terms_)}
        return counts[:, np.flatnonzero(keep)] if not keep.all() else counts

    def transform(self, items: Iterable[Item]) -> sp.csr_matrix:
        """Return the TF-IDF rows of `items` over the fitted vocabulary (unknown terms ignored)."""
        items = list(items)
        lookup, width = self.vocabulary_.get, len(self.terms_)

        def columns_of(terms: Iterator[str]) -> Iterator[int]:
            return map(lookup, terms, repeat(-1))

        chunks = [_count_chunk(items[i : i + CHUNK], columns_of, width) for i in range(0, len(items), CHUNK)]
        return self.transformer_.transform(_stack(chunks, len(self.terms_))).astype(np.float32)
