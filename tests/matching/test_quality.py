"""Suggestions worth a reviewer's time: above the floor of their kind, with reasons, read as strength."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import select

import config
from incubator.challenges.models import Capability, Challenge
from incubator.demo.data import CROSS_LANGUAGE_PARTNERS
from incubator.demo.seed import seed_demo
from incubator.labs.models import Lab
from incubator.matchcore import Match, MatchParams
from incubator.matchcore.normalize import fold
from incubator.matchcore.reasons import GENERIC, is_reason
from incubator.matching import fitted
from incubator.matching.corpus import MATCH_KINDS
from incubator.matching.models import Suggestion
from incubator.matching.quality import floor, strength, worth_suggesting
from tests.factories import ChallengeFactory, LabFactory, StartupFactory
from tests.matching.test_pages import suggestion
from tests.matching.test_services import run_in_process

BOILERPLATE = "Our company in Binh Duong has a professional team, reliable quality and Japanese customers."


def shown_as_reason(term: str) -> bool:
    """A reason a reviewer can read: a shared term, or a bridge whose two sides are not generic."""
    if " ↔ " not in term:
        return is_reason(fold(term), term)
    return all(side and fold(side) not in GENERIC for side in term.split(" ↔ "))


@pytest.fixture
def fresh_matcher(db):  # noqa: ANN001
    fitted.forget()
    yield db
    fitted.forget()


def test_after_a_run_over_the_demo_data_every_suggestion_is_above_its_floor_with_real_reasons(fresh_matcher):
    seed_demo()
    run = run_in_process(fresh_matcher, top_k=5)
    rows = fresh_matcher.session.scalars(select(Suggestion).where(Suggestion.run_id == run.id)).all()
    assert rows
    for row in rows:
        assert floor(row.kind) == config.DEFAULT_FLOORS[row.kind]  # the kind's calibrated floor
        assert row.score >= floor(row.kind), (row.kind, row.score, row.terms)
        assert row.terms and all(shown_as_reason(t) for t in row.terms), row.terms
        assert not any(" " not in t and fold(t) != t.casefold() for t in row.terms), (
            row.terms
        )  # no lone syllable
    found = {(r.source_type, r.source_id, r.target_type, r.target_id): r for r in rows}
    for title, (kind, name) in CROSS_LANGUAGE_PARTNERS:  # the best partner writes the other language
        source = fresh_matcher.session.scalar(select(Challenge).where(Challenge.title == title))
        model, field = {"lab": (Lab, Lab.name), "capability": (Capability, Capability.title)}[kind]
        target = fresh_matcher.session.scalar(select(model).where(field == name))
        row = found.get(("challenge", source.id, kind, target.id))
        assert row is not None, (title, name)
        assert any("↔" in term for term in row.terms), row.terms  # the bridge is shown


def test_runs_score_with_matchcore_s_defaults_on_which_the_floors_were_calibrated():
    assert MatchParams() == fitted.PARAMS
    assert MatchParams() == MatchParams(
        background=True, glossary=True, segment_weight="auto", title_weight=3, same_language_concepts=False
    )


def test_every_kind_of_match_has_its_own_calibrated_floor(app):
    kinds = {f"{source}-{target}" for source, targets in MATCH_KINDS.items() for target in targets}
    assert set(config.DEFAULT_FLOORS) == kinds
    with app.app_context():
        assert all(floor(kind) == config.DEFAULT_FLOORS[kind] for kind in kinds)


def test_a_kind_is_judged_by_its_own_floor_not_the_global_one(app, monkeypatch):
    monkeypatch.setitem(app.config, "MATCHING_MIN_SCORE", 0.035)
    monkeypatch.setitem(app.config, "MATCHING_FLOORS", {"startup-mentor": 0.08, "challenge-lab": 0.02})
    with app.app_context():
        assert not worth_suggesting(Match("startup:1", "mentor:2", 0.05, ("industrial iot",)))
        assert worth_suggesting(Match("challenge:1", "lab:2", 0.025, ("plc",)))
        assert not worth_suggesting(Match("challenge:1", "capability:2", 0.03, ("plc",)))  # global floor
        assert not worth_suggesting(Match("challenge:1", "lab:2", 0.5, ()))  # no reason, no suggestion


@pytest.mark.parametrize("above_its_kind", [False, True])
def test_a_run_keeps_a_pair_by_its_kind_s_floor(fresh_matcher, app, monkeypatch, above_its_kind):
    challenge = ChallengeFactory(title="Stamping line", description="Predictive maintenance of presses.")
    LabFactory(name="Vibration lab", description="Predictive maintenance with vibration sensors on presses.")
    monkeypatch.setitem(app.config, "MATCHING_FLOORS", {"challenge-lab": 0.0})
    run_in_process(fresh_matcher, top_k=5)
    score = lab_scores(fresh_matcher, challenge.id)[0]
    low, high = score / 2, min(1.0, score * 1.5)  # the global floor on one side, the kind's on the other
    monkeypatch.setitem(app.config, "MATCHING_MIN_SCORE", high if above_its_kind else low)
    monkeypatch.setitem(app.config, "MATCHING_FLOORS", {"challenge-lab": low if above_its_kind else high})
    fitted.forget()
    run_in_process(fresh_matcher, top_k=5)
    assert lab_scores(fresh_matcher, challenge.id) == ([score] if above_its_kind else [])


def lab_scores(db, challenge_id: int) -> list[float]:  # noqa: ANN001
    """The scores of a challenge's lab suggestions."""
    return db.session.scalars(
        select(Suggestion.score).where(
            Suggestion.source_type == "challenge",
            Suggestion.source_id == challenge_id,
            Suggestion.target_type == "lab",
        )
    ).all()


def test_a_pair_that_shares_only_boilerplate_is_not_suggested(fresh_matcher):
    challenge = ChallengeFactory(
        title="Stamping line", description=f"{BOILERPLATE} Predictive maintenance of presses."
    )
    LabFactory(name="Food lab", description=f"{BOILERPLATE} Microbiology testing of canned fruit.")
    good = LabFactory(
        name="Vibration lab", description="Predictive maintenance with vibration sensors on presses."
    )
    run_in_process(fresh_matcher, top_k=5)
    labs = fresh_matcher.session.scalars(
        select(Suggestion.target_id).where(
            Suggestion.source_type == "challenge",
            Suggestion.source_id == challenge.id,
            Suggestion.target_type == "lab",
        )
    ).all()
    assert labs == [good.id]


def test_top_k_is_a_maximum_not_a_quota(fresh_matcher):
    challenge = ChallengeFactory(
        title="Dệt nhuộm", description="Công nghệ xử lý nước thải dệt nhuộm ở Bình Dương"
    )
    for name in ("khuôn mẫu", "đúc nhựa", "sơn gỗ", "hàn robot"):
        LabFactory(name=name, description=f"Công nghệ {name} cho doanh nghiệp ở Bình Dương")
    run_in_process(fresh_matcher, top_k=5)
    assert not fresh_matcher.session.scalars(
        select(Suggestion).where(Suggestion.source_id == challenge.id, Suggestion.target_type == "lab")
    ).all()


def test_top_k_stays_a_maximum_with_the_calibrated_floors(fresh_matcher):
    seed_demo()
    run = run_in_process(fresh_matcher, top_k=2)
    rows = fresh_matcher.session.scalars(select(Suggestion).where(Suggestion.run_id == run.id)).all()
    per_source_and_kind = Counter((r.source_type, r.source_id, r.target_type) for r in rows)
    assert per_source_and_kind and max(per_source_and_kind.values()) <= 2


def test_strength_reads_the_score_against_its_kind_s_floor(app, monkeypatch):
    monkeypatch.setitem(app.config, "MATCHING_FLOORS", {"challenge-lab": 0.02, "startup-mentor": 0.08})
    with app.app_context():
        assert strength(0.08, "challenge-lab") == "strong"
        assert strength(0.08, "startup-mentor") == "fair"


def test_strength_reads_the_score_against_the_floor(app):
    with app.app_context():
        base = floor("challenge-lab")
        assert strength(base * 4, "challenge-lab") == "strong"
        assert strength(base * 2, "challenge-lab") == "good"
        assert strength(base, "challenge-lab") == "fair"


def test_staff_read_strength_not_raw_scores(client, login_as, db):
    login_as("staff")
    suggestion(db, StartupFactory().id, score=0.5)
    body = client.get("/matching/suggestions").get_data(as_text=True)
    assert "Strong match" in body and "0.50" not in body
