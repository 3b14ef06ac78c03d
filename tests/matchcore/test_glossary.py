"""Cross-language matching through the bilingual glossary's shared concepts."""

import json
from pathlib import Path

import pytest

from incubator.matchcore import Document, Matcher, MatchParams
from incubator.matchcore.glossary import CONCEPT_PREFIX, compiled, shipped_pairs

DATA = (Path(__file__).parent / "cross_language_pairs.jsonl").read_text(encoding="utf-8")
ROWS = [json.loads(line) for line in DATA.splitlines() if line.strip()]
TARGETS = [Document(r["id"], r["kind"], r["text"]) for r in ROWS if r["type"] == "target"]
GOLD = {r["id"]: r["gold"][0] for r in ROWS if r["type"] == "source"}
SOURCES = {r["id"]: Document(r["id"], r["kind"], r["text"]) for r in ROWS if r["type"] == "source"}
PLATFORM = MatchParams()  # the defaults: background IDF and glossary, as the platform's runs


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    """A matcher with the platform's settings, fitted on English and Vietnamese-only profiles."""
    return Matcher(PLATFORM).fit(TARGETS)


def first(matcher: Matcher, source_id: str) -> str:
    """The best target for one of the set's sources."""
    return matcher.rank_one(SOURCES[source_id], k=1)[0].target


def test_shipped_glossary_has_at_least_1500_pairs():
    assert len(shipped_pairs()) >= 1500


@pytest.mark.parametrize("source_id", [s for s in GOLD if s.startswith("q-en-")])
def test_english_challenge_ranks_the_vietnamese_only_lab_first(matcher, source_id):
    assert first(matcher, source_id) == GOLD[source_id]


@pytest.mark.parametrize("source_id", ["q-vi-concrete", "q-vi-solar"])
def test_vietnamese_need_ranks_the_english_capability_first(matcher, source_id):
    assert first(matcher, source_id) == GOLD[source_id]


def test_vietnamese_typed_without_diacritics_finds_the_english_capability(matcher):
    assert first(matcher, "q-unacc-concrete") == "en-concrete"
    assert first(matcher, "q-en-agri") == "vi-agri"  # an unaccented lab found from English


def test_without_the_glossary_the_languages_do_not_meet():
    plain = Matcher(MatchParams(glossary=False)).fit(TARGETS)
    assert all(not plain.rank_one(SOURCES[s], k=1) or first(plain, s) != GOLD[s] for s in GOLD)


def test_reasons_are_words_as_written_never_concept_tokens(matcher):
    terms = matcher.rank_one(SOURCES["q-en-mech"], k=1)[0].terms
    assert "predictive maintenance ↔ bảo trì dự đoán" in terms
    assert all(CONCEPT_PREFIX not in term for term in terms)


def test_longest_term_wins_over_the_term_inside_it():
    found = set(compiled().phrases_in("We cut greenhouse gas in a greenhouse").values())
    assert found == {"greenhouse gas", "greenhouse"}
    # "greenhouse" inside "greenhouse gas" is no match of its own: it comes as the longer term's
    # ancestor (both languages' terms contain it: "khí nhà kính"), named by the words inside it
    concepts = compiled()
    found = concepts.phrases_in("We cut greenhouse gas")
    assert sorted(concepts.names[key] for key in found) == ["concept:greenhouse", "concept:greenhouse_gas"]


def test_one_word_terms_match_only_in_their_own_language():
    english = set(compiled().phrases_in("The son of the owner and Bo the dog").values())
    vietnamese = set(compiled().phrases_in("Nhà máy sơn và trang trại nuôi bò").values())
    unaccented = set(compiled().phrases_in("Nha may son va trang trai nuoi bo").values())
    assert english == set()  # "son" is paint (sơn) only in Vietnamese text
    assert "son" in vietnamese and "son" in unaccented
    assert "bo" not in vietnamese | unaccented  # "bò" folds like "bộ" and "bỏ" (test_glossary_levels)


def test_extra_pairs_from_the_caller_link_new_terms():
    targets = [Document("vi", "lab", "Phòng thí nghiệm bánh răng hành tinh"), *TARGETS]
    need = Document("need", "challenge", "We need a planetary gearbox supplier")
    params = MatchParams(glossary=True, glossary_pairs=(("planetary gearbox", "bánh răng hành tinh"),))
    assert Matcher(params).fit(targets).rank_one(need, k=1)[0].target == "vi"
    assert all(m.target != "vi" for m in Matcher(MatchParams(glossary=True)).fit(targets).rank_one(need))


def test_a_pickled_matcher_keeps_its_glossary(matcher):
    again = Matcher.from_bytes(matcher.to_bytes())
    assert first(again, "q-en-food") == "vi-food"
