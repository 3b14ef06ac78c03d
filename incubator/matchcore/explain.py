"""The terms behind a pair's score, shown as readable words and phrases with their diacritics.

Rules, so a reviewer reads reasons rather than fragments: bigrams that follow each other in
both texts become one phrase ("kiểm tra kích thước"); a term is shown once by its readable form
(a tag and the same words in the text are one term) and never inside a longer shown term;
numbers, units, single characters, lone Vietnamese syllables, stop words, shared place and
organisation names and generic words are never shown (reasons.py); a few words that explain
nothing alone ("máy", "đo", "thời gian") are never shown either. A pair left with no reason is
no match (the caller drops it). A glossary concept the two texts share under different words is
shown first, as each side writes it: "predictive maintenance ↔ bảo trì dự đoán" (never its token).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import scipy.sparse as sp

from incubator.matchcore.documents import Document
from incubator.matchcore.glossary import Concepts
from incubator.matchcore.inflect import same_term, singulars
from incubator.matchcore.keys import among, terms_by_key
from incubator.matchcore.normalize import TAG_PREFIX, tag_token, tokens
from incubator.matchcore.phrases import as_written, chains, contains, splits_a_word
from incubator.matchcore.reasons import FUNCTION_WORDS, is_reason, may_be_reason
from incubator.matchcore.stopwords import VIETNAMESE, stop_words_for

# A single Vietnamese syllable's weight is multiplied by this when terms are ordered.
SYLLABLE_WEIGHT = 0.5
# Terms considered per term shown, and shared terms read per term shown (to join into phrases).
CANDIDATES = 4
POOL = 10
# Folded terms that explain nothing on their own (máy, bảng/bằng, đo, tủ, phát, thí, thời gian):
# shown only when nothing else is.
_WEAK_WORDS = "may bang do tu phat thi cho de can co la khi cung nhu cong san ly mo phan noi gia hoa"
_WEAK_WORDS += " thu cau trong chat quan xuat nha hoc hang dung tao viec lam nhat thoi gian"
WEAK = frozenset([*_WEAK_WORDS.split(" "), "thoi gian", "hien nay", "chung toi", "cong ty"])
# Function words trimmed from the ends of a phrase ("kiểm tra kích thước bằng"); content syllables
# such as "gia" (gia công) or "quan" (quan trắc) stay, or the phrase would lose half a word.
TRIMMED = FUNCTION_WORDS


def top_terms(
    source_row: sp.csr_matrix, target_row: sp.csr_matrix, n: int | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Return the columns of the `n` (None: all) shared terms, largest product of weights first."""
    common, in_source, in_target = np.intersect1d(
        source_row.indices, target_row.indices, assume_unique=True, return_indices=True
    )
    contribution = source_row.data[in_source] * target_row.data[in_target]
    order = np.lexsort((common, -contribution))[:n]
    return common[order], contribution[order]


def shared_top_terms(
    source_row: sp.csr_matrix, target_rows: sp.csr_matrix, n: int
) -> list[tuple[np.ndarray, np.ndarray]]:
    """`top_terms` of one source row against each target row, found for all rows at once."""
    order = np.argsort(source_row.indices)
    columns, weights = source_row.indices[order], source_row.data[order]
    indices, counts = target_rows.indices, np.diff(target_rows.indptr)
    at = np.minimum(np.searchsorted(columns, indices), max(len(columns) - 1, 0))
    hit = columns[at] == indices if len(columns) else np.zeros(len(indices), bool)
    owner = np.repeat(np.arange(target_rows.shape[0]), counts)[hit]
    common, contribution = indices[hit], weights[at[hit]] * target_rows.data[hit]
    ranked = np.lexsort((common, -contribution, owner))
    owner, common, contribution = owner[ranked], common[ranked], contribution[ranked]
    bounds = np.searchsorted(owner, np.arange(target_rows.shape[0] + 1)).tolist()
    return [
        (common[a : min(b, a + n)], contribution[a : min(b, a + n)])
        for a, b in zip(bounds[:-1], bounds[1:], strict=True)
    ]


@lru_cache(maxsize=4096)
def _vietnamese(text: str) -> bool:
    """Tell whether `text` reads as Vietnamese (the stop list chosen for it)."""
    return stop_words_for(tokens(text)) is VIETNAMESE


def readable(term: str, source: Document, target: Document) -> str | None:
    """Show a folded term as written in one clause of the pair (target first), or None if none has it."""
    if term.startswith(TAG_PREFIX):
        tags = {tag_token(tag): tag for tag in (*target.tags, *source.tags)}
        return tags.get(term, term[len(TAG_PREFIX) :].replace("_", " "))
    return as_written(term, (target.text, source.text))


@lru_cache(maxsize=65536)
def noise(term: str) -> bool:
    """Tell whether a term has a word with fewer than two letters ("0", "6", "x", "m²", "4 0")."""
    words = term[len(TAG_PREFIX) :].split("_") if term.startswith(TAG_PREFIX) else term.split(" ")
    return any(sum(map(str.isalpha, word)) < 2 for word in words)


def column_terms(document: Document, columns: np.ndarray, keys: np.ndarray) -> dict[int, str]:
    """Return the folded term behind each of `columns` as written in `document` (by column)."""
    by_key = terms_by_key(document.text, document.tags, keys[columns])
    found = ((int(c), by_key.get(int(keys[c]))) for c in columns)
    return {column: term for column, term in found if term is not None}


def absorb(weights: dict[str, float]) -> dict[str, float]:
    """Add each term's weight to the longest other term that contains it, and drop it."""
    weights, size = dict(weights), {t: t.count(" ") for t in weights}
    phrases = [t for t in weights if size[t]]  # longer terms are absorbed later, so all still here
    for term in sorted(weights, key=lambda t: (size[t], t)):
        containers = [t for t in phrases if size[t] > size[term] and _inside(term, t)]
        if containers:
            best = max(containers, key=lambda t: (size[t], weights[t], t))
            weights[best] += weights.pop(term)
    return weights


def ranked(weights: dict[str, float], source: Document, target: Document, n: int) -> list[str]:
    """Order the pair's terms and joined phrases for showing: strong ones first, weak ones only alone.

    `weights` holds every shared term, largest contribution first.
    """
    weights = {term: w for term, w in weights.items() if not noise(term)}
    bigrams = {t: w for t, w in weights.items() if t.count(" ") == 1 and not t.startswith(TAG_PREFIX)}
    fragments = {t for t in bigrams if splits_a_word(t, source.text) or splits_a_word(t, target.text)}
    top = {t: w for t, w in list(weights.items())[: CANDIDATES * n] if t not in fragments}
    for phrase, w in chains(source.text, target.text, bigrams).items():
        phrase = _trimmed(phrase)
        top[phrase] = max(top.get(phrase, 0.0), w)
    top = absorb(top)
    damp = SYLLABLE_WEIGHT if _vietnamese(source.text) or _vietnamese(target.text) else 1.0
    order = sorted((-w * (damp if _syllable(t) else 1.0), t) for t, w in top.items())
    return [t for _, t in order if t not in WEAK]


def _trimmed(phrase: str) -> str:
    """Drop function words from both ends of a phrase ("kiểm tra kích thước bằng")."""
    words = phrase.split(" ")
    while len(words) > 2 and words[-1] in TRIMMED:
        words.pop()
    while len(words) > 2 and words[0] in TRIMMED:
        words.pop(0)
    return " ".join(words)


@lru_cache(maxsize=65536)
def _key(text: str) -> str:
    """The folded words of a shown term, joined by spaces (terms recur across a run's pairs)."""
    return " ".join(tokens(text))


def _syllable(term: str) -> bool:
    """Tell whether a term is a single word of the text (not a tag)."""
    return " " not in term and not term.startswith(TAG_PREFIX)


def _inside(short: str, long: str) -> bool:
    """Tell whether the words of `short` occur one after another in `long`."""
    return f" {short} " in f" {long} "


def shown(terms: list[str], source: Document, target: Document, n: int) -> tuple[str, ...]:
    """Keep the first `n` readable terms that may stand as reasons, each once, none inside another."""
    picked: list[tuple[str, str]] = []
    vietnamese = _vietnamese(source.text) and _vietnamese(target.text)
    for term in terms:
        if not may_be_reason(term):  # before the costlier lookup of how the texts write it
            continue
        text = readable(term, source, target) or ""
        key = _key(text)
        if (
            not key
            or not is_reason(term, text, vietnamese)
            or any(_inside(key, other) for other, _ in picked)
        ):
            continue
        picked = [(other, t) for other, t in picked if not _inside(other, key)] + [(key, text)]
        if len(picked) == n:
            break
    return tuple(text for _, text in picked)


def explain(
    source: Document,
    targets: Sequence[Document],
    rows: tuple[sp.csr_matrix, sp.csr_matrix],
    keys: np.ndarray,
    n: int,
    concepts: Concepts | None = None,
) -> list[tuple[str, ...]]:
    """Return, per target, the `n` readable terms that contribute most to the pair's cosine score.

    `rows` holds the source's TF-IDF row and the targets' rows; `keys` is the fitted vocabulary;
    `concepts` the glossary the rows were counted with (its shared concepts become bridges).
    """
    tops = shared_top_terms(rows[0], rows[1], POOL * n)
    columns = np.unique(np.concatenate([np.zeros(0, np.int64), *(c for c, _ in tops)]))
    terms = column_terms(source, columns, keys)
    weights = [
        {terms[c]: float(w) for c, w in zip(cols.tolist(), ws.tolist(), strict=True) if c in terms}
        for cols, ws in tops
    ]
    words = [shown(ranked(w, source, t, n), source, t, n) for w, t in zip(weights, targets, strict=True)]
    if concepts is None:
        return words
    found = [bridges(source, t, keys[cols], concepts) for (cols, _), t in zip(tops, targets, strict=True)]
    return [_merged(b, w, n) for b, w in zip(found, words, strict=True)]


def bridges(source: Document, target: Document, shared: np.ndarray, concepts: Concepts) -> list[str]:
    """Show the concepts among `shared` keys (strongest first) that the texts write differently.

    A concept whose words on both sides lie within another bridge is not shown on its own
    ("máy tính ↔ computer" beside "thị giác máy tính ↔ computer vision").
    """
    wanted = shared[among(shared, _concept_keys(concepts))].tolist()
    if not wanted:
        return []
    ours, theirs = _phrases(concepts, source.text), _phrases(concepts, target.text)
    pairs = [(ours.get(key), theirs.get(key)) for key in wanted]
    pairs = [(a, b) for a, b in pairs if a and b and a != b and not contains(target.text, a)]
    found: list[str] = []
    for mine, other in dict.fromkeys(pairs):
        if any((a, b) != (mine, other) and _within(mine, a) and _within(other, b) for a, b in pairs):
            continue  # a longer bridge says it ("freeze dryer ↔ máy sấy thăng hoa" over "dryer ↔ máy sấy")
        if same_term(mine, other):  # "presses" / "press": one term, shown once as the source writes it
            found.append(_as_written(mine, source.text))
            continue
        found.append(f"{_as_written(mine, source.text)} ↔ {_as_written(other, target.text)}")
    return found


def _within(part: str, whole: str) -> bool:
    """Tell whether the folded words `part` occur in the folded words `whole`, plurals aside."""
    return f" {_singular(part)} " in f" {_singular(whole)} "


def _singular(phrase: str) -> str:
    """The folded words of `phrase` with English plurals made singular ("3d printers" → "3d printer")."""
    return " ".join((singulars(word) or [word])[0] for word in phrase.split())


@lru_cache(maxsize=8)
def _concept_keys(concepts: Concepts) -> np.ndarray:
    """The glossary's sorted concept keys, computed once per glossary (not once per pair)."""
    return concepts.concept_keys


@lru_cache(maxsize=4096)
def _phrases(concepts: Concepts, text: str) -> dict[int, str]:
    """The glossary terms of `text` by concept (a source is read once for all its targets)."""
    return concepts.phrases_in(text)


def _as_written(phrase: str, text: str) -> str:
    """Return a folded phrase as `text` writes it (the folded words when a clause break splits it)."""
    return as_written(phrase, (text,)) or phrase


def _merged(bridged: list[str], words: tuple[str, ...], n: int) -> tuple[str, ...]:
    """Bridges first, then the shared words, `n` at most, each once."""
    return tuple(dict.fromkeys([*bridged, *words]))[:n]
