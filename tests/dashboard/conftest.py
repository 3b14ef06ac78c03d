"""A small ecosystem whose figures are counted by hand in the tests."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from incubator.labs.models import Booking
from incubator.labs.rules import to_utc
from incubator.matching.models import Suggestion
from incubator.partnerships.models import Introduction, Partnership, PartnershipOutcome
from incubator.review.models import Application, Program
from tests.factories import LabFactory, OpeningHoursFactory, OrganizationFactory, StartupFactory, UserFactory

DAY0 = datetime(2026, 10, 1, 8, 0)


def suggestion(db, n: int, status: str, reason: str = "") -> Suggestion:  # noqa: ANN001
    row = Suggestion(
        kind="challenge-capability", source_type="challenge", source_id=1, target_type="capability",
        target_id=n, score=0.5, terms=["x"], status=status, reject_reason=reason, created_at=DAY0,
    )  # fmt: skip
    db.session.add(row)
    db.session.flush()
    return row


@pytest.fixture
def ecosystem(db):  # noqa: ANN001, ANN201
    """3 startups, 2 applications counted (a draft and one to a pending organization's program are not),
    a lab open 45 h a week with 3 bookings (2 h approved on Monday 2 November);
    10 suggestions → 4 approved → 3 → 2 → 2 partnerships."""
    founder = UserFactory(role="founder")
    first = StartupFactory(owner=founder, stage="prototype", sector="manufacturing")
    third = StartupFactory(owner=founder, stage="prototype", sector="manufacturing")
    second = StartupFactory(owner=founder, stage="mvp", sector="food")
    school = OrganizationFactory(kind="university", name="Đại học Thủ Dầu Một")
    company = OrganizationFactory(kind="enterprise", name="Công ty Cơ khí Tân Uyên")
    program = Program(
        organization_id=school.id,
        name="Block71 Cohort",
        opens_on=date(2026, 9, 1),
        closes_on=date(2026, 12, 1),
    )
    db.session.add(program)
    db.session.flush()
    hidden = Program(
        organization_id=OrganizationFactory(status="pending", name="Vườn ươm chưa duyệt").id,
        name="Chương trình chưa công khai",
        opens_on=date(2026, 9, 1),
        closes_on=date(2026, 12, 1),
    )
    db.session.add(hidden)
    db.session.flush()
    for in_program, startup, status in (
        (program, first, "submitted"), (program, second, "accepted"), (program, third, "draft"),
        (hidden, first, "submitted"),
    ):  # fmt: skip
        db.session.add(
            Application(
                program_id=in_program.id, startup_id=startup.id, submitted_by_id=founder.id, status=status
            )
        )
    lab = LabFactory(organization=school, name="FabLab TDMU")
    for weekday in range(5):
        OpeningHoursFactory(lab=lab, weekday=weekday, opens_at=time(8), closes_at=time(17))
    for hour, status in ((8, "approved"), (10, "approved"), (12, "requested")):
        start = to_utc(datetime(2026, 11, 2, hour))  # local hours, stored in UTC
        db.session.add(
            Booking(
                lab_id=lab.id,
                requester_id=founder.id,
                starts_at=start,
                ends_at=start + timedelta(hours=1),
                people=lab.capacity,  # the whole lab: an hour booked
                status=status,
            )
        )
    approved = [suggestion(db, n, "approved") for n in range(4)]
    for n, reason in ((4, "too_early"), (5, "too_early"), (6, "other")):
        suggestion(db, n, "rejected", reason)
    for n in range(7, 10):
        suggestion(db, n, "pending")
    intros = [Introduction(suggestion_id=s.id, message="") for s in approved[:3]]
    db.session.add_all(intros)
    db.session.flush()
    for days, intro in ((10, intros[0]), (20, intros[1])):
        intro.source_response = intro.target_response = "accepted"
        intro.revealed_at = DAY0 + timedelta(days=days)
        partnership = Partnership(
            introduction_id=intro.id, title=f"P{days}", status="active" if days == 10 else "proposed",
            source_type="challenge", source_id=1, target_type="capability", target_id=days,
            source_organization_id=company.id, target_organization_id=school.id,
            created_at=DAY0 + timedelta(days=days),
        )  # fmt: skip
        db.session.add(partnership)
        db.session.flush()
        db.session.add(
            PartnershipOutcome(partnership_id=partnership.id, kind="mou", happened_on=date(2026, 11, 1))
        )
    db.session.commit()
    return {"school": school, "company": company, "lab": lab, "founder": founder, "program": program}
