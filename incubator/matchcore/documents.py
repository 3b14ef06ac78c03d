"""The library's inputs and outputs: frozen dataclasses, no behaviour beyond validation."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Document:
    """A profile to match: its text in any mix of English and Vietnamese, and structured tags."""

    id: str
    kind: str
    text: str
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    """One suggested pair, best first within its source: cosine score and the terms behind it."""

    source: str
    target: str
    score: float
    terms: tuple[str, ...] = ()
