"""The cross-language bench: its labelled set keeps its promised shape, and its figures count ties fairly."""

import json
import math
import unicodedata
from collections import Counter

import numpy as np
import pytest

from bench.bench_crosslang import PAIRS, figures, gold_ranks

ROWS = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines()]
INDUSTRIES = {
    "mechanical", "electronics", "automation", "wood", "textiles", "food", "agriculture", "logistics",
    "energy", "environment", "chemicals", "construction", "ict", "packaging", "ip",
}  # fmt: skip


def test_labelled_set_covers_every_industry_both_ways_with_other_language_targets():
    assert len(ROWS) >= 150 and len({r["id"] for r in ROWS}) == len(ROWS)
    per = Counter((r["industry"], r["direction"]) for r in ROWS)
    assert {industry for industry, _ in per} == INDUSTRIES
    assert min(per[(i, d)] for i in INDUSTRIES for d in ("en-vi", "vi-en")) >= 4
    for row in ROWS:
        source, target = row["source"], row["target"]
        assert {source["lang"], target["lang"]} == {"en", "vi"}
        assert row["direction"] == f"{source['lang']}-{target['lang']}"
        assert 50 <= len(target["text"].split()) <= 200, row["id"]
        assert unicodedata.is_normalized("NFC", source["text"] + target["text"])
    assert Counter(r["style"] for r in ROWS)["list"] >= 30 and sum(r["boilerplate"] for r in ROWS) >= 15


def test_a_third_of_the_vietnamese_is_typed_without_diacritics():
    vietnamese = [side for r in ROWS for side in (r["source"], r["target"]) if side["lang"] == "vi"]
    without = [side for side in vietnamese if side["accents"] is False]
    assert 0.25 <= len(without) / len(vietnamese) <= 0.45
    assert all(side["text"].isascii() for side in without)
    assert not any(side["text"].isascii() for side in vietnamese if side["accents"])
    assert sum(r["source"] in without for r in ROWS) >= 30  # enough for its own line in the bench


@pytest.mark.parametrize(
    ("above", "tied", "expected"),
    [
        (0, 1, (1.0, 1.0, 1.0, 1.0)),
        (0, 2, (0.75, 0.5, 1.0, (1 + 1 / math.log2(3)) / 2)),
        (4, 1, (0.2, 0.0, 1.0, 1 / math.log2(6))),
        (10, 2, ((1 / 11 + 1 / 12) / 2, 0.0, 0.0, 0.0)),
    ],
)
def test_tied_targets_count_at_their_expected_rank(above, tied, expected):
    f = figures([(above, tied)])
    assert [f["MRR"], f["recall@1"], f["recall@5"], f["nDCG@10"]] == pytest.approx(expected)


def test_gold_is_the_diagonal_and_the_pool_mask_drops_other_targets():
    scores = np.array([[0.5, 0.9, 0.5], [0.0, 0.0, 0.0], [0.1, 0.2, 0.3]])
    assert gold_ranks(scores) == [(1, 2), (0, 3), (0, 1)]
    keep = np.array([[True, False, True], [True, True, False], [True, True, True]])
    assert gold_ranks(scores, keep) == [(0, 2), (0, 2), (0, 1)]


def test_the_platforms_runs_and_the_command_line_share_one_set_of_defaults():
    from incubator.matchcore import MatchParams
    from incubator.matching.fitted import PARAMS

    assert MatchParams() == PARAMS
