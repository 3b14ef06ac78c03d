"""What may stand as a reason for a match: whole words and phrases with meaning, never filler.

A reviewer reads the reasons to trust a pair, so a term is refused when it is a lone Vietnamese
syllable ("công", "cho": part of a word, not a word), made only of stop words of either language,
a place or organisation name that many profiles share ("Bình Dương", "Becamex"), a generic word
that says nothing of the work ("company", "customers", "giải pháp"), or a number or unit.
"""

from __future__ import annotations

from functools import lru_cache

from incubator.matchcore.normalize import TAG_PREFIX, fold
from incubator.matchcore.stopwords import ENGLISH, VIETNAMESE


def _terms(listing: str) -> frozenset[str]:
    """The folded terms of a "|"-separated listing (line breaks and spaces around them ignored)."""
    return frozenset(term.strip() for term in listing.split("|") if term.strip())


# Folded place and organisation names of the region that many profiles mention.
NAMES = _terms(
    """binh duong | viet nam | vietnam | vietnamese | ho chi minh | tp hcm | hcm | sai gon | saigon |
    thu dau mot | di an | thuan an | ben cat | tan uyen | bau bang | my phuoc | vsip | becamex | idc |
    eiu | vgu | tdmu | wtc | bdnc | block71 | block 71 | eastern international university |
    vietnamese german university | dong nam a | asean | japan | japanese | korea | korean | nhat ban |
    han quoc | singapore | germany | german | chau a | asia | fdi"""
)
# Folded words that describe any profile, not its work (checked as whole terms).
GENERIC = _terms(
    """company | companies | customer | customers | client | clients | team | quality | reliable |
    professional | located | experience | years | service | services | solution | solutions | every |
    hand | time | need | needs | partner | partners | support | business | product | products |
    industrial | industry | park | industrial park | data | system | systems | process | processes |
    project | projects | new | high | good | best | leading | local | international | global | world |
    cong ty | chung toi | doanh nghiep | khach hang | doi ngu | chat luong | uy tin | chuyen nghiep |
    hang dau | giai phap | ho tro | dich vu | he thong | san pham | du an | kinh nghiem |
    khu cong nghiep | cong nghiep | thoi gian | hien nay | nhu cau | phat trien | nang cao | hieu qua |
    hop tac | doi tac | quy trinh | technology | technologies | cong nghe | machine | machines |
    line | lines | small | real | first | cost | costs | factory | factories | nha may | lab | labs |
    laboratory | phong thi nghiem | chuyen gia | expert | experts | operators | manufacturers |
    test | tests | eu"""
)
UNITS = _terms(
    "mm | cm | m | km | m2 | m3 | kg | g | t | ton | kw | kwh | mw | w | v | kv | hz | ha | ml | ppm"
)
# Stop words of both languages, and Vietnamese function words the stop list leaves to IDF
# ("trong", "cho", "bằng"): never a reason, never the first or last word of one.
FUNCTION_WORDS = ENGLISH | VIETNAMESE | _terms("bang | cho | de | la | khi | cung | nhu | trong | tai | can")


def is_reason(term: str, written: str, vietnamese: bool = False) -> bool:
    """Tell whether a shared term (folded, and as written) may be shown as a reason.

    `vietnamese`: the pair's texts read as Vietnamese, so a lone word there is a syllable even
    when typed without diacritics. Tags are whole terms by nature and never count as syllables.
    """
    if not may_be_reason(term):
        return False
    tag = term.startswith(TAG_PREFIX)
    return tag or len(fold(term).split()) > 1 or not (vietnamese or _vietnamese_syllable(written))


@lru_cache(maxsize=65536)
def may_be_reason(term: str) -> bool:
    """The rules of `is_reason` that read only the folded term (cached: terms recur across pairs)."""
    if term.startswith(TAG_PREFIX):
        term = term[len(TAG_PREFIX) :].replace("_", " ")
    words = fold(term).split()
    if not words or any(any(c.isdigit() for c in w) or w in UNITS for w in words):
        return False
    joined = " ".join(words)
    if joined in GENERIC or all(w in FUNCTION_WORDS or w in GENERIC for w in words):
        return False
    if words[0] in FUNCTION_WORDS or words[-1] in FUNCTION_WORDS:
        return False
    return not any(f" {name} " in f" {joined} " for name in NAMES)


def _vietnamese_syllable(written: str) -> bool:
    """Tell whether a one-word term as written is a Vietnamese syllable (it carries diacritics or đ)."""
    return written.casefold() != fold(written) or fold(written) in VIETNAMESE
