"""Merge the sorted key arrays of many chunks into one vocabulary, bucket by bucket.

A single `np.unique(..., return_inverse=True)` over tens of millions of keys spends most of its
time on cache misses. Keys are well-mixed hashes and each chunk's keys are sorted, so the top
bits cut every chunk into the same contiguous buckets; each bucket's union is small enough to
sort in cache, and the buckets come out in key order. The result equals np.unique's.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

BUCKET_BITS = 8


def _bounds(keys: np.ndarray) -> np.ndarray:
    """Return where each top-bits bucket starts and ends in one chunk's sorted keys."""
    edges = np.arange(1, 1 << BUCKET_BITS, dtype=np.uint64) << np.uint64(64 - BUCKET_BITS)
    return np.concatenate([[0], np.searchsorted(keys, edges), [len(keys)]])


def merge_keys(chunks: Sequence[np.ndarray]) -> tuple[np.ndarray, list[np.ndarray]]:
    """Return the sorted union of the chunks' sorted unique keys and each key's position in it."""
    bounds = [_bounds(keys) for keys in chunks]
    merged: list[np.ndarray] = []
    pieces: list[list[np.ndarray]] = [[] for _ in chunks]
    offset = 0
    for b in range(1 << BUCKET_BITS):
        parts = [keys[bound[b] : bound[b + 1]] for keys, bound in zip(chunks, bounds, strict=True)]
        unique, inverse = np.unique(np.concatenate(parts), return_inverse=True)
        merged.append(unique)
        cuts = np.cumsum([len(p) for p in parts])[:-1]
        for piece, part in zip(pieces, np.split(inverse + offset, cuts), strict=True):
            piece.append(part)
        offset += len(unique)
    return np.concatenate(merged), [np.concatenate(p) for p in pieces]
