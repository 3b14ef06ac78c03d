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
    order = [weights.vocabulary_[term] for term in reference.get_feature_names_out()]
    assert ours.shape == theirs.shape
    assert np.abs(ours[:, order] - theirs).max() < 1e-6


def test_terms_every_profile_repeats_are_dropped_as_boilerplate():
    items = [(f"binh duong industrial park product{i}", ()) for i in range(10)]
    weights = TermWeights(max_df=0.5)
    weights.fit_transform(items)
    assert "binh duong" not in weights.vocabulary_ and "product3" in weights.vocabulary_
