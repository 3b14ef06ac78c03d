"""Per-segment scoring for profiles made of several parts (on by default below 10,000 targets)."""

from dataclasses import replace

import pytest

from incubator.matchcore import Document, Matcher, MatchParams, scale, segments

SEGMENTED = MatchParams(segment_weight=0.6)
AUTO = MatchParams(segment_weight="auto")  # the defaults
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


WHOLE = MatchParams(segment_weight=0.0)


def scores(params: MatchParams, targets: list[Document], sources: list[Document]) -> dict:
    """Every source's (target, score) pairs under `params`."""
    results = Matcher(params).fit(targets).top_k(sources, k=len(targets), explain=False)
    return {s: [(m.target, m.score) for m in matches] for s, matches in results.items()}


def test_the_defaults_score_a_small_corpus_of_parts_per_segment():
    query = [Document("q", "paper", "protein folding structure prediction deep learning")]
    weighted = replace(SEGMENTED, segment_weight=scale.SEGMENT_WEIGHT)
    assert scores(AUTO, TARGETS, query) == scores(weighted, TARGETS, query)
    assert scores(AUTO, TARGETS, query) != scores(WHOLE, TARGETS, query)
    assert scores(MatchParams(), TARGETS, query) == scores(AUTO, TARGETS, query)  # the platform's too


def test_segment_weight_auto_is_off_from_the_large_corpus_size(monkeypatch):
    assert scale.segment_weight("auto", scale.LARGE_CORPUS - 1) == scale.SEGMENT_WEIGHT
    assert scale.segment_weight("auto", scale.LARGE_CORPUS) == 0.0
    assert scale.segment_weight(0.3, scale.LARGE_CORPUS) == 0.3
    monkeypatch.setattr(scale, "LARGE_CORPUS", len(TARGETS))
    matcher = Matcher(AUTO).fit(TARGETS)
    assert all(p.segments is None for p in matcher.partitions_.values())
    query = [Document("q", "paper", "protein folding")]
    assert scores(AUTO, TARGETS, query) == scores(WHOLE, TARGETS, query)


def test_a_corpus_without_parts_is_ranked_as_before():
    targets = [Document(f"t{i}", "expert", text) for i, text in enumerate(PAPERS)]
    sources = [Document("q", "paper", "Protein folding. Traffic signal timing in dense road networks today")]
    assert all(p.segments is None for p in Matcher(AUTO).fit(targets).partitions_.values())
    assert scores(AUTO, targets, sources) == scores(WHOLE, targets, sources)
    assert scores(replace(AUTO, title_weight=3), targets, sources) == scores(WHOLE, targets, sources)


def test_title_is_a_short_first_sentence_before_a_longer_body():
    assert segments.title("Deep nets. We train deep nets on many images of cats") == "Deep nets"
    assert segments.title("No sentence break here at all") is None
    assert segments.title("Short. Body") is None  # the body is not longer than the title
    long_first = " ".join(["word"] * (segments.TITLE_MAX_WORDS + 1))
    assert segments.title(f"{long_first}. " + "body " * 50) is None
    assert segments.titled("Deep nets. We train deep nets on images", 3) == (
        "Deep nets. Deep nets. Deep nets. We train deep nets on images"
    )
    assert segments.titled("no title here", 2) == "no title here"


def test_a_sources_title_counts_title_weight_times_against_parts():
    targets = [
        Document("soil", "expert", "Soil erosion on coffee farms \nRainfall gauges in the highlands"),
        Document("traffic", "expert", "Traffic signal timing in road networks \nParking sensors"),
    ]
    text = "Soil erosion. Traffic signal timing in road networks, measured daily at busy junctions"
    query = [Document("q", "paper", text)]

    def ratio(title_weight: int) -> float:
        ranked = dict(scores(replace(AUTO, title_weight=title_weight), targets, query)["q"])
        return ranked["soil"] / ranked["traffic"]

    assert ratio(1) < ratio(2) < ratio(3)
    assert MatchParams().title_weight == 3


def test_the_soft_maximum_is_the_same_in_small_chunks(monkeypatch):
    sources = [Document(f"q{i}", "paper", text) for i, text in enumerate(PAPERS + ["bridge drones protein"])]
    whole_batch = scores(SEGMENTED, TARGETS, sources)
    monkeypatch.setattr(segments, "CHUNK_CELLS", 1)
    assert scores(SEGMENTED, TARGETS, sources) == whole_batch


def test_a_matcher_pickled_before_auto_resolves_its_weight_on_load():
    matcher = Matcher(SEGMENTED).fit(TARGETS)
    state = matcher.__getstate__()
    del state["segment_weight_"]
    restored = Matcher.__new__(Matcher)
    restored.__setstate__(state)
    assert restored.partitions_["expert"].segments is not None
    assert restored.rank_one(Document("q", "paper", "protein folding"), k=1)[0].target == "many-parts"
