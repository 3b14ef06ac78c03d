"""Which language a document is written in, robust to telegraphic lists and to missing diacritics.

English prose is told by its function words ("the", "and", "of"). A terse list such as "barcode,
traceability, footwear" has none, so a second test looks at the shape of the words: once folded
(no diacritics, đ as d), every Vietnamese word is one syllable of a small closed set (onset,
vowel cluster, final consonant: "bao", "tri", "nghieng"), while most English content words are
not ("barcode", "traceability"). A document reads as English when too few of its words could be
Vietnamese syllables, or when its function words say so and not nearly all of them could. Pure
Python: keys.py turns the syllables into keys.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import product

ONSETS = ("", *"b c d g h k l m n p r s t v x ch gh gi kh ng ngh nh ph qu th tr".split())  # noqa: SIM905
_NUCLEI = "a e i o u y ai ao au ay eo eu ia ie iu oa oe oi oo ua ue ui uo uu uy ya ye ieu yeu oai oay oao"
NUCLEI = tuple(f"{_NUCLEI} oeo uay uoi uou uya uye uyu uoa".split())
CODAS = ("", "c", "ch", "m", "n", "ng", "nh", "p", "t")
# Below this share of possible Vietnamese syllables a document reads as English; from this share
# on, it reads as Vietnamese whatever its function words ("to", "do" are Vietnamese words too).
MIN_VIETNAMESE_SHARE = 0.7
SURELY_VIETNAMESE_SHARE = 0.9
# A document whose function words make up this share of its words reads as English (1 in 12).
ENGLISH_MARKER_SHARE = 1 / 12


@lru_cache(maxsize=1)
def vietnamese_syllables() -> frozenset[str]:
    """Every folded Vietnamese syllable shape (a superset: a few are not real words)."""
    return frozenset(onset + nucleus + coda for onset, nucleus, coda in product(ONSETS, NUCLEI, CODAS))


def reads_as_english(markers: int, syllables: int, words: int) -> bool:
    """Tell a document's language from its counts of English function words and Vietnamese syllables."""
    if not words:
        return False
    if syllables < MIN_VIETNAMESE_SHARE * words:
        return True
    return markers >= ENGLISH_MARKER_SHARE * words and syllables < SURELY_VIETNAMESE_SHARE * words
