"""Opt-in per-segment scoring for profiles made of several parts."""

import pytest

from incubator.matchcore import Document, Matcher, MatchParams

SEGMENTED = MatchParams(segment_weight=0.6)
PAPERS = [
    "Protein folding and structure prediction with deep learning",
    "Traffic signal timing in dense urban road networks",
    "Auction design for spectrum allocation among telecom operators",
    "Soil erosion measurements on coffee plantations in highland farms",
]
TARGETS = [
    Document("many-parts", "expert", " \n".join(PAPERS)),
    Document("one-part", "expert", "Prediction markets and folding bicycles for protein shakes sales"),
    Document("other", "expert", "Bridge inspection with drones and concrete crack detection"),
]


def test_a_profile_of_one_part_scores_its_whole_cosine():
    query = [Document("q", "paper", "bridge inspection drones")]
    plain = Matcher().fit(TARGETS).top_k(query, k=1, explain=False)["q"][0]
    segmented = Matcher(SEGMENTED).fit(TARGETS).top_k(query, k=1, explain=False)["q"][0]
    assert segmented.target == plain.target == "other"
    assert segmented.score == pytest.approx(plain.score, abs=1e-5)


def test_one_matching_part_outweighs_a_diluted_whole_profile():
    query = [Document("q", "paper", "protein folding structure prediction deep learning")]
    results = Matcher(SEGMENTED).fit(TARGETS).top_k(query, k=2, explain=True)["q"]
    assert results[0].target == "many-parts" and results[0].terms
    assert 0 < results[1].score < results[0].score <= 1


def test_segmented_matchers_survive_pickling_and_new_targets():
    matcher = Matcher.from_bytes(Matcher(SEGMENTED).fit(TARGETS).to_bytes())
    query = Document("q", "paper", "protein folding")
    assert matcher.rank_one(query, k=1)[0].target == "many-parts"
    other = matcher.top_k([query], targets=TARGETS[1:], k=1)["q"][0]
    assert other.target == "one-part"
