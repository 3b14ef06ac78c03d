"""Split a run's sources into shards for separate workers, rank a shard, merge shard results."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from incubator.matchcore.documents import Document, Match
from incubator.matchcore.filters import Allowed
from incubator.matchcore.rank import Matcher


def split(sources: Sequence[Document], n_shards: int) -> list[tuple[Document, ...]]:
    """Cut `sources` into at most `n_shards` contiguous shards of near-equal size, in order."""
    if n_shards < 1:
        raise ValueError("n_shards must be at least 1")
    n_shards = min(n_shards, len(sources)) or 1
    size, extra = divmod(len(sources), n_shards)
    bounds = [i * size + min(i, extra) for i in range(n_shards + 1)]
    return [tuple(sources[bounds[i] : bounds[i + 1]]) for i in range(n_shards)]


def rank_shard(
    matcher: Matcher,
    shard: Sequence[Document],
    k: int = 10,
    allowed: Allowed | None = None,
    explain: bool = True,
) -> dict[str, list[Match]]:
    """Rank one shard's sources against the matcher's fitted targets."""
    return matcher.top_k(shard, None, k, allowed, explain)


def merge(results: Iterable[dict[str, list[Match]]]) -> dict[str, list[Match]]:
    """Join shard results in shard order; a source ranked by two shards is an error."""
    merged: dict[str, list[Match]] = {}
    for result in results:
        overlap = merged.keys() & result.keys()
        if overlap:
            raise ValueError(f"sources ranked in two shards: {sorted(overlap)[:5]}")
        merged.update(result)
    return merged
