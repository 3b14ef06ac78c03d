"""The fitted matchers a process keeps: the current run's (shared through the database) and a recent one."""

from __future__ import annotations

import time
import zlib
from dataclasses import replace

import zstandard
from sqlalchemy import delete
from sqlalchemy.orm import Session

from incubator.glossary.services import extra_pairs
from incubator.matchcore import Matcher, MatchParams
from incubator.matching.corpus import load_documents
from incubator.matching.models import RunModel

# matchcore's defaults, the command line's too: background IDF (the platform's corpus is small at
# first, the background corpus damps generic words from day one), the glossary (English and
# Vietnamese profiles meet; staff pairs are added at each fit) and whole-profile cosines, on which
# the relevance floors (config.DEFAULT_FLOORS) were calibrated.
PARAMS = MatchParams()
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
_by_run: dict[int, Matcher] = {}
_latest: tuple[float, Matcher] | None = None


def fit(session: Session) -> Matcher:
    """Fit a matcher on every available profile and the staff glossary pairs (same rows, same model)."""
    global _latest
    params = replace(PARAMS, glossary_pairs=extra_pairs(session))
    matcher = Matcher(params).fit(load_documents(session))
    _latest = (time.monotonic(), matcher)
    return matcher


def fit_for_run(session: Session, run_id: int) -> Matcher:
    """Fit the run's matcher once and store it, so workers load it instead of fitting again."""
    matcher = fit(session)
    session.execute(delete(RunModel).where(RunModel.run_id != run_id))  # only the latest run's is kept
    session.merge(RunModel(run_id=run_id, data=compress(matcher.to_bytes())))
    _remember(run_id, matcher)
    return matcher


def matcher_for_run(session: Session, run_id: int) -> Matcher:
    """The run's matcher: this process's copy, else the stored one, else a fresh fit."""
    if run_id not in _by_run:
        stored = session.get(RunModel, run_id)
        if stored is None:
            return fit_for_run(session, run_id)
        _remember(run_id, Matcher.from_bytes(decompress(stored.data)))
    return _by_run[run_id]


def compress(data: bytes) -> bytes:
    """Compress a stored matcher with Zstandard (level 1: 10x faster than zlib, same size)."""
    return zstandard.ZstdCompressor(level=1).compress(data)


def decompress(data: bytes) -> bytes:
    """Decompress a stored matcher: Zstandard, or zlib for one stored before Zstandard was used."""
    if data[:4] == ZSTD_MAGIC:
        return zstandard.ZstdDecompressor().decompress(data)
    return zlib.decompress(data)


def _remember(run_id: int, matcher: Matcher) -> None:
    """Keep one run's matcher per process (the previous run's is dropped)."""
    _by_run.clear()
    _by_run[run_id] = matcher


def recent_matcher(session: Session, max_age: float) -> Matcher:
    """A matcher fitted less than `max_age` seconds ago, refitting when older."""
    if _latest is None or time.monotonic() - _latest[0] > max_age:
        return fit(session)
    return _latest[1]


def forget() -> None:
    """Drop every cached matcher (tests, or after a schema change)."""
    global _latest
    _by_run.clear()
    _latest = None
