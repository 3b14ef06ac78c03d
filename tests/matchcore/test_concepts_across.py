"""Glossary concepts bridge two languages; within one language they do not count the words twice."""

from dataclasses import replace

from incubator.matchcore import Document, Matcher, MatchParams

DEFAULTS = MatchParams()
WITHIN_TOO = replace(DEFAULTS, same_language_concepts=True)
TARGETS = [
    Document("en", "lab", "Predictive maintenance of pumps and compressors with vibration sensors"),
    Document("vi", "lab", "Bảo trì dự đoán cho máy bơm, cảm biến rung và phân tích dữ liệu nhà máy"),
    Document("other", "lab", "Ceramic glazes and kiln firing schedules for tableware makers"),
]
SOURCE = Document("q", "challenge", "We need predictive maintenance for our compressors")


def scores(params: MatchParams, targets: list[Document], source: Document) -> dict[str, float]:
    """The source's score for each target it shares a term with."""
    return {m.target: m.score for m in Matcher(params).fit(targets).rank_one(source, k=10, explain=False)}


def test_a_concept_counts_against_the_other_language_only():
    now, before = scores(DEFAULTS, TARGETS, SOURCE), scores(WITHIN_TOO, TARGETS, SOURCE)
    assert now["vi"] == before["vi"] > 0  # the bridge is unchanged
    assert 0 < now["en"] < before["en"]  # the shared words count once, not again as their concept
    assert set(now) == {"en", "vi"}  # the unrelated lab shares nothing


def test_a_vietnamese_need_still_meets_an_english_only_corpus_through_concepts():
    english = [TARGETS[0], TARGETS[2]]
    need = Document("q", "challenge", "bao tri du doan may nen khi")  # typed without diacritics
    assert list(scores(DEFAULTS, english, need)) == ["en"]
    assert scores(DEFAULTS, english, SOURCE)["en"] < scores(WITHIN_TOO, english, SOURCE)["en"]


def test_one_new_profile_scores_as_in_a_batch():
    sources = [Document(f"s{i}", "challenge", f"{SOURCE.text} number {i} bơm") for i in range(40)]
    matcher = Matcher(replace(DEFAULTS, n_threads=2)).fit(TARGETS)  # 40 rows: the threaded product
    batch = matcher.top_k(sources, k=3, explain=False)
    assert all(matcher.rank_one(s, k=3, explain=False) == batch[s.id] for s in sources)
