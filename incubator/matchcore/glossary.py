"""Bilingual glossary: English and Vietnamese technical terms counted as shared concept tokens.

`data/glossary.tsv` pairs English terms with Vietnamese ones ("predictive maintenance" /
"bảo trì dự đoán"); callers may add pairs of their own (the platform's admin-entered terms).
Terms linked by any pair form one concept. At vectorisation time each document's folded word
stream is scanned for the terms, longest match first ("greenhouse gas" before "greenhouse"),
and every match adds its concept's token beside the words, so an English need and a Vietnamese
lab share a column even when they share no word. Vietnamese typed without diacritics folds to
the same keys. The scan works on the 64-bit word keys (keys.py): n-gram keys are chained only
where the shorter n-gram starts a term, then looked up in sorted arrays (no regex per term).

One-word terms are the risky ones ("than" is coal in Vietnamese, "tin" is tin in English): a
one-word term from the Vietnamese column matches only in Vietnamese text, one from the English
column only in English text, and neither when it is a stop word of the text's language.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from incubator.matchcore.keys import among, bigram_keys, stopped_and_english, word_keys
from incubator.matchcore.normalize import tokens

DATA = Path(__file__).resolve().parent / "data"
CONCEPT_PREFIX = "concept:"
Pair = tuple[str, str]
_LOW = np.uint64(0xFFFF)


@lru_cache(maxsize=1)
def shipped_pairs() -> tuple[Pair, ...]:
    """The (english, vietnamese) pairs of the shipped glossary, in file order."""
    with (DATA / "glossary.tsv").open(encoding="utf-8") as lines:
        rows = [line.rstrip("\n").split("\t") for line in lines][1:]
    return tuple((row[1], row[2]) for row in rows if len(row) == 3)


def _words(term: str) -> tuple[str, ...]:
    """The folded words of a term, or () when it is too short to match safely ("c", "5")."""
    words = tuple(tokens(term))
    if len(words) == 1 and (len(words[0]) < 2 or words[0].isdigit()):
        return ()
    return words


def _components(pairs: Iterable[tuple[tuple[str, ...], tuple[str, ...]]]) -> dict[tuple[str, ...], str]:
    """Group terms linked by any pair (union-find); name each group by its first English term."""
    parent: dict[tuple[str, ...], tuple[str, ...]] = {}

    def root(term: tuple[str, ...]) -> tuple[str, ...]:
        while parent.setdefault(term, term) != term:
            parent[term] = parent[parent[term]]
            term = parent[term]
        return term

    names: dict[tuple[str, ...], tuple[str, ...]] = {}
    for en, vi in pairs:
        a, b = root(en), root(vi)
        if a != b:
            parent[b] = a
        names.setdefault(en, en)
    first: dict[tuple[str, ...], str] = {}
    for term in names:
        first.setdefault(root(term), "_".join(term))
    return {term: CONCEPT_PREFIX + first[root(term)] for term in parent}


def _chains(terms: list[tuple[str, ...]]) -> np.ndarray:
    """The chained key of each term's n-word prefix (terms × longest; 0 past a term's end)."""
    vocabulary = sorted({word for term in terms for word in term})
    key = dict(zip(vocabulary, word_keys(vocabulary).tolist(), strict=True))
    chains = np.zeros((len(terms), max(map(len, terms))), np.uint64)
    chains[:, 0] = [key[term[0]] for term in terms]
    for n in range(1, chains.shape[1]):
        rows = [i for i, term in enumerate(terms) if len(term) > n]
        following = np.array([key[terms[i][n]] for i in rows], np.uint64)
        chains[rows, n] = bigram_keys(chains[rows, n - 1], following)
    return chains


@dataclass(eq=False)
class Concepts:
    """A compiled glossary: sorted term keys, each term's concept key, length and language flags."""

    terms: np.ndarray  # sorted chained keys of whole terms
    concept: np.ndarray  # concept key of each term
    length: np.ndarray  # words of each term
    lang: np.ndarray  # 1: English column, 2: Vietnamese column, 3: both
    prefixes: list[np.ndarray]  # sorted chained keys of every term's n-word prefix, n = 1, 2, ...
    first_words: np.ndarray = field(repr=False)  # low 16 bits of the first words' keys, as a table
    names: dict[int, str] = field(default_factory=dict, repr=False)  # concept key → token

    @property
    def concept_keys(self) -> np.ndarray:
        """The sorted keys of every concept token."""
        return np.unique(self.concept)

    def scan(
        self, keys: np.ndarray, owner: np.ndarray, stopped: np.ndarray, english: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Find the terms in a word-key stream: (start position, words, concept key), longest first."""
        cand = np.flatnonzero(self.first_words[(keys & _LOW).astype(np.intp)])
        cand = cand[among(keys[cand], self.prefixes[0])]
        chain, found = keys[cand], []
        for n in range(1, len(self.prefixes) + 1):
            if n > 1:
                ok = cand + n - 1 < len(keys)
                cand, chain = cand[ok], chain[ok]
                ok = owner[cand + n - 1] == owner[cand]
                cand, chain = cand[ok], bigram_keys(chain[ok], keys[cand[ok] + n - 1])
                ok = among(chain, self.prefixes[n - 1])
                cand, chain = cand[ok], chain[ok]
            if not len(cand):
                break
            at = np.minimum(np.searchsorted(self.terms, chain), len(self.terms) - 1)
            hit = self.terms[at] == chain
            found.append((cand[hit], at[hit]))
        starts = np.concatenate([np.zeros(0, np.int64), *(s for s, _ in found)])
        term = np.concatenate([np.zeros(0, np.int64), *(t for _, t in found)])
        return self._longest(starts, term, owner, stopped, english)

    def _longest(
        self,
        starts: np.ndarray,
        term: np.ndarray,
        owner: np.ndarray,
        stopped: np.ndarray,
        english: np.ndarray,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Keep one-word matches in their language only, and no match inside a longer one."""
        length = self.length[term]
        single = length == 1
        lang = self.lang[term]
        in_english = english[owner[starts]]
        fits = (lang == 3) | ((lang == 1) & in_english) | ((lang == 2) & ~in_english)
        ok = ~single | (fits & ~stopped[starts])
        starts, term, length = starts[ok], term[ok], length[ok]
        ends = starts + length
        order = np.lexsort((-ends, starts))  # by start, the longest first
        reach = np.maximum.accumulate(ends[order])
        inside = np.zeros(len(order), bool)
        inside[1:] = reach[:-1] >= ends[order][1:]  # ends within a match that started earlier
        keep = np.zeros(len(order), bool)
        keep[order] = ~inside
        return starts[keep], length[keep], self.concept[term[keep]]

    def phrases_in(self, text: str) -> dict[int, str]:
        """Return, for each concept found in `text`, the folded words of its first match."""
        words = tokens(text)
        if not words:
            return {}
        keys = word_keys(words)
        owner = np.zeros(len(keys), np.int64)
        stopped, english = stopped_and_english(keys, owner, 1)
        starts, length, concept = self.scan(keys, owner, stopped, english)
        found: dict[int, str] = {}
        for s, n, c in sorted(zip(starts.tolist(), length.tolist(), concept.tolist(), strict=True)):
            found.setdefault(c, " ".join(words[s : s + n]))
        return found


def _compile(pairs: Iterable[Pair]) -> Concepts:
    """Compile (english, vietnamese) pairs into sorted key arrays."""
    folded = [(_words(en), _words(vi)) for en, vi in pairs]
    folded = [(en, vi) for en, vi in folded if en and vi]
    names = _components(folded)
    lang: dict[tuple[str, ...], int] = {}
    for en, vi in folded:
        lang[en] = lang.get(en, 0) | 1
        lang[vi] = lang.get(vi, 0) | 2
    terms = sorted(lang)
    length = np.array([len(term) for term in terms], np.int64)
    chains = _chains(terms)
    concept_names = sorted(set(names.values()))
    concept_of = dict(zip(concept_names, word_keys(concept_names).tolist(), strict=True))
    keys = chains[np.arange(len(terms)), length - 1]
    order = np.argsort(keys)
    prefixes = [np.unique(chains[length > n, n]) for n in range(chains.shape[1])]
    first_words = np.zeros(1 << 16, bool)
    first_words[(prefixes[0] & _LOW).astype(np.intp)] = True
    return Concepts(
        terms=keys[order],
        concept=np.array([concept_of[names[terms[i]]] for i in order], np.uint64),
        length=length[order],
        lang=np.array([lang[terms[i]] for i in order], np.int8),
        prefixes=prefixes,
        first_words=first_words,
        names={key: name for name, key in concept_of.items()},
    )


@lru_cache(maxsize=4)
def compiled(extra: tuple[Pair, ...] = ()) -> Concepts:
    """The shipped glossary plus `extra` pairs, compiled once per distinct set of extra pairs."""
    return _compile([*shipped_pairs(), *extra])
