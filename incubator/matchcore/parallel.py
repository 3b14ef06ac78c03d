"""Map a function over chunks of a batch, in worker processes when the batch is large."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

CHUNK = 2048
# Below this many items, starting processes costs more than it saves.
PARALLEL_MIN = 16_384

# The function being mapped: forked workers inherit it, so it is never pickled. It may carry
# large state (a fitted vocabulary) that would otherwise be sent with every chunk.
_mapped: Callable[[Sequence[Any]], Any] | None = None


def _serial() -> bool:
    """Tell whether child processes are off limits here (a daemon, e.g. a Celery prefork worker)."""
    return multiprocessing.current_process().daemon


def _call_mapped(chunk: Sequence[Any]) -> Any:
    """Apply the inherited function to one chunk (runs in a worker)."""
    assert _mapped is not None
    return _mapped(chunk)


def map_chunks(function: Callable[[Sequence[T]], R], items: Sequence[T], n_jobs: int) -> list[R]:
    """Return `function` applied to consecutive chunks of `items`, results in chunk order."""
    global _mapped
    chunks = [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]
    if n_jobs <= 1 or len(items) < PARALLEL_MIN or _serial():
        return [function(chunk) for chunk in chunks]
    context = multiprocessing.get_context("fork")
    _mapped = function
    try:
        with ProcessPoolExecutor(max_workers=n_jobs, mp_context=context) as pool:
            return list(pool.map(_call_mapped, chunks))
    finally:
        _mapped = None
