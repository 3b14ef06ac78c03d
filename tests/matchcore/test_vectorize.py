"""The fast counting path gives exactly scikit-learn's TfidfVectorizer weights."""

import numpy as np

from incubator.matchcore.vectorize import TermWeights, reference_vectorizer
from tests.matchcore.conftest import TARGETS


def test_term_weights_equal_the_reference_tfidf_vectorizer():
    items = [(d.text, d.tags) for d in TARGETS * 2]
    weights = TermWeights(max_df=0.5)
    ours = weights.fit_transform(items)
    reference = reference_vectorizer(len(items), 0.5)
    theirs = reference.fit_transform(items)
    order = [weights.column(term) for term in reference.get_feature_names_out()]
    assert ours.shape == theirs.shape
    assert np.abs(ours[:, order] - theirs).max() < 1e-6


def test_terms_every_profile_repeats_are_dropped_as_boilerplate():
    items = [(f"binh duong industrial park product{i}", ()) for i in range(10)]
    weights = TermWeights(max_df=0.5)
    weights.fit_transform(items)
    assert weights.column("binh duong") is None and weights.column("product3") is not None


def test_ascii_fast_path_counts_the_same_terms_as_the_unicode_path():
    ascii_text = "Food-safety LAB, HACCP_audits & microbiology (2024)."
    weights = TermWeights(max_df=1.0)
    weights.fit_transform([(ascii_text, ()), (ascii_text + " \u00e9", ())])
    rows = weights.transform([(ascii_text, ()), (ascii_text + " \u2013", ())])
    assert (rows[0] != rows[1]).nnz == 0
    assert weights.column("food safety") is not None and weights.column("haccp_audits") is not None


def test_counting_in_worker_processes_gives_identical_rows(monkeypatch):
    from incubator.matchcore import parallel

    items = [(d.text + f" extra{i}", d.tags) for i, d in enumerate(TARGETS * 3)]
    serial = TermWeights(max_df=0.5).fit_transform(items)
    monkeypatch.setattr(parallel, "CHUNK", 4)
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 1)
    in_workers = TermWeights(max_df=0.5, n_jobs=2).fit_transform(items)
    assert (serial != in_workers).nnz == 0


def test_weighting_new_documents_in_worker_processes_gives_identical_rows(monkeypatch):
    from incubator.matchcore import parallel

    items = [(d.text + f" extra{i}", d.tags) for i, d in enumerate(TARGETS * 3)]
    new = [(d.text + f" extra{i} unseen{i}", d.tags) for i, d in enumerate(TARGETS * 2)]
    weights = TermWeights(max_df=0.5, n_jobs=2)
    weights.fit_transform(items)
    serial = weights.transform(new)
    monkeypatch.setattr(parallel, "CHUNK", 4)
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 1)
    in_workers = weights.transform(new)
    assert serial.shape == in_workers.shape and serial.nnz > 0
    assert (serial != in_workers).nnz == 0
    assert np.array_equal(serial.indices, in_workers.indices)


def test_an_absolute_cap_drops_terms_in_too_many_documents():
    items = [(f"common word{i % 8} item{i}", ()) for i in range(40)]
    weights = TermWeights(max_df=1.0, max_docs=6)
    weights.fit_transform(items)
    assert weights.column("common") is None and weights.column("word3") is not None


def test_bucketed_merge_of_sorted_chunks_equals_np_unique():
    import numpy as np

    from incubator.matchcore.merge import merge_keys

    rng = np.random.default_rng(3)
    pool = rng.integers(0, 2**63, 5000, dtype=np.int64).astype(np.uint64) * np.uint64(2)
    chunks = [np.unique(pool[rng.integers(0, 5000, n)]) for n in (0, 1, 700, 3000)]
    weights = [rng.integers(1, 9, len(c)) for c in chunks]
    keys, positions, summed = merge_keys(chunks, weights)
    expected, inverse = np.unique(np.concatenate(chunks), return_inverse=True)
    assert np.array_equal(keys, expected)
    assert np.array_equal(np.concatenate(positions), inverse)
    expected_sums = np.bincount(inverse, np.concatenate(weights), minlength=len(expected))
    assert summed.dtype == expected_sums.dtype and np.array_equal(summed, expected_sums)
