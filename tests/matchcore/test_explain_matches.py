"""Ranking first and explaining only the kept pairs gives what ranking with explanations gives."""

from incubator.matchcore import Allowed, Matcher, MatchParams
from tests.matchcore.conftest import TARGETS
from tests.matchcore.test_rank import SOURCES

KINDS = {"startup": ("lab", "mentor")}


def test_top_k_per_kind_is_one_top_k_per_target_kind(matcher):
    allowed = Allowed(kinds=KINDS, excluded=frozenset({("s-food", "lab-food")}))
    per_kind = matcher.top_k_per_kind(SOURCES, k=2, allowed=allowed)
    for source in SOURCES:
        one_by_one = [
            m
            for kind in ("lab", "mentor")
            for m in matcher.top_k([source], k=2, allowed=Allowed({"startup": (kind,)}, allowed.excluded))[
                source.id
            ]
        ]
        assert per_kind[source.id] == one_by_one
    assert "lab-food" not in [m.target for m in per_kind["s-food"]]


def test_explaining_ranked_pairs_matches_ranking_with_explanations(matcher):
    plain = matcher.top_k(SOURCES, k=3, explain=False)
    assert all(m.terms == () for matches in plain.values() for m in matches)
    assert matcher.explain_matches(SOURCES, plain) == matcher.top_k(SOURCES, k=3)


def test_only_the_pairs_asked_for_are_explained(matcher):
    plain = matcher.top_k(SOURCES, k=3, explain=False)
    kept = {source: matches[:1] for source, matches in plain.items()}
    kept["s-water"] = []
    explained = matcher.explain_matches(SOURCES, kept)
    assert explained["s-water"] == []
    assert explained["s-food"] == matcher.top_k(SOURCES, k=1)["s-food"]


def test_a_pickled_matcher_explains_the_same(matcher):
    loaded = Matcher.from_bytes(matcher.to_bytes())
    plain = matcher.top_k(SOURCES, k=2, explain=False)
    assert loaded.explain_matches(SOURCES, plain) == matcher.explain_matches(SOURCES, plain)


def test_explaining_with_the_glossary_shows_its_bridges():
    glossed = Matcher(MatchParams(glossary=True)).fit(TARGETS)
    plain = glossed.top_k(SOURCES, k=2, explain=False)
    assert glossed.explain_matches(SOURCES, plain) == glossed.top_k(SOURCES, k=2)
