"""Readable phrases for explanations: chained bigrams joined, written as in the documents."""

from __future__ import annotations

import re
from functools import lru_cache

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


def chains(source: str, target: str, bigrams: dict[str, float]) -> dict[str, float]:
    """Join bigrams that follow each other in both texts into phrases, summing their weights.

    Returns each phrase of three or more words with its weight; its bigrams are the parts.
    """
    words = written(source)[0].split()  # "|" is never in a bigram, so runs stop at clauses
    found: dict[str, float] = {}
    for long_run in _runs(words, bigrams):
        for run in _pieces(long_run, words, target):
            found[_phrase(words, run)] = sum(bigrams[f"{words[i]} {words[i + 1]}"] for i in run)
    return found
