"""Explanation terms highlighted in profile text, found on folded text: "cong nghe" marks "công nghệ"."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from markupsafe import Markup, escape

from incubator.matchcore.normalize import fold

WORD_RE = re.compile(r"\w+")
BRIDGE = "↔"  # "predictive maintenance ↔ bảo trì dự đoán": each text holds one side


def folded_with_offsets(text: str) -> tuple[str, list[int]]:
    """`text` folded character by character, and for each folded character the index it came from."""
    pieces, offsets = [], []
    for index, char in enumerate(text):
        folded = fold(char)
        pieces.append(folded)
        offsets.extend([index] * len(folded))
    return "".join(pieces), offsets


def term_pattern(term: str) -> re.Pattern | None:
    """A pattern finding the folded words of `term` as whole words, whatever separates them."""
    words = WORD_RE.findall(fold(term))
    if not words:
        return None
    return re.compile(r"(?<!\w)" + r"\W+".join(map(re.escape, words)) + r"(?!\w)")


def spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Merged (start, end) spans of `text` (NFC) where any of `terms` occurs, diacritics or not."""
    folded, offsets = folded_with_offsets(text)
    found = []
    for side in (side for term in terms for side in term.split(BRIDGE)):  # each side of a glossary bridge
        pattern = term_pattern(side)
        if pattern is None:
            continue
        for match in pattern.finditer(folded):
            found.append((offsets[match.start()], offsets[match.end() - 1] + 1))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, terms: Iterable[str]) -> Markup:
    """`text` escaped, with each occurrence of `terms` wrapped in <mark>: Markup built from escaped pieces."""
    text = unicodedata.normalize("NFC", text or "")
    out, position = [], 0
    for start, end in spans(text, terms):
        out.append(escape(text[position:start]))
        out.append(Markup("<mark>%s</mark>") % text[start:end])
        position = end
    out.append(escape(text[position:]))
    return Markup("").join(out)
