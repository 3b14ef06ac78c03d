"""Shards: workers rank slices of sources; merged results equal the single-process run."""

import pytest

from incubator.matchcore import Document, Matcher
from incubator.matchcore.shards import merge, rank_shard, split

WORDS = ["food", "safety", "testing", "water", "treatment", "machine", "learning", "wood", "furniture", "cnc"]
TARGETS = [Document(f"t{i}", "lab", " ".join(WORDS[i % 9 : i % 9 + 3]) + f" lab{i % 4}") for i in range(40)]
SOURCES = [Document(f"s{i}", "startup", " ".join(WORDS[i % 7 : i % 7 + 2])) for i in range(23)]


def test_split_keeps_order_and_covers_every_source_once():
    shards = split(SOURCES, 4)
    assert [len(s) for s in shards] == [6, 6, 6, 5]
    assert [d for shard in shards for d in shard] == SOURCES


def test_merged_shard_results_equal_the_single_process_result():
    matcher = Matcher().fit(TARGETS)
    worker = Matcher.from_bytes(matcher.to_bytes())
    merged = merge(rank_shard(worker, shard, k=5) for shard in split(SOURCES, 3))
    assert merged == matcher.top_k(SOURCES, k=5)


def test_a_source_in_two_shards_is_refused():
    matcher = Matcher().fit(TARGETS)
    part = rank_shard(matcher, SOURCES[:2])
    with pytest.raises(ValueError, match="two shards"):
        merge([part, part])
