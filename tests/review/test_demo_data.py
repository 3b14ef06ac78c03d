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


def test_demo_reviewers_find_their_assignments_in_their_inbox_without_any_email(db, monkeypatch):
    from incubator.demo import data
    from incubator.notifications import services
    from incubator.notifications.models import Notification
    from incubator.review.models import ReviewerAssignment

    queued = []
    monkeypatch.setattr(services, "dispatch", lambda *args: queued.append(args))
    seed_demo()
    notes = {
        (n.user_id, n.link): n
        for n in db.session.scalars(select(Notification).filter_by(kind="reviewer_assigned"))
    }
    assigned = list(db.session.scalars(select(ReviewerAssignment)))
    assert len(assigned) == len(data.ASSIGNMENTS) == len(notes)
    for row in assigned:
        note = notes[(row.reviewer_id, f"/review/applications/{row.application_id}/score")]
        assert row.application.startup.name in note.message
        assert ("Bạn được phân công chấm" in note.message) == (row.reviewer.language == "vi")
        assert (note.read_at is None) == (row.application.status == "under_review")
    assert queued == []  # the demo e-mails nobody
    db.session.delete(note)
    db.session.commit()
    assert seed_demo()["Notification"] == 1  # a database seeded before gets the missing one, once
    assert seed_demo()["Notification"] == 0
