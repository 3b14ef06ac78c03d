"""An enterprise challenge and a university capability, suggested to each other."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from incubator.accounts.models import User
from incubator.challenges.models import Capability, Challenge
from incubator.matching.models import Suggestion
from tests.factories import (
    CapabilityFactory,
    ChallengeFactory,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
)

SECRET = "Dây chuyền dập số 3 mất 12% sản lượng — bí mật"


@dataclass
class Pair:
    """The people and profiles on both sides of one suggestion."""

    enterprise: User
    university: User
    challenge: Challenge
    capability: Capability
    suggestion: Suggestion


def make_pair(db, score: float = 0.8) -> Pair:  # noqa: ANN001
    """Two organizations with one member each, a challenge, a capability and their pending suggestion."""
    company = OrganizationFactory(
        kind="enterprise", name=f"Công ty Cơ khí {score}", website="https://cokhi.test"
    )
    school = OrganizationFactory(kind="university", name=f"Đại học Quốc tế {score}")
    enterprise = UserFactory(role="enterprise", full_name="Trần Thị Doanh", email=f"doanh{score}@cokhi.test")
    university = UserFactory(role="university", full_name="Lê Văn Giảng", email=f"giang{score}@dh.test")
    MembershipFactory(user=enterprise, organization=company)
    MembershipFactory(user=university, organization=school)
    challenge = ChallengeFactory(
        organization=company, author=enterprise, title="Bảo trì dự đoán máy dập", confidential_details=SECRET
    )
    capability = CapabilityFactory(organization=school, owner=university, title="Phân tích rung động")
    suggestion = Suggestion(
        kind="challenge-capability", source_type="challenge", source_id=challenge.id,
        target_type="capability", target_id=capability.id, score=score, terms=["rung động"],
    )  # fmt: skip
    db.session.add(suggestion)
    db.session.commit()
    return Pair(enterprise, university, challenge, capability, suggestion)


@pytest.fixture
def pair(db) -> Pair:  # noqa: ANN001
    return make_pair(db)
