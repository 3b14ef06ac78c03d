"""Find candidate English ↔ Vietnamese term pairs in bilingual text (pure: no Flask, no database).

Profiles often name a thing in both languages: "Thị giác máy tính (Computer vision)",
"Computer vision – thị giác máy tính", "nhận dạng chữ (OCR)", "Thị giác máy tính / Computer vision".
`mine_text` reads those three patterns and keeps only short, term-like pairs:

- one side reads as Vietnamese: its words carry Vietnamese diacritics or letters (ă â đ ê ô ơ ư, tone
  marks). Vietnamese typed without diacritics cannot be told from English here, so such a side is
  never taken as Vietnamese, and an ASCII side made only of Vietnamese syllables is not taken as English;
- the other side reads as English: ASCII words, not all of them Vietnamese syllables;
- each side is a short segment of its own (bounded by the start of the text, a line break, a comma,
  a semicolon, a colon, a full stop, a dash or a slash): a list item, a title, a label. The words
  before a parenthesis are never trimmed out of a longer sentence: a segment too long for the other
  side's length is dropped instead;
- English 1–6 words, Vietnamese 1–12 syllables, lengths that can translate each other, no list or
  example inside the parenthesis ("(CBAM, due diligence)", "(e.g. …)"), no proper name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from incubator.matchcore.glossary import shipped_pairs
from incubator.matchcore.normalize import fold, tokens
from incubator.matchcore.stopwords import ENGLISH, VIETNAMESE

MAX_ENGLISH_WORDS = 6
MAX_VIETNAMESE_SYLLABLES = 12
MAX_CHARACTERS = 100  # per side (the glossary stores 200)
_LOOK_BACK = 2 * MAX_CHARACTERS  # characters read before a parenthesis for its segment
SNIPPET_CONTEXT = 60  # characters of text kept on each side of a pair in its snippet
SNIPPET_MAX = 300

# What ends a segment: a line break or list punctuation, a full stop before a space, a bracket.
_HARD = r"[\n\r;,!?:\[\]•·|()]|\.(?=\s|$)"
# What also separates the two sides of "X – Y" and "X / Y": a spaced hyphen, a dash, a slash.
_DASH = r"\s+-\s+|\s*[–—]\s*|\s*/\s*"
_LEFT_BOUNDARY = re.compile(f"{_HARD}|{_DASH}")
_SEGMENT = re.compile(_HARD)
_PAIRED = re.compile(_DASH)
_PARENTHESIS = re.compile(r"\(([^()\n]{1,80})\)")
_STRIP = " \t\"'“”‘’*_-–—.…"
_WORD = re.compile(r"[^\W_]+(?:[-'’.&+][^\W_]+)*")

# Vietnamese marks after NFD: tone marks (grave, acute, tilde, hook, dot below) and vowel shapes
# (breve, circumflex, horn); đ is a letter of its own.
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_SHAPES = {"\u0306", "\u0302", "\u031b"}
_VIETNAMESE_MARKS = _TONES | _SHAPES
# A parenthesis that gives examples or a list, not a translation.
_EXAMPLES = (
    "e.g",
    "eg ",
    "i.e",
    "ie ",
    "incl",
    "such as",
    "see ",
    "ví dụ",
    "vd ",
    "vd:",
    "vd.",
    "như ",
    "xem ",
    "gồm",
    "bao gồm",
)
# Vietnamese function words trimmed from either end of a side, as written (folded, "khác" is "khắc").
_VIETNAMESE_EDGE = frozenset({"các", "những", "một", "của", "và", "cho", "với", "để", "trong", "bằng", "là"})
# Terms too generic to link two documents, in either column.
GENERIC = frozenset(
    {
        "etc",
        "new",
        "optional",
        "pilot",
        "draft",
        "english",
        "vietnamese",
        "tiếng anh",
        "tiếng việt",
        "việt nam",
        "vietnam",
        "viet nam",
        "en",
        "vi",
        "vn",
    }
)


@dataclass(frozen=True)
class MinedPair:
    """A candidate pair (NFC, lower case) and the words of the text it was read from."""

    english: str
    vietnamese: str
    snippet: str


def normalized(term: str) -> str:
    """A term as the glossary stores it: NFC, lower case, single spaces."""
    return " ".join(unicodedata.normalize("NFC", term).lower().split())


def _words(side: str) -> list[str]:
    return _WORD.findall(side)


def _vietnamese_word(word: str) -> bool:
    """A word written with a Vietnamese letter or mark (and no mark foreign to Vietnamese)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    marks = {char for char in decomposed if unicodedata.combining(char)}
    return ("đ" in decomposed or bool(marks)) and marks <= _VIETNAMESE_MARKS


def _foreign(side: str) -> bool:
    """A side holding a letter neither English nor Vietnamese writes (ü, ñ, ç, ß, CJK...)."""
    for char in unicodedata.normalize("NFD", side.lower()):
        if unicodedata.combining(char):
            if char not in _VIETNAMESE_MARKS:
                return True
        elif char.isalpha() and not ("a" <= char <= "z" or char == "đ"):
            return True
    return False


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    """Folded English words and Vietnamese syllables of the shipped glossary (and the stop lists)."""
    pairs = shipped_pairs()
    english = {word for en, _ in pairs for word in tokens(en)} | ENGLISH
    syllables = {word for _, vi in pairs for word in tokens(vi)} | VIETNAMESE
    return frozenset(english), frozenset(syllables)


def reads_vietnamese(side: str) -> bool:
    """At least two words in five carry a Vietnamese mark (digits and acronyms aside), none a foreign one."""
    # digits and acronyms ("3D", "IoT", "CNC") are written alike in both languages
    words = [word for word in _words(side) if word.isalpha() and not (len(word) > 1 and word[1:].isupper())]
    if not words or _foreign(side):
        return False
    marked = sum(map(_vietnamese_word, words))
    return marked > 0 and marked * 5 >= len(words) * 2


def reads_english(side: str) -> bool:
    """ASCII words with letters, not all of them Vietnamese syllables typed without diacritics."""
    if not side.isascii():
        return False
    words = [fold(word) for word in _words(side)]
    if not any(sum(map(str.isalpha, word)) >= 2 for word in words):
        return False
    english, syllables = _vocabulary()
    return not (all(word in syllables for word in words) and not any(word in english for word in words))


def _trimmed(side: str, edge_words: frozenset[str]) -> str:
    """`side` without surrounding punctuation and function words at either end ("the", "các")."""
    words = side.strip(_STRIP).split()
    while words and words[0].lower().strip(_STRIP) in edge_words:
        words.pop(0)
    while words and words[-1].lower().strip(_STRIP) in edge_words:
        words.pop()
    return " ".join(words).strip(_STRIP)


def _a_name(side: str) -> bool:
    """Two or more words, most of them capitalised: an organisation or a person, not a term."""
    words = [word for word in _words(side) if word[0].isalpha()]
    capitals = sum(word[0].isupper() for word in words)
    return len(words) >= 2 and capitals * 5 >= len(words) * 3


def _pair(first: str, second: str) -> tuple[str, str] | None:
    """(english, vietnamese) when one side reads as each language and both make a term."""
    first, second = _trimmed(first, _VIETNAMESE_EDGE), _trimmed(second, _VIETNAMESE_EDGE)
    if reads_vietnamese(first) and reads_english(second):
        vietnamese, english = first, second
    elif reads_vietnamese(second) and reads_english(first):
        vietnamese, english = second, first
    else:
        return None
    english = _trimmed(english, ENGLISH)  # only there: "an toàn" is no English "an"
    if _a_name(vietnamese) or not english or not vietnamese:
        return None
    if len(english) > MAX_CHARACTERS or len(vietnamese) > MAX_CHARACTERS:
        return None
    en_words, vi_syllables = len(english.split()), len(vietnamese.split())
    if not (1 <= en_words <= MAX_ENGLISH_WORDS and 1 <= vi_syllables <= MAX_VIETNAMESE_SYLLABLES):
        return None
    # Vietnamese spends one to three syllables on an English word; a longer side is a sentence.
    if vi_syllables > 3 * en_words + 2 or en_words > vi_syllables + 2:
        return None
    english, vietnamese = normalized(english), normalized(vietnamese)
    if english in GENERIC or vietnamese in GENERIC or fold(english) == fold(vietnamese):
        return None
    if sum(map(str.isalpha, english)) < 2 or not any(w not in ENGLISH for w in tokens(english)):
        return None
    return english, vietnamese


def _snippet(text: str, start: int, end: int) -> str:
    """The pair's place in `text`, with some context from the same line."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    a, b = max(line_start, start - SNIPPET_CONTEXT), min(line_end, end + SNIPPET_CONTEXT)
    shown = " ".join(text[a:b].split())
    return ("…" if a > line_start else "") + shown[: SNIPPET_MAX - 2] + ("…" if b < line_end else "")


def _in_parentheses(text: str) -> Iterator[tuple[str, str, int, int]]:
    """Each "X (Y)" with X the segment right before the parenthesis."""
    for match in _PARENTHESIS.finditer(text):
        inner = match.group(1)
        if "," in inner or ";" in inner or inner.strip().lower().startswith(_EXAMPLES):
            continue
        before = text[max(0, match.start() - _LOOK_BACK) : match.start()]
        left = _LEFT_BOUNDARY.split(before)[-1]
        if len(left) == _LOOK_BACK:  # no boundary that near: a sentence, not a term
            continue
        yield left, inner, match.start() - len(left), match.end()


def _side_by_side(text: str) -> Iterator[tuple[str, str, int, int]]:
    """Each segment made of exactly two parts joined by a dash or a slash: "X – Y", "X / Y"."""
    start = 0
    for boundary in [*_SEGMENT.finditer(text), None]:
        end = boundary.start() if boundary else len(text)
        segment = text[start:end]
        parts = _PAIRED.split(segment) if any(mark in segment for mark in "-–—/") else ()
        if len(parts) == 2:
            yield parts[0], parts[1], start, end
        start = boundary.end() if boundary else end


def mine_text(text: str) -> list[MinedPair]:
    """The candidate pairs of one text, in order of appearance (each pair once)."""
    text = unicodedata.normalize("NFC", text or "")
    found: dict[tuple[str, str], MinedPair] = {}
    spans = sorted([*_in_parentheses(text), *_side_by_side(text)], key=lambda span: span[2])
    for first, second, start, end in spans:
        pair = _pair(first, second)
        if pair and pair not in found:
            found[pair] = MinedPair(pair[0], pair[1], _snippet(text, start, end))
    return list(found.values())


@dataclass(frozen=True)
class Found:
    """A mined pair across texts: the first text's key and snippet, and how many texts hold it."""

    english: str
    vietnamese: str
    snippet: str
    source: object
    seen: int


def mine(texts: Iterable[tuple[object, str]], known: Iterable[tuple[str, str]] = ()) -> list[Found]:
    """The candidate pairs of `texts` ((key, text) pairs), each once, leaving out `known` pairs.

    Pairs are compared folded, so a known "thị giác máy tính" also hides "thi giac may tinh"."""
    skipped = {(fold(english), fold(vietnamese)) for english, vietnamese in known}
    found: dict[tuple[str, str], Found] = {}
    for source, text in texts:
        for pair in mine_text(text):
            key = (fold(pair.english), fold(pair.vietnamese))
            if key in skipped:
                continue
            first = found.get(key)
            if first is None:
                found[key] = Found(pair.english, pair.vietnamese, pair.snippet, source, 1)
            else:
                found[key] = Found(
                    first.english, first.vietnamese, first.snippet, first.source, first.seen + 1
                )
    return list(found.values())
