"""Defaults that follow the machine and the corpus: cores to use, and pruning for large corpora.

`MatchParams` leaves n_threads, n_jobs, max_df_docs and min_df on "auto" (-1 or "auto"): the
sparse product runs on every usable core, large batches are counted in that many processes (one
thread and no child process in daemons such as Celery prefork workers) and only a corpus of at
least `LARGE_CORPUS` fitted documents is pruned. `segment_weight="auto"` (an opt-in: the default is
0) scores only a smaller corpus per segment (segments.py: full products, affordable for thousands
of targets, not 100k).
"""

from __future__ import annotations

import math
import multiprocessing
import os

AUTO = "auto"
# From this many fitted documents on, the exact product's cost (the sum, over a source's terms,
# of their document counts) grows with the square of the corpus: terms are pruned.
LARGE_CORPUS = 10_000
# In a large corpus a term in more than sqrt(n) documents is treated as boilerplate: the cap
# grows with the corpus, but slower than it, so the product's cost grows as n^1.5, not n^2.
# On synthetic profiles (bench/README.md) this keeps 0.88 of the exact top 10 at 20k (cap 142)
# and about half at 100k (cap 317); a fixed cap of 100 kept 0.32 at 100k, a 1 % cap 0.88 at
# 1/18 of the exact work, too slow for 100k in a minute.
# The per-segment blend's weight when on (a sweep on expertise_bench put 0.5-0.7 on top).
SEGMENT_WEIGHT = 0.75


def usable_cores() -> int:
    """Return how many cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def workers(n: int) -> int:
    """Resolve a thread or process count: n >= 1 as given, -1 every usable core, -2 all but one.

    In a daemon process (a Celery prefork worker: one of several, forked from a parent whose
    OpenMP threads a child cannot reuse) "every core" means one.
    """
    if n >= 1:
        return n
    return 1 if multiprocessing.current_process().daemon else max(1, usable_cores() + 1 + n)


def max_df_docs(setting: int | str | None, n_docs: int) -> int | None:
    """Resolve `MatchParams.max_df_docs`: "auto" caps a large corpus at sqrt(n) documents a term."""
    if setting != AUTO:
        return setting  # type: ignore[return-value]
    return math.ceil(math.sqrt(n_docs)) if n_docs >= LARGE_CORPUS else None


def segment_weight(setting: float | str, n_docs: int) -> float:
    """Resolve `MatchParams.segment_weight`: "auto" scores segments below `LARGE_CORPUS` documents."""
    if setting != AUTO:
        return float(setting)
    return SEGMENT_WEIGHT if n_docs < LARGE_CORPUS else 0.0


def min_df(setting: int | str, n_docs: int) -> int:
    """Resolve `MatchParams.min_df`: "auto" keeps every term (1) at any size."""
    return 1 if setting == AUTO else int(setting)
