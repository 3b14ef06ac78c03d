"""The ecosystem's figures, aggregate only: startups, applications, labs, the matching funnel."""

from __future__ import annotations

from datetime import date, timedelta
from statistics import median

from sqlalchemy import func, select

from incubator.extensions import db
from incubator.labs.calendar import Schedule, monday_of, public_labs
from incubator.labs.models import BOOKING_STATUSES, Booking, Lab
from incubator.labs.visibility import visible_labs
from incubator.localtime import today_local
from incubator.matching.models import REJECT_REASONS, Suggestion
from incubator.organizations.models import Organization
from incubator.organizations.visibility import visible_through
from incubator.partnerships.models import (
    OUTCOME_KINDS,
    PARTNERSHIP_STATUSES,
    Introduction,
    Partnership,
    PartnershipOutcome,
)
from incubator.review.models import APPLICATION_STATUSES, Application, Program
from incubator.startups.models import STAGES, Startup

PUBLISHED_APPLICATION_STATUSES = tuple(s for s in APPLICATION_STATUSES if s != "draft")  # as the staff queue
FUNNEL_STEPS = ("suggested", "approved", "introduced", "both_accepted", "partnerships")
UTILISATION_WEEKS = 4  # the two weeks before this one, this week and the next (bookings are made ahead)


def counts_by(column: object, *conditions: object) -> dict[str, int]:
    """Row counts grouped by `column` (of the rows passing `conditions`)."""
    query = select(column, func.count()).where(*conditions).group_by(column)
    return {key: n for key, n in db.session.execute(query).all()}


def startups_by_stage() -> list[dict]:
    """Startups per stage, every stage listed."""
    counts = counts_by(Startup.stage)
    return [{"stage": stage, "startups": counts.get(stage, 0)} for stage in STAGES]


def startups_by_sector() -> list[dict]:
    """Startups per sector, most first (a startup without a sector counts under "")."""
    counts = counts_by(Startup.sector)
    return [{"sector": s, "startups": n} for s, n in sorted(counts.items(), key=lambda i: (-i[1], i[0]))]


def applications_by_program() -> list[dict]:
    """Applications per program (of a public organization) and status, drafts left out: the funnel."""
    query = (
        select(Program.id, Program.name, Application.status, func.count())
        .join(Program, Program.id == Application.program_id)
        .where(Application.status != "draft", visible_through(Program.organization_id))
        .group_by(Program.id, Program.name, Application.status)
    )
    counts, programs = {}, {}
    for program_id, name, status, n in db.session.execute(query).all():
        counts[(program_id, status)], programs[program_id] = n, name
    return [
        {"program_id": pid, "program": name, "status": status, "applications": counts.get((pid, status), 0)}
        for pid, name in sorted(programs.items(), key=lambda item: (item[1], item[0]))
        for status in PUBLISHED_APPLICATION_STATUSES
    ]


def lab_bookings() -> list[dict]:
    """Booking requests per public lab and status (plain counts; `lab_utilisation` measures the hours)."""
    query = (
        select(Lab.id, Lab.name, Organization.id, Organization.name, Booking.status, func.count(Booking.id))
        .join(Organization, Organization.id == Lab.organization_id)
        .outerjoin(Booking, Booking.lab_id == Lab.id)
        .where(visible_labs())
        .group_by(Lab.id, Lab.name, Organization.id, Organization.name, Booking.status)
    )
    labs: dict[int, dict] = {}
    for lab_id, lab, organization_id, organization, status, n in db.session.execute(query).all():
        named = {
            "lab_id": lab_id,
            "lab": lab,
            "organization_id": organization_id,
            "organization": organization,
        }
        row = labs.setdefault(lab_id, {**named, **dict.fromkeys(BOOKING_STATUSES, 0)})
        if status:
            row[status] = n
    return sorted(labs.values(), key=lambda r: (-r["approved"], r["lab"]))


def utilisation_weeks(today: date, weeks: int) -> list[date]:
    """The Mondays of the `weeks` weeks ending with next week, oldest first."""
    last = monday_of(today) + timedelta(weeks=1)
    return [last - timedelta(weeks=n) for n in reversed(range(weeks))]


def lab_utilisation(today: date | None = None, weeks: int = UTILISATION_WEEKS) -> list[dict]:
    """Booked / open hours per lab over `weeks` weeks (approved bookings in opening hours), busiest first.

    Booked hours are seat-hours taken over the lab's capacity (machines' bookings are not seats). Five
    queries whatever the number of labs and weeks: the labs, then their capacities, opening hours, closed
    dates and approved bookings over the whole span (`Schedule`); the hours are cut and summed here, the
    same way on SQLite and PostgreSQL."""
    mondays = utilisation_weeks(today or today_local(), weeks)
    labs = public_labs()
    schedule = Schedule([lab.id for lab in labs], mondays[0], 7 * weeks)
    first, last = mondays[0], mondays[-1] + timedelta(days=6)
    rows = []
    for lab in labs:
        uses = [schedule.week_use(lab.id, monday) for monday in mondays]
        opened, booked = sum(u.open_hours for u in uses), sum(u.booked_hours for u in uses)
        rows.append(
            {
                "lab_id": lab.id,
                "lab": lab.name,
                "organization_id": lab.organization_id,
                "organization": lab.organization.name,
                "first_day": first.isoformat(),
                "last_day": last.isoformat(),
                "open_hours": round(float(opened), 1),
                "booked_hours": round(float(booked), 1),
                "utilisation_percent": rate(booked, opened),  # empty for a lab that never opened
            }
        )
    return sorted(
        rows, key=lambda r: (r["utilisation_percent"] is None, -(r["utilisation_percent"] or 0), r["lab"])
    )


def rate(part: float, whole: float) -> float | None:
    """`part` as a percentage of `whole`, one decimal; None when `whole` is 0."""
    return round(100 * part / whole, 1) if whole else None


def matching_funnel() -> list[dict]:
    """Suggested → approved → introduced → accepted by both → partnerships, with step conversion rates."""
    steps = (
        select(func.count(Suggestion.id)),
        select(func.count(Suggestion.id)).where(Suggestion.status == "approved"),
        select(func.count(Introduction.id)),
        select(func.count(Introduction.id)).where(Introduction.revealed_at.is_not(None)),
        select(func.count(Partnership.id)),
    )
    counts = list(db.session.execute(select(*(step.scalar_subquery() for step in steps))).one())  # one query
    return [
        {"step": step, "count": n, "conversion_percent": rate(n, counts[i - 1]) if i else None}
        for i, (step, n) in enumerate(zip(FUNNEL_STEPS, counts, strict=True))
    ]


def days_to_partnership() -> list[float]:
    """Days from each partnership's suggestion to the partnership."""
    query = (
        select(Suggestion.created_at, Partnership.created_at)
        .join(Introduction, Introduction.suggestion_id == Suggestion.id)
        .join(Partnership, Partnership.introduction_id == Introduction.id)
    )
    return [(made - suggested).total_seconds() / 86400 for suggested, made in db.session.execute(query).all()]


def partnership_timing() -> list[dict]:
    """The median days from suggestion to partnership, and over how many partnerships."""
    days = days_to_partnership()
    return [{"partnerships": len(days), "median_days": round(median(days), 1) if days else None}]


def rejection_reasons() -> list[dict]:
    """Rejected suggestions per reason (decisions recorded before reasons existed count under "")."""
    counts = counts_by(Suggestion.reject_reason, Suggestion.status == "rejected")
    reasons = list(REJECT_REASONS) + ([""] if counts.get("") else [])
    return [{"reason": reason, "suggestions": counts.get(reason, 0)} for reason in reasons]


def partnerships_by_status() -> list[dict]:
    """Partnerships per status."""
    counts = counts_by(Partnership.status)
    return [{"status": status, "partnerships": counts.get(status, 0)} for status in PARTNERSHIP_STATUSES]


def outcomes_by_kind() -> list[dict]:
    """Partnership outcomes per kind (MoU, joint project, pilot, contract, patent)."""
    counts = counts_by(PartnershipOutcome.kind)
    return [{"kind": kind, "outcomes": counts.get(kind, 0)} for kind in OUTCOME_KINDS]
