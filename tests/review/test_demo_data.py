"""The demo data gives every incubation page content: both program kinds, every state, reviewers."""

from sqlalchemy import select

from incubator.demo.seed import seed_demo
from incubator.localtime import today_local
from incubator.review import reviews
from incubator.review.models import APPLICATION_STATUSES, Application, Program


def test_demo_programs_and_applications_cover_every_state(db):
    seed_demo()
    statuses = set(db.session.scalars(select(Application.status)))
    assert statuses == set(APPLICATION_STATUSES)
    programs = list(db.session.scalars(select(Program)))
    assert any(p.is_open(today_local()) for p in programs)
    closed = [p for p in programs if p.closes_on < today_local()]
    decided = db.session.scalars(select(Application.status).where(Application.program_id == closed[0].id))
    assert set(decided) == {"accepted", "waitlisted", "rejected"}


def test_demo_reviews_give_scores_and_an_audit_trail(db):
    seed_demo()
    nhuom = db.session.scalar(select(Application).where(Application.pitch.like("Nhuộm vải%")))
    scores = reviews.application_scores(nhuom)
    assert scores.reviews == 2 and scores.weighted is not None and 1 <= scores.normalised <= 5
    from incubator.review.applications import status_history

    assert [e.detail["after"] for e in status_history(nhuom)] == ["draft", "submitted", "under_review"]


def test_seeding_twice_creates_nothing_new(db):
    seed_demo()
    assert sum(seed_demo().values()) == 0
