"""Ranking: bilingual matches, filters that still return k results, incremental path, pickling."""

from dataclasses import replace

import pytest

from incubator.matchcore import Allowed, Document, Matcher, MatchParams
from tests.matchcore.conftest import TARGETS

SOURCES = [
    Document("s-food", "startup", "cong nghe thuc pham, kiem nghiem vi sinh"),
    Document("s-cnc", "startup", "Chúng tôi cần gia công cơ khí CNC"),
    Document("s-vision", "startup", "We build computer vision for quality inspection"),
    Document("s-water", "startup", "xu ly nuoc thai"),
]


def ids(matches):
    return [m.target for m in matches]


def test_unaccented_source_ranks_its_accented_counterpart_first(matcher):
    results = matcher.top_k(SOURCES, k=3)
    assert results["s-food"][0].target == "lab-food"
    assert results["s-cnc"][0].target == "lab-cnc"
    assert results["s-water"][0].target == "lab-water"


def test_results_are_ordered_best_first_and_keep_source_order(matcher):
    results = matcher.top_k(SOURCES, k=5)
    assert list(results) == [s.id for s in SOURCES]
    for matches in results.values():
        assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)


def test_boilerplate_alone_does_not_make_a_match():
    targets = [
        Document(f"co-{i}", "company", f"Công ty đặt tại khu công nghiệp Bình Dương. Sản phẩm {w}.")
        for i, w in enumerate(["gốm sứ", "dệt may", "bao bì", "điện tử", "nhựa", "thép"])
    ]
    matcher = Matcher().fit(targets)
    source = Document("q", "startup", "Our company is in Binh Duong; cong ty dat tai khu cong nghiep")
    assert matcher.rank_one(source, k=3) == []


def test_kind_filter_keeps_only_allowed_target_kinds(matcher):
    allowed = Allowed(kinds={"startup": {"mentor"}})
    source = Document("q", "startup", "microbiology testing lab, công nghệ thực phẩm")
    assert ids(matcher.rank_one(source, k=1))[0] == "lab-food"
    matches = matcher.rank_one(source, k=3, allowed=allowed)
    assert ids(matches)[0] == "mentor-food"
    assert all(m.target.startswith("mentor") for m in matches)


def test_source_kind_missing_from_the_mapping_meets_nothing(matcher):
    assert matcher.top_k(SOURCES[:1], allowed=Allowed(kinds={"mentor": {"lab"}}))["s-food"] == []


def test_excluded_pair_is_never_suggested_and_the_next_one_takes_its_place(matcher):
    before = ids(matcher.top_k(SOURCES[:1], k=2)["s-food"])
    allowed = Allowed(excluded=frozenset({("s-food", before[0])}))
    after = ids(matcher.top_k(SOURCES[:1], k=2, allowed=allowed)["s-food"])
    assert before[0] not in after and after[0] == before[1] and len(after) == 2


def test_predicate_filter_still_returns_k_results_from_beyond_the_first_k():
    targets = [Document(f"t{i}", "lab", f"food safety testing lab number{i}") for i in range(30)]
    matcher = Matcher(MatchParams(max_df=1.0)).fit(targets)
    allowed = Allowed(predicate=lambda source, target: int(target.id[1:]) >= 20)
    matches = matcher.rank_one(Document("q", "startup", "food safety testing"), k=5, allowed=allowed)
    assert len(matches) == 5 and all(int(m.target[1:]) >= 20 for m in matches)


def test_a_document_is_not_matched_with_itself(matcher):
    assert "lab-food" not in ids(matcher.rank_one(TARGETS[0], k=10))


def test_ranking_one_new_document_equals_ranking_it_in_a_batch(matcher):
    batch = matcher.top_k(SOURCES, k=4)
    for source in SOURCES:
        assert matcher.rank_one(source, k=4) == batch[source.id]


def test_block_size_does_not_change_results():
    small = Matcher(MatchParams(block_rows=1)).fit(TARGETS)
    assert small.top_k(SOURCES, k=4) == Matcher().fit(TARGETS).top_k(SOURCES, k=4)


def test_fitting_twice_and_pickling_give_identical_results(matcher):
    refit = Matcher().fit(TARGETS)
    loaded = Matcher.from_bytes(matcher.to_bytes())
    assert refit.top_k(SOURCES) == matcher.top_k(SOURCES) == loaded.top_k(SOURCES)


def test_explicit_targets_are_ranked_without_refitting(matcher):
    results = matcher.top_k(SOURCES[:1], targets=TARGETS[:2], k=5)
    assert ids(results["s-food"]) == ["lab-food", "lab-cnc"][: len(results["s-food"])]


def test_duplicate_ids_are_refused():
    with pytest.raises(ValueError, match="duplicate"):
        Matcher().fit([TARGETS[0], TARGETS[0]])


@pytest.mark.parametrize("params", [MatchParams(), MatchParams(background=False, glossary=False)])
def test_fitted_sources_rank_from_their_stored_rows_exactly_as_from_their_text(params):
    fitted = Matcher(params).fit(TARGETS)
    copies = [replace(d) for d in TARGETS]  # equal documents, not the fitted objects: counted again
    assert fitted._fitted_positions(TARGETS) == list(range(len(TARGETS)))
    assert fitted._fitted_positions(copies) is None
    assert fitted.top_k(TARGETS, k=4) == fitted.top_k(copies, k=4)
    assert fitted.top_k_per_kind(TARGETS, k=2) == fitted.top_k_per_kind(copies, k=2)


@pytest.mark.parametrize("threads", [1, 2])
@pytest.mark.parametrize("top", [1, 3, 7, 50])
def test_top_n_product_equals_the_checked_sparse_dot_topn_call(threads, top):
    import numpy as np
    import scipy.sparse as sp
    from sparse_dot_topn import sp_matmul_topn

    from incubator.matchcore.rank import top_n_product

    rng = np.random.default_rng(5)
    rows = sp.random(40, 300, density=0.05, format="csr", dtype=np.float32, random_state=rng)
    columns = sp.random(300, 7, density=0.2, format="csr", dtype=np.float32, random_state=rng)
    rows.data = np.round(rows.data, 1)  # ties, so the kernel's own order shows
    ours = top_n_product(rows, columns, top, threads)
    theirs = sp_matmul_topn(rows, columns, top_n=top, n_threads=threads)
    for field in ("indptr", "indices", "data"):
        assert np.array_equal(getattr(ours, field), getattr(theirs, field))


def test_rounding_a_block_of_scores_equals_round_to_6_digits():
    import numpy as np

    from incubator.matchcore.rank import rounded

    rng = np.random.default_rng(0)
    halves = ((np.arange(2000) + 0.5) / 1e6).tolist()  # exact and near ties
    specials = [0.0, -0.0, 1.0, 0.9999995, 1.5e-06, 2.5e-06, -1e-09, 5e-07, 1e300, float("inf")]
    scores = (
        rng.random(20000).astype(np.float32).tolist() + (rng.random(2000) * 1e-4).tolist() + halves + specials
    )
    assert [repr(x) for x in rounded(scores)] == [repr(round(x, 6)) for x in scores]
