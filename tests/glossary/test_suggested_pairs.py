"""Suggested glossary pairs: mined from the records, decided once by staff, and used by the next run."""

from sqlalchemy import select

from incubator.audit.models import AuditEvent
from incubator.glossary import candidates, services
from incubator.glossary.models import GlossaryCandidate, GlossaryTerm
from incubator.matching import fitted
from tests.factories import CapabilityFactory, ChallengeFactory, LabFactory, ProgramFactory
from tests.glossary.test_glossary_pages import deionization_pair


def pending(db) -> list[tuple[str, str]]:  # noqa: ANN001
    query = select(GlossaryCandidate.english, GlossaryCandidate.vietnamese).filter_by(status="pending")
    return sorted(tuple(row) for row in db.session.execute(query.order_by(GlossaryCandidate.id)))


def candidate(db, english: str) -> GlossaryCandidate:  # noqa: ANN001
    return db.session.scalar(select(GlossaryCandidate).filter_by(english=english))


def test_mining_skips_glossary_pairs_never_brings_back_a_rejected_one_and_drops_stale_ones(db):
    CapabilityFactory(
        title="Thị giác máy tính (Computer vision)", description="Buồng thử ẩm – humidity chamber"
    )
    lab = LabFactory(description="Thiết bị: máy đo cấu trúc (texture analyser); đóng gói (packaging)")
    services.add_term("packaging", "đóng gói", "other", None)  # a staff pair: not suggested
    assert candidates.mine_candidates(db.session)["added"] == 2  # computer vision is a shipped pair
    assert pending(db) == [("humidity chamber", "buồng thử ẩm"), ("texture analyser", "máy đo cấu trúc")]
    candidates.reject_candidate(candidate(db, "humidity chamber").id, None)
    lab.description = "Không còn thiết bị song ngữ."
    db.session.commit()
    assert candidates.mine_candidates(db.session) == {"added": 0, "refreshed": 0, "dropped": 1}
    assert pending(db) == []
    assert candidate(db, "humidity chamber").status == "rejected"


def test_staff_see_the_suggestions_and_others_may_not(client, login_as, db):
    ChallengeFactory(description="Cần máy đo cấu trúc (texture analyser) cho bánh")
    ChallengeFactory(description="Confidential", confidential_details="Máy ép viên (pellet press)")
    candidates.mine_candidates(db.session)
    login_as("staff")
    body = client.get("/admin/glossary/").get_data(as_text=True)
    assert body.count('data-testid="glossary-candidate"') == 1
    assert "texture analyser" in body and "Cần máy đo cấu trúc (texture analyser) cho bánh" in body
    assert "pellet" not in body  # a challenge's confidential details are never mined
    client.post("/logout")
    login_as("enterprise")
    identifier = candidate(db, "texture analyser").id
    assert client.get("/admin/glossary/").status_code == 403
    assert client.post(f"/admin/glossary/suggested/{identifier}/reject").status_code in (400, 403)
    assert candidate(db, "texture analyser").status == "pending"


def test_a_decision_is_taken_once(client, login_as, post_form, db):
    ProgramFactory(
        description="Thử nghiệm: buồng sơn tĩnh điện (powder coating booth), buồng thử ẩm (humidity chamber)"
    )
    candidates.mine_candidates(db.session)
    login_as("staff")
    booth, chamber = candidate(db, "powder coating booth").id, candidate(db, "humidity chamber").id
    assert (
        post_form(f"/admin/glossary/suggested/{chamber}/reject", {}, form_url="/admin/glossary/").status_code
        == 302
    )
    assert (
        client.get("/admin/glossary/").get_data(as_text=True).count('data-testid="glossary-candidate"') == 1
    )
    again = post_form(f"/admin/glossary/suggested/{chamber}/reject", {}, form_url="/admin/glossary/")
    assert "already accepted or rejected" in client.get(again.location).get_data(as_text=True)
    data = {"english": "Powder coating booth", "vietnamese": "buồng sơn tĩnh điện", "domain": "manufacturing"}
    url = f"/admin/glossary/suggested/{booth}/accept"
    assert post_form(url, data, form_url="/admin/glossary/", prefix=f"candidate-{booth}").status_code == 302
    second = post_form(url, data, form_url="/admin/glossary/", prefix=f"candidate-{booth}")
    assert "already accepted or rejected" in client.get(second.location).get_data(as_text=True)
    assert db.session.execute(select(GlossaryTerm.english, GlossaryTerm.domain)).all() == [
        ("powder coating booth", "manufacturing")
    ]
    actions = set(db.session.scalars(select(AuditEvent.action)))
    assert {"glossary.candidate_rejected", "glossary.candidate_accepted", "glossary.term_added"} <= actions
    gone = post_form("/admin/glossary/suggested/999999/reject", {}, form_url="/admin/glossary/")
    assert gone.status_code == 404


def test_an_accepted_pair_is_edited_first_and_used_by_the_next_run(client, login_as, post_form, db):
    fitted.forget()
    suggested = deionization_pair(db)
    ProgramFactory(description="Chủ đề: khử ion điện dung (capacitive deionisation)")

    candidates.mine_candidates(db.session)
    assert pending(db) == [("capacitive deionisation", "khử ion điện dung")]
    assert suggested() == []  # a suggestion is not a glossary pair yet
    login_as("staff")
    found = candidate(db, "capacitive deionisation").id
    data = {"english": "Capacitive deionization", "vietnamese": "khử ion điện dung", "domain": "environment"}
    url = f"/admin/glossary/suggested/{found}/accept"
    assert post_form(url, data, form_url="/admin/glossary/", prefix=f"candidate-{found}").status_code == 302
    assert candidate(db, "capacitive deionisation").status == "accepted"
    assert len(suggested()) == 1
    candidates.mine_candidates(db.session)
    assert pending(db) == []  # the accepted candidate is not suggested again
    fitted.forget()


def test_the_beat_mines_hourly_and_the_command_mines_now(app, db):
    from incubator.glossary.tasks import mine

    celery = app.config["CELERY"]
    assert celery["beat_schedule"]["glossary-mine"] == {"task": mine.name, "schedule": 3600.0}
    assert "incubator.glossary.tasks" in celery["include"]
    CapabilityFactory(description="Dịch vụ: buồng thử ẩm (humidity chamber)")
    result = app.test_cli_runner().invoke(args=["glossary", "mine"])
    assert result.exit_code == 0 and "Suggested 1 new pair(s)" in result.output
    assert "Suggested 0 new pair(s)" in app.test_cli_runner().invoke(args=["glossary", "mine"]).output
