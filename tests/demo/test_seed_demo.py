"""flask seed-demo: realistic Binh Duong data, one account per role, idempotent, never in production."""

import unicodedata
from collections import Counter

from sqlalchemy import func, select

from incubator.accounts.models import ROLES, User
from incubator.audit.models import AuditEvent
from incubator.demo.seed import seed_demo
from incubator.glossary.models import GlossaryCandidate
from incubator.labs.models import Lab
from incubator.matching.models import MatchingRun, Suggestion
from incubator.organizations.models import Organization


def test_seed_demo_creates_one_account_per_role_with_the_demo_password(app, db):
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    for role in ROLES:
        user = db.session.scalar(select(User).where(User.email == f"{role}@demo.test"))
        assert user.role == role and user.check_password("demo-password")
    # the demo's bilingual profiles suggest glossary pairs ("nhận dạng chữ (OCR)")
    suggested = set(db.session.scalars(select(GlossaryCandidate.english).filter_by(status="pending")))
    assert {"ocr", "ai for vietnamese nlp"} <= suggested


def test_seed_demo_is_idempotent(db):
    first = seed_demo()
    counts = {m: db.session.scalar(select(func.count()).select_from(m)) for m in (User, Organization, Lab)}
    assert sum(first.values()) > 0
    assert sum(seed_demo().values()) == 0
    assert counts == {
        m: db.session.scalar(select(func.count()).select_from(m)) for m in (User, Organization, Lab)
    }


def test_seed_demo_names_the_real_ecosystem_in_intact_vietnamese(db):
    seed_demo()
    names = set(db.session.scalars(select(Organization.name)))
    assert any("Becamex" in n for n in names) and any("Eastern International" in n for n in names)
    vietnamese = [u.full_name for u in db.session.scalars(select(User)) if not u.full_name.isascii()]
    assert vietnamese and all(unicodedata.is_normalized("NFC", n) for n in vietnamese)
    assert db.session.scalar(select(Lab).where(Lab.area_m2 == 16000)) is not None


def test_seed_demo_refuses_to_run_in_production(app, db, monkeypatch):
    monkeypatch.setitem(app.config, "INCUBATOR_ENV", "production")
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code != 0 and "never seeded in production" in result.output
    assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_seed_demo_leaves_one_finished_run_with_suggestions_some_decided(app, db):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    run = db.session.scalar(select(MatchingRun))
    assert run.status == "done" and run.progress_done == run.progress_total > 0
    statuses = Counter(db.session.scalars(select(Suggestion.status).where(Suggestion.run_id == run.id)))
    assert statuses["pending"] > 0 and statuses["approved"] == 2 and statuses["rejected"] == 1
    rejected = select(Suggestion.reject_reason).where(
        Suggestion.run_id == run.id, Suggestion.status == "rejected"
    )
    assert db.session.scalar(rejected) == "not_relevant"  # a reason from the fixed list
    assert all(s.terms for s in db.session.scalars(select(Suggestion)))  # each with its reasons
    decided = select(func.count()).where(AuditEvent.action.like("suggestion.%"))
    assert db.session.scalar(decided) == 3


def test_seeding_the_demo_run_again_changes_nothing(app, db):
    runner = app.test_cli_runner()
    runner.invoke(args=["seed-demo"])
    counts = [db.session.scalar(select(func.count()).select_from(m)) for m in (MatchingRun, Suggestion)]
    again = runner.invoke(args=["seed-demo"])
    assert again.exit_code == 0 and "nothing new" in again.output
    assert counts == [
        db.session.scalar(select(func.count()).select_from(m)) for m in (MatchingRun, Suggestion)
    ]


def test_seed_demo_books_labs_and_runs_a_mentorship(db):
    from incubator.labs.models import Booking, OpeningHours
    from incubator.mentors.models import MentorSession, Mentorship

    seed_demo()
    statuses = set(db.session.scalars(select(Booking.status)))
    assert {"approved", "requested"} <= statuses
    assert db.session.scalar(select(func.count()).select_from(OpeningHours)) > 0
    assert db.session.scalar(select(Mentorship).where(Mentorship.status == "active")) is not None
    assert db.session.scalar(select(func.count()).select_from(MentorSession)) == 2
    assert sum(seed_demo().values()) == 0


def test_seed_demo_has_introductions_and_partnerships_in_several_states(db):
    from incubator.partnerships.models import Introduction, Partnership, PartnershipOutcome

    seed_demo()
    statuses = {i.status for i in db.session.scalars(select(Introduction))}
    assert statuses == {"pending", "accepted", "declined"}
    partnerships = set(db.session.scalars(select(Partnership.status)))
    assert partnerships == {"proposed", "active", "completed", "ended"}
    assert db.session.scalar(select(func.count()).select_from(PartnershipOutcome)) >= 3
    assert all(i.revealed_at for i in db.session.scalars(select(Introduction)) if i.status == "accepted")
