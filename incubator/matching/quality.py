"""When a ranked pair is worth a reviewer's time, and how strong it reads.

Each kind of match has its own floor (config.DEFAULT_FLOORS, MATCHING_FLOORS), calibrated by
`python -m bench.calibrate_floors`: the threshold that best separates the demo data's intended
pairs from unrelated pairs sharing a reason (F1), lowered when needed to keep 95% of the right
pairs of the labelled sets in tests/matchcore. A kind without a floor uses MATCHING_MIN_SCORE.
A pair is suggested only at or above its kind's floor and with at least one shown reason
(matchcore.reasons). Top k is a maximum, never a quota.
"""

from __future__ import annotations

from flask import current_app

from incubator.i18n import lazy_gettext as _l
from incubator.labels import register
from incubator.matchcore import Match
from incubator.matching.corpus import split_document_id

STRENGTH_LABELS = register(
    "strength", {"strong": _l("Strong match"), "good": _l("Good match"), "fair": _l("Fair match")}
)
STRONG, GOOD = 3.5, 1.75  # multiples of the floor


def floor(kind: str) -> float:
    """The lowest score suggested for a kind of match (e.g. "challenge-lab")."""
    config = current_app.config
    return config["MATCHING_FLOORS"].get(kind, config["MATCHING_MIN_SCORE"])


def above_floor(match: Match) -> bool:
    """A pair scores at least its kind's floor (checked before it is explained, which costs more)."""
    kind = f"{split_document_id(match.source)[0]}-{split_document_id(match.target)[0]}"
    return match.score >= floor(kind)


def worth_suggesting(match: Match) -> bool:
    """A pair is suggested when it scores above its kind's floor and has a reason to show."""
    return bool(match.terms) and above_floor(match)


def strength(score: float, kind: str) -> str:
    """ "strong", "good" or "fair": the score against its kind's floor (what staff read, not 0.02)."""
    level = score / max(floor(kind), 1e-9)
    return "strong" if level >= STRONG else "good" if level >= GOOD else "fair"
