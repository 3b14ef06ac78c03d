"""Text hygiene for everything users type: Unicode NFC, trimmed, one-line fields on one line; names without
invisible characters, and a check for names mixing alphabets."""

from __future__ import annotations

import re
import unicodedata

# Control characters (C0, DEL, C1: tab, line feed, carriage return, ...) and the Unicode line and paragraph
# separators: none belongs in a one-line field (a line break in a lab's name broke its calendar feed).
LINE_BREAKING = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
# Text-direction marks, embeddings, overrides and isolates, and zero-width characters: invisible, they
# make a name read differently from what it is (or look like another name).
INVISIBLE = frozenset(
    "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\u200c\u200d\u2060\ufeff"
)
# Scripts written together with Latin letters in one word (Japanese, Chinese, Korean): not a look-alike.
EAST_ASIAN = frozenset({"CJK", "HIRAGANA", "KATAKANA", "HALFWIDTH", "HANGUL", "BOPOMOFO"})
WORD = re.compile(r"\w+")


def clean_text(value: str | None) -> str | None:
    """NFC-normalise and strip `value` (a WTForms filter; None passes through)."""
    if value is None:
        return None
    return unicodedata.normalize("NFC", value).strip()


def clean_tags(value: str | None) -> str | None:
    """NFC, trimmed, comma-separated tags: "a ,b,, c" becomes "a, b, c"."""
    value = clean_text(value)
    if not value:
        return value
    return ", ".join(tag.strip() for tag in value.split(",") if tag.strip())


def clean_email(value: str | None) -> str | None:
    """Trim and lower-case an e-mail address."""
    return value.strip().lower() if value else value


def one_line(value: object) -> object:
    """Each run of control characters or line breaks as one space (a form filter of one-line fields)."""
    return LINE_BREAKING.sub(" ", value) if isinstance(value, str) else value


def has_invisible(value: str | None) -> bool:
    """Whether `value` holds a text-direction or zero-width character."""
    return bool(value) and not INVISIBLE.isdisjoint(value)


def mixed_scripts(name: str | None) -> bool:
    """Whether a word of `name` mixes alphabets, as "Bаnk" with a Cyrillic "а" does (Vietnamese letters,
    diacritics included, are all Latin; Latin beside Chinese, Japanese or Korean is not counted)."""
    for word in WORD.findall(name or ""):
        if len({_script(char) for char in word if unicodedata.category(char) in ("Lu", "Ll", "Lt", "Lo")}
               - EAST_ASIAN) > 1:  # fmt: skip
            return True
    return False


def _script(letter: str) -> str:
    """The script of a letter, as the first word of its Unicode name: LATIN, CYRILLIC, GREEK, CJK, ..."""
    return unicodedata.name(letter, "?").split(" ", 1)[0]
