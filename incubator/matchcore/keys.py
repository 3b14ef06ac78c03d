"""Terms as 64-bit keys: unigrams, bigrams and tags counted per document without Python strings.

A word's key is a polynomial hash of its UTF-8 bytes (mod 2**64, then mixed), computed for a
whole batch at once in numpy; a bigram's key mixes its two words' keys. Keys are the same in
every process, so fitting stays deterministic, and the fitted vocabulary is a sorted integer
array instead of millions of Python strings.

This module sits below glossary.py (which builds its term keys here): it never imports it, and
`count_keys` takes a compiled glossary through the `TermScanner` protocol.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

import numpy as np
import scipy.sparse as sp

from incubator.matchcore.language import (
    ENGLISH_MARKER_SHARE,
    MIN_VIETNAMESE_SHARE,
    SURELY_VIETNAMESE_SHARE,
    vietnamese_syllables,
)
from incubator.matchcore.normalize import tag_token, tokens
from incubator.matchcore.stopwords import ENGLISH, ENGLISH_MARKERS, VIETNAMESE

Item = tuple[str, tuple[str, ...]]
# A chunk's term counts (documents × the chunk's own keys), those keys, sorted, and which of its
# documents read as English.
Counts = tuple[sp.csr_matrix, np.ndarray, np.ndarray]

_BASE = 0x100000001B3
_SPACE = 32
# ASCII text: lower-case letters, digits and "_" are word bytes (as \w), the rest separate words.
_ASCII_WORDS = bytes(
    c + 32 if 65 <= c <= 90 else c if (48 <= c <= 57 or 97 <= c <= 122 or c == 95) else _SPACE
    for c in range(256)
)
_powers: list[np.ndarray] = [np.ones(1, np.uint64), np.ones(1, np.uint64)]


class TermScanner(Protocol):
    """What `count_keys` needs of a compiled glossary (glossary.Concepts): a scan of a word-key stream."""

    def scan(
        self, keys: np.ndarray, owner: np.ndarray, stopped: np.ndarray, english: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Find the terms in the stream: (start position, words, concept key) of each match."""
        ...


def _mix(z: np.ndarray) -> np.ndarray:
    """Spread the bits of raw hashes (splitmix64 finaliser)."""
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def _power_tables(length: int) -> tuple[np.ndarray, np.ndarray]:
    """Return BASE**i and BASE**-i (mod 2**64) for i below `length`, grown as needed."""
    if len(_powers[0]) < length:
        size = max(length, 2 * len(_powers[0]))
        for i, base in enumerate((_BASE, pow(_BASE, -1, 2**64))):
            steps = np.full(size, base, np.uint64)
            steps[0] = 1
            _powers[i] = np.cumprod(steps, dtype=np.uint64)
    return _powers[0], _powers[1]


def _token_keys(buffer: bytes) -> tuple[np.ndarray, np.ndarray]:
    """Return the start offset and key of every space-separated token in `buffer`."""
    data = np.frombuffer(buffer, np.uint8)
    edges = np.diff(np.concatenate(([0], data != _SPACE, [0])).astype(np.int8))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    up, down = _power_tables(len(data) + 1)
    prefix = np.zeros(len(data) + 1, np.uint64)
    np.cumsum(data * down[: len(data)], out=prefix[1:])
    return starts, _mix((prefix[ends] - prefix[starts]) * up[np.maximum(ends - 1, 0)])


def word_keys(words: Sequence[str]) -> np.ndarray:
    """Return the key of each word or tag token (none may contain a space)."""
    return _token_keys(" ".join(words).encode("utf-8"))[1]


def bigram_keys(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Mix the keys of two adjacent words into the bigram's key (order matters)."""
    return _mix(left * np.uint64(0x9E3779B97F4A7C15) + (right ^ (right >> np.uint64(29))))


def term_key(term: str) -> int:
    """Return the key of a term as the analyser writes it ("word", "word word" or a tag token)."""
    keys = word_keys(term.split(" "))
    return int(keys[0] if len(keys) == 1 else bigram_keys(keys[:1], keys[1:])[0])


_STOP = {
    name: np.unique(word_keys(sorted(words)))
    for name, words in (("en", ENGLISH), ("vi", VIETNAMESE), ("markers", ENGLISH_MARKERS))
}


_ANY_STOP = np.zeros(1 << 16, bool)
_ANY_STOP[(np.concatenate(list(_STOP.values())) & np.uint64(0xFFFF)).astype(np.intp)] = True


def among(keys: np.ndarray, few: np.ndarray) -> np.ndarray:
    """Tell which of `keys` are in the short sorted array `few` (faster than np.isin here)."""
    return few[np.minimum(np.searchsorted(few, keys), len(few) - 1)] == keys


def _stopped(keys: np.ndarray, owner: np.ndarray, n_docs: int) -> np.ndarray:
    """Tell which words are stop words, each document's list chosen as stopwords.stop_words_for."""
    return stopped_and_english(keys, owner, n_docs)[0]


def stopped_and_english(keys: np.ndarray, owner: np.ndarray, n_docs: int) -> tuple[np.ndarray, np.ndarray]:
    """Tell which words are stop words of their document's language, and which documents read as English.

    The language is language.reads_as_english's rule (function words, or too few possible Vietnamese
    syllables). A table of the stop keys' low bits first rules out most words without a search.
    """
    maybe = np.flatnonzero(_ANY_STOP[(keys & np.uint64(0xFFFF)).astype(np.intp)])
    few, few_owner = keys[maybe], owner[maybe]
    markers = np.bincount(few_owner, among(few, _STOP["markers"]), n_docs)
    syllables = np.bincount(owner, among(keys, _syllable_keys()), n_docs)
    words = np.bincount(owner, minlength=n_docs)
    english = (markers >= ENGLISH_MARKER_SHARE * words) & (syllables < SURELY_VIETNAMESE_SHARE * words)
    english = (english | (syllables < MIN_VIETNAMESE_SHARE * words)) & (words > 0)
    stopped = np.zeros(len(keys), bool)
    stopped[maybe] = np.where(english[few_owner], among(few, _STOP["en"]), among(few, _STOP["vi"]))
    return stopped, english


@lru_cache(maxsize=1)
def _syllable_keys() -> np.ndarray:
    """The sorted keys of every folded Vietnamese syllable shape."""
    return np.unique(word_keys(sorted(vietnamese_syllables())))


def english_documents(items: Sequence[Item]) -> np.ndarray:
    """Tell which documents read as English (language.reads_as_english), for all at once."""
    keys, owner = _words(items)
    return stopped_and_english(keys, owner, len(items))[1]


def _spaced(text: str) -> bytes:
    """Return the folded words of `text` as UTF-8, separated by spaces (ASCII takes a fast path)."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_WORDS)
    return " ".join(tokens(text)).encode("utf-8")


def _words(items: Sequence[Item]) -> tuple[np.ndarray, np.ndarray]:
    """Return the key of every word of `items` and the document it belongs to."""
    parts = [_spaced(text) for text, _ in items]
    offsets = np.cumsum([0] + [len(p) + 1 for p in parts])
    starts, keys = _token_keys(b" ".join(parts))
    return keys, np.searchsorted(offsets, starts, side="right") - 1


def _tags(items: Sequence[Item]) -> tuple[np.ndarray, np.ndarray]:
    """Return the key of every tag of `items` and the document it belongs to."""
    tags = [(row, tag_token(tag)) for row, (_, doc_tags) in enumerate(items) for tag in doc_tags]
    keys = word_keys([token for _, token in tags]) if tags else np.zeros(0, np.uint64)
    return keys, np.array([row for row, _ in tags], np.int64)


def count_keys(items: Sequence[Item], concepts: TermScanner | None = None) -> Counts:
    """Count each document's term keys (unigrams and bigrams without stop words, tags, then concepts).

    Returns the counts, their sorted keys, and which documents read as English.

    `concepts`: a compiled glossary (glossary.py) whose terms add their concept's key.
    """
    keys, owner = _words(items)
    stopped, english = stopped_and_english(keys, owner, len(items))
    kept = ~stopped
    tag_keys, tag_owner = _tags(items)
    found, rows = [tag_keys], [tag_owner]
    if concepts is not None and len(keys):
        starts, _, concept_keys = concepts.scan(keys, owner, stopped, english)
        found.append(concept_keys)
        rows.append(owner[starts])
    pairs = kept[:-1] & kept[1:] & (owner[:-1] == owner[1:])
    found += [keys[kept], bigram_keys(keys[:-1][pairs], keys[1:][pairs])]
    rows += [owner[kept], owner[:-1][pairs]]
    counts, unique = _tally(np.concatenate(found), np.concatenate(rows), len(items))
    return counts, unique, english


def _starts(*sorted_columns: np.ndarray) -> np.ndarray:
    """Flag the first element of each run of equal tuples in lexicographically sorted columns."""
    first = np.ones(len(sorted_columns[0]), bool)
    if len(first):
        first[1:] = np.logical_or.reduce([c[1:] != c[:-1] for c in sorted_columns])
    return first


def _tally(keys: np.ndarray, rows: np.ndarray, n_docs: int) -> tuple[sp.csr_matrix, np.ndarray]:
    """Count (document, key) pairs into a canonical CSR matrix over the sorted unique keys.

    One sort by key, then a stable radix sort by document (rows fit in 16 bits): no COO
    conversion and no per-row index sort.
    """
    by_key = np.argsort(keys)
    first = _starts(keys[by_key])
    unique = keys[by_key][first]
    row = rows[by_key].astype(np.uint16 if n_docs <= 1 << 16 else np.int64)
    by_row = np.argsort(row, kind="stable")
    row, column = row[by_row], (np.cumsum(first) - 1)[by_row]
    at = np.flatnonzero(_starts(row, column))
    data = np.diff(np.append(at, len(row))).astype(np.float32)
    indptr = np.concatenate([[0], np.cumsum(np.bincount(row[at], minlength=n_docs))])
    counts = sp.csr_matrix((data, column[at].astype(np.int32), indptr), shape=(n_docs, len(unique)))
    counts.has_canonical_format = True
    return counts, unique


def terms_by_key(text: str, tags: Sequence[str], wanted: np.ndarray) -> dict[int, str]:
    """Return the folded terms of one document whose keys are in `wanted`, by key."""
    words = tokens(text)
    keys = word_keys(words) if words else np.zeros(0, np.uint64)
    kept = ~_stopped(keys, np.zeros(len(keys), np.int64), 1)
    tag_tokens = [tag_token(tag) for tag in tags]
    found = dict(zip(word_keys(tag_tokens).tolist(), tag_tokens, strict=True)) if tags else {}
    for i in np.flatnonzero(kept & np.isin(keys, wanted)).tolist():
        found.setdefault(int(keys[i]), words[i])
    pair_keys = bigram_keys(keys[:-1], keys[1:])
    for i in np.flatnonzero(kept[:-1] & kept[1:] & np.isin(pair_keys, wanted)).tolist():
        found.setdefault(int(pair_keys[i]), f"{words[i]} {words[i + 1]}")
    return found
