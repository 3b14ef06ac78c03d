"""The fitted matcher each worker process keeps: one per run, and a recent one for incremental matches."""

from __future__ import annotations

import time

from sqlalchemy.orm import Session

from incubator.matchcore import Matcher
from incubator.matching.corpus import load_documents

_by_run: dict[int, Matcher] = {}
_latest: tuple[float, Matcher] | None = None


def fit(session: Session) -> Matcher:
    """Fit a matcher on every available profile (deterministic: same rows, same model)."""
    global _latest
    matcher = Matcher().fit(load_documents(session))
    _latest = (time.monotonic(), matcher)
    return matcher


def matcher_for_run(session: Session, run_id: int) -> Matcher:
    """The matcher of `run_id`, fitted once per worker process (the previous run's is dropped)."""
    if run_id not in _by_run:
        _by_run.clear()
        _by_run[run_id] = fit(session)
    return _by_run[run_id]


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
