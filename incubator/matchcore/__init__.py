"""Pure matching library: bilingual TF-IDF, sparse top-k with filters, explanations, shards.

No Flask, SQLAlchemy or Celery import here: the web app and workers call this library.
"""

from incubator.matchcore.documents import Document, Match
from incubator.matchcore.filters import ALLOW_ALL, Allowed
from incubator.matchcore.rank import Matcher, MatchParams

__all__ = ["ALLOW_ALL", "Allowed", "Document", "Match", "MatchParams", "Matcher"]
