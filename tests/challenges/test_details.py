"""Challenge details (outcome, budget, confidential part) and capability details (team, labs, TRL 1–9)."""

import pytest
import sqlalchemy as sa
from sqlalchemy import select

from incubator.challenges.models import Capability, Challenge
from tests.factories import CapabilityFactory, LabFactory, MembershipFactory, OrganizationFactory


def member_of(login_as, role: str, kind: str):  # noqa: ANN001, ANN201
    user = login_as(role)
    organization = OrganizationFactory(kind=kind)
    MembershipFactory(user=user, organization=organization)
    return organization


def test_a_challenge_keeps_its_outcome_budget_and_confidential_details(login_as, post_form, db):
    member_of(login_as, "enterprise", "enterprise")
    data = {
        "title": "Giảm phế phẩm", "description": "Tóm tắt công khai", "sector": "cơ khí", "status": "open",
        "desired_outcome": "Giảm 30% phế phẩm", "budget_range": "500m_2b", "confidential_details": "Bí mật",
    }  # fmt: skip
    assert post_form("/challenges/new", data).status_code == 302
    challenge = db.session.scalar(select(Challenge))
    assert (challenge.desired_outcome, challenge.budget_range, challenge.confidential_details) == (
        "Giảm 30% phế phẩm", "500m_2b", "Bí mật"
    )  # fmt: skip
    refused = post_form("/challenges/new", {**data, "title": "Khác", "budget_range": "a lot"})
    assert refused.status_code == 200 and db.session.scalar(select(sa.func.count(Challenge.id))) == 1


def test_a_capability_names_its_team_related_labs_of_its_university_and_a_trl(login_as, post_form, db):
    organization = member_of(login_as, "university", "university")
    own, foreign = LabFactory(organization=organization, name="Lab 4.0"), LabFactory(name="Other lab")
    data = {"title": "Rung động", "description": "Phân tích rung động", "keywords": "rung",
            "team": "3 giảng viên", "trl": "6", "related_labs": [own.id, foreign.id]}  # fmt: skip
    post_form("/capabilities/new", data)
    capability = db.session.scalar(select(Capability))
    assert capability is None  # a lab of another university is not a choice
    post_form("/capabilities/new", {**data, "related_labs": [own.id]})
    capability = db.session.scalar(select(Capability))
    assert (capability.team, capability.trl, [lab.name for lab in capability.labs]) == (
        "3 giảng viên",
        6,
        ["Lab 4.0"],
    )
    post_form(f"/capabilities/{capability.id}/edit", {**data, "related_labs": [], "trl": ""})
    db.session.refresh(capability)
    assert capability.trl is None and capability.labs == []


@pytest.mark.parametrize("trl", [0, 10])
def test_the_database_refuses_a_trl_outside_1_to_9(db, trl):
    with pytest.raises(sa.exc.IntegrityError):
        CapabilityFactory(trl=trl)
    db.session.rollback()
