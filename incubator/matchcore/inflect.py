"""English inflections of glossary terms: "mould" also matches "moulds", "systems" also "system".

Only the last word of a term is inflected (English compounds put their head last: "injection
moulds"). Pure string rules, no dictionary: a form that is not a real word never occurs in text,
so it costs nothing but a key.
"""

from __future__ import annotations

_SIBILANTS = ("s", "x", "z", "ch", "sh")
_VOWELS = frozenset("aeiou")


def plural(word: str) -> str:
    """The regular plural of an English noun ("glaze" → "glazes", "battery" → "batteries")."""
    if word.endswith(_SIBILANTS):
        return word + "es"
    if word.endswith("y") and len(word) > 2 and word[-2] not in _VOWELS:
        return word[:-1] + "ies"
    return word + "s"


def singulars(word: str) -> list[str]:
    """The forms a plural may come from ("presses" → "press", "batteries" → "battery")."""
    if len(word) < 4 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return []
    if word.endswith("ies"):
        return [word[:-3] + "y"]
    if word.endswith("es") and word[:-2].endswith(_SIBILANTS):
        return [word[:-2]]
    return [word[:-1]]


def variants(term: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Other inflections of an English term: its last word's plural or singular."""
    *head, last = term
    if not last.isalpha() or len(last) < 3:
        return []
    return [(*head, form) for form in [plural(last), *singulars(last)] if form != last]


def same_term(left: str, right: str) -> bool:
    """Tell whether two folded phrases differ only by an inflection ("smt lines", "smt line")."""
    a, b = tuple(left.split()), tuple(right.split())
    return a == b or b in variants(a) or a in variants(b)
