"""From an approved suggestion to a partnership, through the services: answers, reveal, status."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from incubator.audit.models import AuditEvent
from incubator.matching import decisions
from incubator.notifications.models import Notification
from incubator.partnerships import introductions, services
from incubator.partnerships.introductions import IntroductionRefused
from incubator.partnerships.models import Introduction, Partnership
from incubator.partnerships.services import PartnershipRefused
from tests.factories import UserFactory


def actions(db, action: str) -> list[AuditEvent]:  # noqa: ANN001
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def notified(db, user, kind: str) -> list[Notification]:  # noqa: ANN001
    query = select(Notification).where(Notification.user_id == user.id, Notification.kind == kind)
    return list(db.session.scalars(query))


def approve(db, pair, note: str = "Hai bên nên gặp nhau") -> Introduction:  # noqa: ANN001
    staff = UserFactory(role="staff")
    decisions.decide_suggestion(pair.suggestion.id, "approved", staff.id, note=note)
    return db.session.scalar(select(Introduction).where(Introduction.suggestion_id == pair.suggestion.id))


def test_approving_a_suggestion_introduces_both_sides_with_the_staff_note(db, pair):
    introduction = approve(db, pair)
    assert introduction is not None and introduction.message == "Hai bên nên gặp nhau"
    assert introduction.status == "pending" and introduction.revealed_at is None
    for user, other in (
        (pair.enterprise, "Phân tích rung động"),
        (pair.university, "Bảo trì dự đoán máy dập"),
    ):
        (notification,) = notified(db, user, "introduction.new")
        assert other in notification.message and "Hai bên nên gặp nhau" in notification.message
        assert notification.link == f"/introductions/{introduction.id}"
    assert actions(db, "suggestion.approved") and actions(db, "introduction.created")


def test_a_notification_is_written_in_the_recipients_language(db, pair):
    pair.university.language = "vi"
    db.session.commit()
    approve(db, pair)
    (english,) = notified(db, pair.enterprise, "introduction.new")
    (vietnamese,) = notified(db, pair.university, "introduction.new")
    assert english.message.startswith("Becamex staff introduce you to")
    assert not vietnamese.message.startswith("Becamex staff introduce you to")


def test_a_rejected_suggestion_introduces_nobody(db, pair):
    decisions.decide_suggestion(
        pair.suggestion.id, "rejected", UserFactory(role="staff").id, reason="too_early"
    )
    assert db.session.scalar(select(Introduction)) is None
    assert pair.suggestion.reject_reason == "too_early"


def test_two_acceptances_reveal_the_contacts_and_propose_a_partnership(db, pair):
    introduction = approve(db, pair)
    introductions.answer(introduction, pair.enterprise, "accepted")
    assert introduction.status == "pending" and introduction.revealed_at is None
    assert db.session.scalar(select(Partnership)) is None
    introductions.answer(introduction, pair.university, "accepted")
    assert introduction.status == "accepted" and introduction.revealed_at is not None
    (revealed,) = actions(db, "introduction.revealed")
    assert revealed.object_id == introduction.id
    partnership = db.session.scalar(select(Partnership))
    assert partnership.status == "proposed" and partnership.introduction_id == introduction.id
    assert {partnership.source_organization_id, partnership.target_organization_id} == {
        pair.challenge.organization_id,
        pair.capability.organization_id,
    }
    assert notified(db, pair.enterprise, "introduction.accepted")


def test_a_side_answers_once_and_a_declined_introduction_takes_no_more_answers(db, pair):
    introduction = approve(db, pair)
    introductions.answer(introduction, pair.enterprise, "declined", "Chúng tôi đã có đối tác")
    with pytest.raises(IntroductionRefused):
        introductions.answer(introduction, pair.enterprise, "accepted")
    with pytest.raises(IntroductionRefused):
        introductions.answer(introduction, pair.university, "accepted")
    assert introduction.status == "declined" and introduction.source_reason == "Chúng tôi đã có đối tác"
    assert notified(db, pair.university, "introduction.declined")
    assert db.session.scalar(select(Partnership)) is None


def test_someone_outside_both_sides_cannot_answer(db, pair):
    introduction = approve(db, pair)
    with pytest.raises(IntroductionRefused):
        introductions.answer(introduction, UserFactory(role="enterprise"), "accepted")
    assert introduction.status == "pending"


def accepted_partnership(db, pair) -> Partnership:  # noqa: ANN001
    introduction = approve(db, pair)
    introductions.answer(introduction, pair.enterprise, "accepted")
    introductions.answer(introduction, pair.university, "accepted")
    return db.session.scalar(select(Partnership))


def test_a_partnership_goes_from_proposed_to_active_to_completed_with_outcomes(db, pair):
    partnership = accepted_partnership(db, pair)
    services.set_status(partnership, "active", pair.enterprise)
    services.add_outcome(partnership, pair.university, "mou", date(2026, 11, 20), "Ký MoU tại WTC")
    services.set_status(partnership, "completed", UserFactory(role="staff"))
    assert partnership.status == "completed" and partnership.started_on and partnership.completed_on
    assert [o.kind for o in partnership.outcomes] == ["mou"]
    assert len(actions(db, "partnership.status")) == 2 and actions(db, "partnership.outcome")


def test_a_partnership_refuses_a_skipped_step_and_an_outsider(db, pair):
    partnership = accepted_partnership(db, pair)
    with pytest.raises(PartnershipRefused):
        services.set_status(partnership, "completed", pair.enterprise)
    outsider = UserFactory(role="university")
    with pytest.raises(PartnershipRefused):
        services.set_status(partnership, "active", outsider)
    with pytest.raises(PartnershipRefused):
        services.add_outcome(partnership, outsider, "patent", date(2026, 11, 1))
    services.set_status(partnership, "ended", pair.enterprise)
    with pytest.raises(PartnershipRefused):
        services.set_status(partnership, "active", pair.enterprise)
    assert partnership.status == "ended" and partnership.outcomes == []


def test_a_party_corrects_an_outcome_and_staff_delete_one_each_audited(db, pair):
    partnership = accepted_partnership(db, pair)
    mou = services.add_outcome(partnership, pair.enterprise, "mou", date(2026, 11, 20), "Ký MoU")
    pilot = services.add_outcome(partnership, pair.university, "pilot", date(2026, 12, 1))
    services.edit_outcome(mou, pair.university, "contract", date(2026, 11, 21), "Ký hợp đồng")
    assert (mou.kind, mou.happened_on, mou.note) == ("contract", date(2026, 11, 21), "Ký hợp đồng")
    (edited,) = actions(db, "partnership.outcome_edited")
    assert edited.actor_id == pair.university.id and edited.object_id == partnership.id
    assert edited.detail["outcome_id"] == mou.id and set(edited.detail["changed"]) == {
        "kind",
        "happened_on",
        "note",
    }
    services.delete_outcome(pilot, UserFactory(role="staff"))
    assert [o.kind for o in partnership.outcomes] == ["contract"]
    (deleted,) = actions(db, "partnership.outcome_deleted")
    assert deleted.detail == {"outcome_id": pilot.id, "kind": "pilot", "happened_on": "2026-12-01"}


def test_an_outsider_cannot_edit_or_delete_an_outcome_nor_anyone_set_an_unknown_kind(db, pair):
    partnership = accepted_partnership(db, pair)
    outcome = services.add_outcome(partnership, pair.enterprise, "mou", date(2026, 11, 20), "Ký MoU")
    for outsider in (UserFactory(role="university"), UserFactory(role="government")):
        with pytest.raises(PartnershipRefused):
            services.edit_outcome(outcome, outsider, "patent", date(2026, 11, 1))
        with pytest.raises(PartnershipRefused):
            services.delete_outcome(outcome, outsider)
    with pytest.raises(PartnershipRefused):
        services.edit_outcome(outcome, pair.enterprise, "award", date(2026, 11, 1))
    db.session.refresh(outcome)
    assert (outcome.kind, outcome.happened_on, outcome.note) == ("mou", date(2026, 11, 20), "Ký MoU")
    assert not actions(db, "partnership.outcome_edited") and not actions(db, "partnership.outcome_deleted")


def test_each_organization_lists_its_partnerships(db, pair):
    partnership = accepted_partnership(db, pair)
    assert services.of_organization(pair.challenge.organization_id) == [partnership]
    assert services.of_organization(pair.capability.organization_id) == [partnership]
    assert services.list_partnerships(pair.enterprise).items == [partnership]
    assert services.list_partnerships(UserFactory(role="enterprise")).items == []


def test_both_sides_accepting_at_once_reveal_once_and_make_one_partnership(app, db, pair):
    import threading

    from incubator.accounts.models import User
    from incubator.extensions import db as _db

    introduction_id = approve(db, pair).id
    barrier, errors = threading.Barrier(2), []

    def accept(user_id: int) -> None:
        with app.app_context():
            try:
                user, found = _db.session.get(User, user_id), _db.session.get(Introduction, introduction_id)
                barrier.wait(timeout=10)
                introductions.answer(found, user, "accepted")
            except Exception as error:  # reported below
                errors.append(error)
            finally:
                _db.session.remove()

    threads = [threading.Thread(target=accept, args=(u.id,)) for u in (pair.enterprise, pair.university)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    db.session.expire_all()
    assert db.session.get(Introduction, introduction_id).revealed_at is not None
    assert len(db.session.scalars(select(Partnership)).all()) == 1
    assert len(actions(db, "introduction.revealed")) == 1
