"""Reviewer assignment: load balancing, conflicts of interest refused, a conflict frees the slot."""

import pytest
from sqlalchemy import select

from incubator.audit.models import AuditEvent
from incubator.review import assignments
from incubator.review.errors import ConflictOfInterest, NotAssigned, TransitionRefused
from tests.factories import MembershipFactory, OrganizationFactory, ProgramFactory
from tests.review.conftest import score


def test_assigning_a_reviewer_puts_the_application_under_review(db, submitted, staff):
    application = submitted()
    first, second = staff(2)
    assert assignments.assign_reviewers(application, [first, second], first.id) == 2
    assert application.status == "under_review"
    assert {u.id for u in assignments.assigned_reviewers(application)} == {first.id, second.id}
    actions = list(
        db.session.scalars(select(AuditEvent.action).where(AuditEvent.object_id == application.id))
    )
    assert actions.count("review.assigned") == 2 and "application.under_review" in actions


def test_assign_automatically_balances_the_load(db, submitted, staff):
    program = ProgramFactory()
    pool = staff(3)
    for _ in range(3):
        assignments.assign_automatically(submitted(program=program), pool, pool[0].id)
    load = assignments.load(program.id)
    assert sorted(load.values()) == [2, 2, 2]  # 3 applications × 2 reviews over 3 reviewers


def test_a_reviewer_of_the_startups_organization_cannot_be_assigned(db, submitted, staff):
    application = submitted()
    reviewer, other = staff(2)
    spin_off = OrganizationFactory(kind="university")
    MembershipFactory(user=application.startup.owner, organization=spin_off)
    MembershipFactory(user=reviewer, organization=spin_off)
    with pytest.raises(ConflictOfInterest):
        assignments.assign_reviewers(application, [reviewer], other.id)
    assert assignments.assigned_reviewers(application) == []


def test_assign_automatically_skips_conflicts_and_refuses_when_too_few_remain(db, submitted, staff):
    application = submitted()
    reviewer, other = staff(2)
    org = OrganizationFactory(kind="university")
    MembershipFactory(user=application.startup.owner, organization=org)
    MembershipFactory(user=reviewer, organization=org)
    with pytest.raises(TransitionRefused):
        assignments.assign_automatically(application, [reviewer, other], other.id)
    third = staff(1)[0]
    assignments.assign_automatically(application, [reviewer, other, third], other.id)
    assert {u.id for u in assignments.assigned_reviewers(application)} == {other.id, third.id}


def test_a_declared_conflict_frees_the_assignment_and_blocks_reassignment(db, submitted, staff):
    application = submitted()
    first, second, third = staff(3)
    assignments.assign_reviewers(application, [first, second], first.id)
    assignments.declare_conflict(application, first, "Tôi là cố vấn của nhóm này")
    assert {u.id for u in assignments.assigned_reviewers(application)} == {second.id}
    with pytest.raises(ConflictOfInterest):
        assignments.assign_reviewers(application, [first], second.id)
    assignments.assign_reviewers(application, [third], second.id)
    assert db.session.scalar(select(AuditEvent).filter_by(action="review.conflict_declared")) is not None


def test_a_reviewer_with_a_conflict_cannot_score(db, submitted, staff):
    application = submitted()
    first, second = staff(2)
    assignments.assign_reviewers(application, [first, second], first.id)
    org = OrganizationFactory(kind="enterprise")
    MembershipFactory(user=application.startup.owner, organization=org)
    MembershipFactory(user=first, organization=org)  # joined after being assigned
    with pytest.raises(ConflictOfInterest):
        score(application, first, 3, 3)


def test_scores_before_assignment_are_refused(db, submitted, staff):
    application = submitted()
    with pytest.raises(NotAssigned):
        score(application, staff(1)[0], 3, 3)


def test_a_reviewer_cannot_be_assigned_twice_or_to_a_draft(db, submitted, staff):
    application = submitted()
    first = staff(1)[0]
    assignments.assign_reviewers(application, [first], first.id)
    with pytest.raises(TransitionRefused):
        assignments.assign_reviewers(application, [first], first.id)
