"""Bilingual glossary: English and Vietnamese technical terms counted as shared concept tokens.

`data/glossary*.tsv` pair English terms with Vietnamese ones ("predictive maintenance" /
"bảo trì dự đoán"); callers may add pairs of their own (the platform's admin-entered terms).
Terms linked by any pair form one concept. At vectorisation time each document's folded word
stream is scanned for the terms, longest match first ("greenhouse gas" before "greenhouse"),
and every match adds its concept's token beside the words, so an English need and a Vietnamese
lab share a column even when they share no word. Vietnamese typed without diacritics folds to
the same keys. The scan works on the 64-bit word keys (keys.py): n-gram keys are chained only
where the shorter n-gram starts a term, then looked up in sorted arrays (no regex per term).

A match also adds the concepts its term is a kind of (hierarchy.py: "arc welding" → "welding"),
English terms match their inflections (inflect.py), and a Vietnamese term that folds like another
written word ("bò" like "bộ") is left out. One-word terms are the risky ones ("than" is coal in
Vietnamese, "tin" is tin in English): a one-word term from the Vietnamese column matches only in
Vietnamese text, one from the English column only in English text (language.py tells them
apart, telegraphic lists included), and neither when it is a stop word of the text's language.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from incubator.matchcore import hierarchy
from incubator.matchcore.background import background_texts
from incubator.matchcore.inflect import variants
from incubator.matchcore.keys import among, bigram_keys, stopped_and_english, word_keys
from incubator.matchcore.normalize import FOLD_TABLE, TOKEN_RE, surface, tokens

DATA = Path(__file__).resolve().parent / "data"
CONCEPT_PREFIX = "concept:"
Pair = tuple[str, str]
Term = tuple[str, ...]
_LOW = np.uint64(0xFFFF)
# A one-syllable Vietnamese term is ambiguous once folded when the background texts write its
# folded form this often as another word ("bò" folds like "bộ" and "bỏ"; "thuốc" like "thước").
AMBIGUOUS_OTHER_USES = 2


@lru_cache(maxsize=1)
def shipped_pairs() -> tuple[Pair, ...]:
    """The (english, vietnamese) pairs of every shipped glossary file (glossary*.tsv), in file order."""
    pairs: list[Pair] = []
    for path in sorted(DATA.glob("glossary*.tsv")):
        with path.open(encoding="utf-8") as lines:
            rows = [line.rstrip("\n").split("\t") for line in lines][1:]
        pairs.extend((row[1], row[2]) for row in rows if len(row) == 3)
    return tuple(pairs)


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
    child: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint64), repr=False)  # sorted
    ancestor: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint64), repr=False)  # of child

    @property
    def concept_keys(self) -> np.ndarray:
        """The sorted keys of every concept token."""
        return np.unique(self.concept)

    def scan(
        self, keys: np.ndarray, owner: np.ndarray, stopped: np.ndarray, english: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Find the terms in a word-key stream: (start position, words, concept key), with ancestors."""
        return self._with_ancestors(*self._own_matches(keys, owner, stopped, english))

    def _own_matches(
        self, keys: np.ndarray, owner: np.ndarray, stopped: np.ndarray, english: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The terms written in a word-key stream, longest first (no ancestors)."""
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

    def _with_ancestors(
        self, starts: np.ndarray, length: np.ndarray, concept: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Add each match's ancestor concepts at the same place (arc welding also counts as welding)."""
        first = np.searchsorted(self.child, concept, "left")
        many = np.searchsorted(self.child, concept, "right") - first
        if not many.any():
            return starts, length, concept
        offsets = np.arange(many.sum()) - np.repeat(np.cumsum(many) - many, many)
        ancestors = self.ancestor[np.repeat(first, many) + offsets]
        return (
            np.concatenate([starts, np.repeat(starts, many)]),
            np.concatenate([length, np.repeat(length, many)]),
            np.concatenate([concept, ancestors]),
        )

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
        """Return, for each concept found in `text`, the folded words of its first match.

        A concept found as the ancestor of a longer term is shown by the words of that term that
        name it ("welding" in "arc welding"), and left out when none do (it still counts in scores).
        """
        words = tokens(text)
        if not words:
            return {}
        keys = word_keys(words)
        owner = np.zeros(len(keys), np.int64)
        stopped, english = stopped_and_english(keys, owner, 1)
        own_matches = self._own_matches(keys, owner, stopped, english)
        starts, length, concept = self._with_ancestors(*own_matches)
        own = np.arange(len(starts)) < len(own_matches[0])
        found: dict[int, str] = {}
        matches = zip((~own).tolist(), starts.tolist(), length.tolist(), concept.tolist(), strict=True)
        for inherited, s, n, c in sorted(matches):  # a term's own concept before one it is a kind of
            if c not in found:
                named = self._naming(keys, s, n, c) if inherited else (s, n)
                if named is not None:
                    found[c] = " ".join(words[named[0] : named[0] + named[1]])
        return found

    def _naming(self, keys: np.ndarray, start: int, length: int, concept: int) -> tuple[int, int] | None:
        """The longest span of the match at `start` that is itself a term of `concept`, if any."""
        for size in range(length - 1, 0, -1):
            for at in range(start, start + length - size + 1):
                chain = keys[at : at + 1].copy()
                for k in range(at + 1, at + size):
                    chain = bigram_keys(chain, keys[k : k + 1])
                i = min(int(np.searchsorted(self.terms, chain[0])), len(self.terms) - 1)
                if self.terms[i] == chain[0] and int(self.concept[i]) == concept:
                    return at, size
        return None


def _count_spellings(texts: Iterable[str], spellings: dict[str, dict[str, int]]) -> None:
    """Add how often `texts` write each folded phrase of 1-4 words, by its written form."""
    for text in texts:
        shown = TOKEN_RE.findall(surface(text))
        for n in range(1, 5):
            for i in range(len(shown) - n + 1):
                written = " ".join(shown[i : i + n])
                forms = spellings.setdefault(written.translate(FOLD_TABLE), {})
                forms[written] = forms.get(written, 0) + 1


@lru_cache(maxsize=1)
def _background_spellings() -> dict[str, dict[str, int]]:
    """The written forms of every folded phrase of the background texts and the shipped glossary."""
    spellings: dict[str, dict[str, int]] = {}
    _count_spellings(background_texts(), spellings)
    _count_spellings(sorted({vi for _, vi in shipped_pairs()}), spellings)
    return spellings


_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")  # grave, acute, tilde, hook, dot below


def _spelling(written: str) -> tuple[str, tuple[str, ...]]:
    """A spelling with its tone marks apart, so "hoá" and "hóa" (old and new placement) are one."""
    letters = unicodedata.normalize("NFD", written)
    return "".join(c for c in letters if c not in _TONES), tuple(sorted(c for c in letters if c in _TONES))


def ambiguous(written: str) -> bool:
    """Tell whether a Vietnamese term folds like other words of the background texts or the glossary.

    "bò" folds like "bộ" and "bỏ", "thuốc" like "thước", "dăm bào" (wood shavings) like "đảm bảo"
    (to ensure): typed without diacritics, such a term would fire on the common word.
    """
    own = " ".join(TOKEN_RE.findall(surface(written)))
    folded = own.translate(FOLD_TABLE)
    forms = _background_spellings().get(folded, {})  # the folded spelling itself is no other word
    same = {_spelling(own), _spelling(folded)}
    return sum(n for form, n in forms.items() if _spelling(form) not in same) >= AMBIGUOUS_OTHER_USES


def _terms(pairs: list[Pair]) -> tuple[list[tuple[Term, Term]], dict[Term, int]]:
    """Fold the pairs; return them and every matchable term's language flags (1 en, 2 vi, 3 both).

    A Vietnamese term that folds like other words of the background texts is left out (its pairs
    still link concepts).
    """
    folded = [(_words(en), _words(vi), vi) for en, vi in pairs]
    folded = [(en, vi, written) for en, vi, written in folded if en and vi]
    lang: dict[Term, int] = {}
    for en, vi, _ in folded:
        lang[en] = lang.get(en, 0) | 1
        lang[vi] = lang.get(vi, 0) | 2
    for _, vi, written in folded:
        if lang.get(vi) == 2 and ambiguous(written):
            lang.pop(vi, None)
    return [(en, vi) for en, vi, _ in folded], lang


def _compile(pairs: Iterable[Pair]) -> Concepts:
    """Compile (english, vietnamese) pairs into sorted key arrays, with inflections and ancestors."""
    folded, lang = _terms(list(pairs))
    names = _components(folded)
    for en, _ in folded:
        for form in variants(en):
            if form not in names:
                names[form] = names[en]
                lang[form] = lang.get(form, 0) | 1
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
    links = sorted(
        (concept_of[child], concept_of[parent])
        for child, parents in hierarchy.parents(folded, names, lang).items()
        for parent in parents
    )
    return Concepts(
        terms=keys[order],
        concept=np.array([concept_of[names[terms[i]]] for i in order], np.uint64),
        length=length[order],
        lang=np.array([lang[terms[i]] for i in order], np.int8),
        prefixes=prefixes,
        first_words=first_words,
        names={key: name for name, key in concept_of.items()},
        child=np.array([c for c, _ in links], np.uint64),
        ancestor=np.array([p for _, p in links], np.uint64),
    )


def shipped_hierarchy() -> dict[str, set[str]]:
    """The shipped glossary's concepts and their ancestors (written to data/heads.tsv)."""
    folded, lang = _terms(list(shipped_pairs()))
    return hierarchy.parents(folded, _components(folded), lang)


def heads_table() -> str:
    """data/heads.tsv as it should read: each concept with ancestors, then them, by name."""
    rows = ["concept\tancestors"]
    rows += [f"{c}\t{' '.join(sorted(p))}" for c, p in sorted(shipped_hierarchy().items())]
    return "\n".join(rows) + "\n"


@lru_cache(maxsize=4)
def compiled(extra: tuple[Pair, ...] = ()) -> Concepts:
    """The shipped glossary plus `extra` pairs, compiled once per distinct set of extra pairs."""
    return _compile([*shipped_pairs(), *extra])


if __name__ == "__main__":
    (DATA / "heads.tsv").write_text(heads_table(), encoding="utf-8")
