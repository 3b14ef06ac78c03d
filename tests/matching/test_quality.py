"""Suggestions worth a reviewer's time: above the floor of their kind, with reasons, read as strength."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from incubator.demo.seed import seed_demo
from incubator.matchcore.normalize import fold
from incubator.matchcore.reasons import is_reason
from incubator.matching import fitted
from incubator.matching.models import Suggestion
from incubator.matching.quality import floor, strength
from tests.factories import ChallengeFactory, LabFactory, StartupFactory
from tests.matching.test_pages import suggestion
from tests.matching.test_services import run_in_process

BOILERPLATE = "Our company in Binh Duong has a professional team, reliable quality and Japanese customers."


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
        assert row.score >= floor(row.kind), (row.kind, row.score, row.terms)
        assert row.terms and all(is_reason(fold(t), t) for t in row.terms), row.terms
        assert not any(" " not in t and fold(t) != t.casefold() for t in row.terms), (
            row.terms
        )  # no lone syllable


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
