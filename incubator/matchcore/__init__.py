"""Pure matching library: bilingual TF-IDF, sparse top-k with filters, explanations, shards.

No Flask, SQLAlchemy or Celery import here: the web app and workers call this library.
`Matcher` loads scikit-learn on first use (`MatchParams` only its light params module), so importing
the package is cheap.
"""

from typing import Any

from incubator.matchcore.documents import Document, Match
from incubator.matchcore.filters import ALLOW_ALL, Allowed

__all__ = ["ALLOW_ALL", "Allowed", "Document", "Match", "MatchParams", "Matcher"]


def __getattr__(name: str) -> Any:
    """Import the ranking classes on first access (PEP 562)."""
    if name == "MatchParams":
        from incubator.matchcore.params import MatchParams

        return MatchParams
    if name == "Matcher":
        from incubator.matchcore.rank import Matcher

        return Matcher
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
