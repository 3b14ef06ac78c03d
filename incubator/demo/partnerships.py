"""Demo introductions and partnerships in several states, and the decided suggestions behind them."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from incubator.database import utcnow
from incubator.demo import data
from incubator.extensions import db
from incubator.matching.models import Suggestion
from incubator.models import Capability, Challenge, Lab, Startup
from incubator.partnerships.models import Introduction, Partnership, PartnershipOutcome
from incubator.partnerships.parties import party

TITLE_FIELDS = {Challenge: "title", Capability: "title", Lab: "name", Startup: "name"}
MODELS = {"challenge": Challenge, "capability": Capability, "lab": Lab, "startup": Startup}


def profile_id(kind: str, title: str) -> int | None:
    """The id of the demo profile of `kind` called `title`."""
    model = MODELS[kind]
    return db.session.scalar(select(model.id).where(getattr(model, TITLE_FIELDS[model]) == title))


def seed_partnerships(seeder: object) -> None:
    """Decided suggestions, their introductions, and the partnerships and outcomes they became."""
    staff_id = seeder.user(data.DEMO_STAFF).id
    now = utcnow()
    for spec in data.REJECTED_SUGGESTIONS:
        suggestion(seeder, spec, "rejected", staff_id, now, reason=spec["reason"])
    for spec in data.INTRODUCTIONS:
        row = suggestion(seeder, spec, "approved", staff_id, now)
        if row is None:
            continue
        introduction = introduce(seeder, row, spec, staff_id)
        if spec.get("partnership"):
            partnership = partner(seeder, introduction, spec, row.created_at)
            for kind, days_ago, note in spec["outcomes"]:
                key = {"partnership_id": partnership.id, "kind": kind}
                seeder.ensure(
                    PartnershipOutcome, key, happened_on=(now - timedelta(days=days_ago)).date(), note=note
                )


def suggestion(
    seeder: object, spec: dict, status: str, staff_id: int, now: datetime, reason: str = ""
) -> object:
    """The decided suggestion of a spec (a pending one a run made meanwhile takes the decision)."""
    (source_type, source), (target_type, target) = spec["source"], spec["target"]
    source_id, target_id = profile_id(source_type, source), profile_id(target_type, target)
    if source_id is None or target_id is None:
        return None
    key = {
        "source_type": source_type,
        "source_id": source_id,
        "target_type": target_type,
        "target_id": target_id,
    }
    created = now - timedelta(days=spec["suggested_days_ago"])
    row = seeder.ensure(
        Suggestion, key, kind=f"{source_type}-{target_type}", score=spec["score"], terms=spec["terms"],
        status=status, reject_reason=reason, decided_by_id=staff_id, decided_at=created + timedelta(days=2),
        created_at=created,
    )  # fmt: skip
    if row.status == "pending":
        row.status, row.reject_reason, row.decided_by_id, row.decided_at = status, reason, staff_id, now
    return row


def introduce(seeder: object, row: Suggestion, spec: dict, staff_id: int) -> Introduction:
    """The introduction of an approved demo suggestion, answered as the spec says."""
    (source_answer, target_answer), reasons = spec["answers"], spec.get("reasons", ("", ""))
    created = row.created_at + timedelta(days=2)
    both = source_answer == target_answer == "accepted"
    return seeder.ensure(
        Introduction, {"suggestion_id": row.id}, introduced_by_id=staff_id, message=spec["note"],
        source_response=source_answer, target_response=target_answer,
        source_reason=reasons[0], target_reason=reasons[1], created_at=created,
        source_answered_at=created + timedelta(days=1) if source_answer != "pending" else None,
        target_answered_at=created + timedelta(days=3) if target_answer != "pending" else None,
        revealed_at=created + timedelta(days=3) if both else None,
    )  # fmt: skip


def partner(seeder: object, introduction: Introduction, spec: dict, suggested: datetime) -> Partnership:
    """The partnership a demo introduction became, in the spec's status."""
    s = introduction.suggestion
    source, target = party(s.source_type, s.source_id), party(s.target_type, s.target_id)
    created = suggested + timedelta(days=spec["partnership_after_days"])
    status = spec["partnership"]
    return seeder.ensure(
        Partnership, {"introduction_id": introduction.id}, title=f"{source.name} × {target.name}"[:200],
        status=status, source_type=s.source_type, source_id=s.source_id, target_type=s.target_type,
        target_id=s.target_id, created_at=created,
        source_organization_id=source.organization.id if source.organization else None,
        target_organization_id=target.organization.id if target.organization else None,
        started_on=created.date() if status != "proposed" else None,
        completed_on=(created + timedelta(days=60)).date() if status in ("completed", "ended") else None,
    )  # fmt: skip
