"""Text normalisation for English and Vietnamese: NFC, case folding, diacritic folding, tokens."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from itertools import compress
from operator import not_, or_

from incubator.matchcore.stopwords import stop_words_for

TOKEN_RE = re.compile(r"\w+")
TAG_PREFIX = "tag:"


def _fold_char(char: str) -> str:
    """Return `char` without its diacritics (đ becomes d)."""
    if char in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", char)
    return "".join(c for c in base if not unicodedata.combining(c))


def _build_fold_table() -> dict[int, str]:
    """Map every Latin letter with diacritics, and bare combining marks, to its folded form."""
    ranges = [range(0x00C0, 0x0250), range(0x1E00, 0x1F00)]
    table = {code: _fold_char(chr(code)) for r in ranges for code in r}
    table.update({code: "" for code in range(0x0300, 0x0370)})
    return {code: value for code, value in table.items() if value != chr(code)}


FOLD_TABLE = _build_fold_table()


def surface(text: str) -> str:
    """Return `text` in NFC and case-folded: the readable form shown in explanations."""
    return unicodedata.normalize("NFC", text).casefold()


def fold(text: str) -> str:
    """Return `text` in NFC, case-folded, with Vietnamese and other Latin diacritics removed."""
    return surface(text).translate(FOLD_TABLE)


class _FoldCache(dict):
    """Folded form of each token seen so far: one dict hit instead of a translate per token."""

    def __missing__(self, token: str) -> str:
        folded = self[token] = token.translate(FOLD_TABLE)
        return folded


_FOLDED = _FoldCache()


def tokens(text: str) -> list[str]:
    """Split `text` into folded word tokens."""
    shown = surface(text)
    if shown.isascii():
        return TOKEN_RE.findall(shown)
    if len(_FOLDED) > 1_000_000:
        _FOLDED.clear()
    return list(map(_FOLDED.__getitem__, TOKEN_RE.findall(shown)))


def tag_token(tag: str) -> str:
    """Return the single token that stands for a structured tag."""
    return TAG_PREFIX + "_".join(tokens(tag))


def word_ngrams(words: list[str], stop_words: frozenset[str] | None = None) -> list[str]:
    """Return unigrams and bigrams of `words`, leaving out stop words and bigrams that touch one."""
    if stop_words is None:
        stop_words = stop_words_for(words)
    stopped = list(map(stop_words.__contains__, words))
    kept = list(compress(words, map(not_, stopped)))
    bigram_ok = map(not_, map(or_, stopped, stopped[1:]))
    kept.extend(compress(map(" ".join, zip(words, words[1:], strict=False)), bigram_ok))
    return kept


def surface_pairs(text: str) -> Iterable[tuple[str, str]]:
    """Yield (folded, surface) pairs for the tokens of `text` that carry diacritics."""
    shown = surface(text)
    folded = shown.translate(FOLD_TABLE)
    if folded == shown:
        return ()
    folded_tokens, shown_tokens = TOKEN_RE.findall(folded), TOKEN_RE.findall(shown)
    if len(folded_tokens) != len(shown_tokens):
        return ()
    return ((f, s) for f, s in zip(folded_tokens, shown_tokens, strict=True) if f != s)


def best_surfaces(counts: Counter[tuple[str, str]]) -> dict[str, str]:
    """Choose, for each folded token, its most frequent accented surface form (ties: alphabetical)."""
    best: dict[str, tuple[int, str]] = {}
    for (folded, shown), n in counts.items():
        current = best.get(folded)
        if current is None or (-n, shown) < (-current[0], current[1]):
            best[folded] = (n, shown)
    return {folded: shown for folded, (_, shown) in best.items()}
