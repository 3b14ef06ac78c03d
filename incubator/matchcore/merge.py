"""Merge the sorted key arrays of many chunks into one vocabulary, bucket by bucket.

A single `np.unique(..., return_inverse=True)` over tens of millions of keys spends most of its
time on cache misses. Keys are well-mixed hashes and each chunk's keys are sorted, so the top
bits cut every chunk into the same contiguous buckets; each bucket's union is small enough to
sort in cache (a stable sort merges the chunks' sorted runs), and the buckets come out in key
order. The result equals np.unique's. Summing a weight per key (a document count) bucket by
bucket also stays in cache, unlike one bincount over the whole vocabulary.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

BUCKET_BITS = 8


def _bounds(keys: np.ndarray) -> np.ndarray:
    """Return where each top-bits bucket starts and ends in one chunk's sorted keys."""
    edges = np.arange(1, 1 << BUCKET_BITS, dtype=np.uint64) << np.uint64(64 - BUCKET_BITS)
    return np.concatenate([[0], np.searchsorted(keys, edges), [len(keys)]])


def _unique_inverse(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return `np.unique(keys, return_inverse=True)` for keys made of sorted runs."""
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    first = np.ones(len(ordered), bool)
    first[1:] = ordered[1:] != ordered[:-1]
    inverse = np.empty(len(keys), np.intp)
    inverse[order] = np.cumsum(first) - 1
    return ordered[first], inverse


def merge_keys(
    chunks: Sequence[np.ndarray], weights: Sequence[np.ndarray]
) -> tuple[np.ndarray, list[np.ndarray], np.ndarray]:
    """Return the sorted union of the chunks' sorted unique keys, each key's position in it, and
    each union key's summed weight (`weights`: one array per chunk, aligned with its keys) as
    float64, as np.bincount sums it.
    """
    bounds = [_bounds(keys) for keys in chunks]
    merged: list[np.ndarray] = []
    sums: list[np.ndarray] = []
    pieces: list[list[np.ndarray]] = [[] for _ in chunks]
    offset = 0
    for b in range(1 << BUCKET_BITS):
        parts = [keys[bound[b] : bound[b + 1]] for keys, bound in zip(chunks, bounds, strict=True)]
        part_weights = [w[bound[b] : bound[b + 1]] for w, bound in zip(weights, bounds, strict=True)]
        unique, inverse = _unique_inverse(np.concatenate(parts))
        merged.append(unique)
        sums.append(np.bincount(inverse, np.concatenate(part_weights), minlength=len(unique)))
        cuts = np.cumsum([len(p) for p in parts])[:-1]
        for piece, part in zip(pieces, np.split(inverse + offset, cuts), strict=True):
            piece.append(part)
        offset += len(unique)
    keys, total = np.concatenate(merged), np.concatenate(sums)
    del merged[:], sums[:]  # freed before the positions are joined: a lower peak
    return keys, [np.concatenate(p) for p in pieces], total
