"""Staff review of suggestions: best first, filtered, side by side, reasons, bulk, audit."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from incubator.audit.models import AuditEvent
from incubator.matching.decisions import RejectReasonRefused, decide_suggestion
from incubator.matching.highlight import highlight
from incubator.matching.models import Suggestion
from incubator.partnerships.models import Introduction
from tests.conftest import submit
from tests.partnerships.conftest import SECRET, make_pair


def test_highlights_find_terms_with_or_without_diacritics_and_escape_the_text():
    marked = highlight("<b>Công nghệ</b> sấy & CONG-NGHE", ["cong nghe"])
    assert str(marked) == "&lt;b&gt;<mark>Công nghệ</mark>&lt;/b&gt; sấy &amp; <mark>CONG-NGHE</mark>"
    assert str(highlight("phong thi nghiem", ["phòng thí nghiệm"])) == "<mark>phong thi nghiem</mark>"
    assert str(highlight("congnghe", ["cong"])) == "congnghe"  # whole words only


def test_the_side_by_side_view_highlights_the_terms_in_both_profiles(client, login_as, db):
    login_as("staff")
    pair = make_pair(db)
    pair.challenge.description = "Cần phân tích rung động <script>x</script> cho máy dập"
    pair.capability.description = "Nhom chung toi phan tich rung dong va hinh anh"
    db.session.commit()
    page = client.get(f"/matching/suggestions/{pair.suggestion.id}").get_data(as_text=True)
    assert "<mark>rung động</mark>" in page and "<mark>rung dong</mark>" in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "<script>x" not in page
    assert SECRET not in page
    # staff read a strength, not a raw score such as "0.80"
    assert 'data-testid="strength"' in page and f"{pair.suggestion.score:.2f}<" not in page


def test_the_queue_is_best_first_and_filtered_by_organization_score_sector_and_run(client, login_as, db):
    login_as("staff")
    low, high = make_pair(db, 0.3), make_pair(db, 0.9)
    high.challenge.sector = "Cơ khí chính xác"
    db.session.commit()
    body = client.get("/matching/suggestions").get_data(as_text=True)
    assert body.index('data-score="0.9"') < body.index('data-score="0.3"')

    def total(query: str) -> int:
        page = client.get(f"/matching/suggestions?{query}").get_data(as_text=True)
        return page.count('data-testid="suggestion"')

    assert total(f"organization={low.capability.organization_id}") == 1
    assert total("min_score=0.5") == 1
    assert total("sector=chính xác") == 1
    assert total("run=99") == 0
    assert total("min_score=abc") == 2  # invalid filters fall back to the defaults


def test_a_rejection_needs_a_reason_from_the_list_and_other_needs_a_note(client, login_as, db):
    login_as("staff")
    pair = make_pair(db)
    url = f"/matching/suggestions/{pair.suggestion.id}"
    submit(client, f"{url}/decision", {"decision": "rejected"}, form_url=url)
    submit(client, f"{url}/decision", {"decision": "rejected", "reason": "other"}, form_url=url)
    db.session.refresh(pair.suggestion)
    assert pair.suggestion.status == "pending"
    submit(
        client, f"{url}/decision", {"decision": "rejected", "reason": "conflict_of_interest"}, form_url=url
    )
    db.session.refresh(pair.suggestion)
    assert pair.suggestion.status == "rejected" and pair.suggestion.reject_reason == "conflict_of_interest"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "suggestion.rejected"))
    assert event.detail["reason"] == "conflict_of_interest"


@pytest.mark.parametrize("reason", ["", "because", "Not relevant"])
def test_the_service_refuses_a_rejection_whose_reason_is_not_in_the_list(db, reason):
    pair = make_pair(db)
    with pytest.raises(RejectReasonRefused, match="reason from the list"):
        decide_suggestion(pair.suggestion.id, "rejected", None, reason=reason)
    db.session.refresh(pair.suggestion)
    assert pair.suggestion.status == "pending" and pair.suggestion.reject_reason == ""
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "suggestion.rejected")) is None
    decide_suggestion(pair.suggestion.id, "rejected", None, reason="no_capacity")
    assert pair.suggestion.status == "rejected" and pair.suggestion.reject_reason == "no_capacity"


def test_bulk_approval_introduces_each_selected_pair_and_bulk_rejection_records_the_reason(
    client, login_as, db
):
    login_as("staff")
    first, second, third = make_pair(db, 0.9), make_pair(db, 0.8), make_pair(db, 0.7)
    ids = [first.suggestion.id, second.suggestion.id]
    data = {"decision": "approved", "ids": ids, "note": "Cùng ngành"}
    submit(client, "/matching/suggestions/bulk", data, form_url="/matching/suggestions")
    assert len(db.session.scalars(select(Introduction)).all()) == 2
    data = {"decision": "rejected", "ids": [third.suggestion.id, first.suggestion.id], "reason": "too_early"}
    submit(client, "/matching/suggestions/bulk", data, form_url="/matching/suggestions")
    statuses = dict(db.session.execute(select(Suggestion.id, Suggestion.status)).all())
    assert statuses == {
        first.suggestion.id: "approved",
        second.suggestion.id: "approved",
        third.suggestion.id: "rejected",
    }
    audited = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.action.like("suggestion.%"))
    ).all()
    assert sorted(audited) == ["suggestion.approved", "suggestion.approved", "suggestion.rejected"]


def test_a_rejected_pair_is_never_suggested_again_by_a_new_match(db):
    from incubator.matching.decisions import decide_suggestion
    from incubator.matching.incremental import match_profile

    pair = make_pair(db)
    pair.challenge.description = "Phân tích rung động cho máy dập, bảo trì dự đoán"
    pair.capability.description = "Phân tích rung động và bảo trì dự đoán cho máy dập"
    db.session.commit()
    db.session.delete(pair.suggestion)
    db.session.commit()
    match_profile(f"challenge:{pair.challenge.id}")
    found = db.session.scalar(select(Suggestion).where(Suggestion.target_type == "capability"))
    assert found is not None
    decide_suggestion(found.id, "rejected", None, reason="not_relevant")
    match_profile(f"challenge:{pair.challenge.id}")
    match_profile(f"capability:{pair.capability.id}")
    pairs = db.session.scalars(select(Suggestion).where(Suggestion.target_type == "capability")).all()
    assert [(s.id, s.status) for s in pairs] == [(found.id, "rejected")]
