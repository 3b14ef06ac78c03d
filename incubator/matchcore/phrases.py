"""Readable phrases for explanations: chained bigrams joined, written as in the documents."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from incubator.matchcore.background import background_texts
from incubator.matchcore.language import vietnamese_syllables
from incubator.matchcore.normalize import FOLD_TABLE, TOKEN_RE, surface

# Longest phrase shown, in words (syllables): "kiểm tra kích thước", "công nghệ xử lý nước thải".
MAX_PHRASE_WORDS = 6
# Punctuation that ends a clause: no phrase shown runs across it ("nước thải, môi trường").
CLAUSE_RE = re.compile(r"[.,;:!?()\[\]{}|\n]+")
BREAK = "|"


@lru_cache(maxsize=4096)
def written(text: str) -> tuple[str, tuple[str, ...]]:
    """Return the folded words of `text` joined by spaces (padded, "|" between clauses) and as written."""
    clauses = (TOKEN_RE.findall(clause) for clause in CLAUSE_RE.split(surface(text)))
    shown = tuple(word for clause in clauses for word in (*clause, BREAK))
    return f" {' '.join(shown)} ".translate(FOLD_TABLE), shown  # folding maps no letter to a space


def contains(text: str, phrase: str) -> bool:
    """Tell whether the folded words of `phrase` occur one after another in `text`."""
    return f" {phrase} " in written(text)[0]


def _written_in(phrase: str, text: str) -> str | None:
    """Return `phrase` (folded words) as first written within one clause of `text`, or None."""
    folded, shown = written(text)
    at = folded.find(f" {phrase} ")
    if at < 0:
        return None
    start = folded.count(" ", 0, at)
    return " ".join(shown[start : start + phrase.count(" ") + 1])


def as_written(phrase: str, texts: tuple[str, ...]) -> str | None:
    """Return `phrase` as written in `texts`, preferring a form with diacritics; None unless all have it."""
    forms = [_written_in(phrase, text) for text in texts]
    if None in forms:
        return None
    return next((form for form in forms if form != phrase), forms[0])


def _runs(words: list[str], bigrams: dict[str, float]) -> list[list[int]]:
    """Return the runs of consecutive positions whose bigram is among `bigrams`."""
    runs: list[list[int]] = []
    for i in range(len(words) - 1):
        if f"{words[i]} {words[i + 1]}" not in bigrams:
            continue
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _phrase(words: list[str], run: list[int]) -> str:
    """Return the words a run of bigram positions covers."""
    return " ".join(words[run[0] : run[-1] + 2])


def _pieces(run: list[int], words: list[str], target: str) -> list[list[int]]:
    """Cut a run into its longest pieces (leftmost first) that are short and occur in `target`."""
    for size in range(min(len(run), MAX_PHRASE_WORDS - 1), 1, -1):
        for start in range(len(run) - size + 1):
            piece = run[start : start + size]
            if contains(target, _phrase(words, piece)):
                left, right = run[:start], run[start + size :]
                return [*_pieces(left, words, target), piece, *_pieces(right, words, target)]
    return []


@lru_cache(maxsize=1)
def _pair_counts() -> Counter[str]:
    """How often the background texts write each pair of folded words one after the other."""
    counts: Counter[str] = Counter()
    for text in background_texts():
        words = written(text)[0].split()
        counts.update(f"{a} {b}" for a, b in zip(words, words[1:], strict=False) if BREAK not in (a, b))
    return counts


def _whole_words(run: list[int], words: list[str]) -> list[int]:
    """Trim a run whose first (or last) syllable belongs with the syllable before (or after) it.

    "nghiệm thực phẩm" in "kiểm nghiệm thực phẩm": "kiểm nghiệm" is a word far more often than
    "nghiệm thực" is, so the phrase starts mid-word and is cut to "thực phẩm".
    """
    pairs, syllables = _pair_counts(), vietnamese_syllables()

    def glued(left: int, right: int, inner: int) -> bool:
        outer = f"{words[left]} {words[right]}"
        return {words[left], words[right]} <= syllables and pairs[outer] > pairs[words_at(inner)]

    def words_at(i: int) -> str:
        return f"{words[i]} {words[i + 1]}"

    if run and run[0] > 0 and glued(run[0] - 1, run[0], run[0]):
        run = run[1:]
    if run and run[-1] + 2 < len(words) and glued(run[-1] + 1, run[-1] + 2, run[-1]):
        run = run[:-1]
    return run


def splits_a_word(pair: str, text: str) -> bool:
    """Tell whether a two-word term starts or ends inside a Vietnamese word where `text` writes it."""
    words = written(text)[0].split()
    first, _, second = pair.partition(" ")
    return any(
        not _whole_words([i], words)
        for i in range(len(words) - 1)
        if words[i] == first and words[i + 1] == second
    )


def chains(source: str, target: str, bigrams: dict[str, float]) -> dict[str, float]:
    """Join bigrams that follow each other in both texts into phrases, summing their weights.

    Returns each phrase of three or more words with its weight; its bigrams are the parts. A
    phrase never starts or ends inside a Vietnamese word of two syllables (`_whole_words`).
    """
    words = written(source)[0].split()  # "|" is never in a bigram, so runs stop at clauses
    found: dict[str, float] = {}
    for long_run in _runs(words, bigrams):
        for piece in _pieces(long_run, words, target):
            run = _whole_words(piece, words)
            if len(run) > 1:
                found[_phrase(words, run)] = sum(bigrams[f"{words[i]} {words[i + 1]}"] for i in run)
    return found
