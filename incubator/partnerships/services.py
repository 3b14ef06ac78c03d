"""Partnerships: proposed when both sides accept, then active, completed or ended, with their outcomes."""

from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError

from incubator.accounts.models import User
from incubator.audit.services import changed_fields, record
from incubator.database import lock_for_writing
from incubator.errors import N_, DomainError
from incubator.extensions import db
from incubator.localtime import today_local
from incubator.pagination import Pagination, paginate
from incubator.partnerships.models import OUTCOME_KINDS, SIDES, Introduction, Partnership, PartnershipOutcome
from incubator.partnerships.parties import Party, acting_organizations, party, profile_clause, profiles
from incubator.permissions import STAFF_ROLES

TRANSITIONS = {"proposed": ("active", "ended"), "active": ("completed", "ended")}
READERS = (*STAFF_ROLES, "government")
CHANGE = "change_partnerships"  # besides each profile's owner


class PartnershipRefused(DomainError):
    """The partnership cannot take this change."""


def propose_partnership(introduction: Introduction, actor_id: int) -> Partnership:
    """A proposed partnership between the two sides of an introduction both accepted (once)."""
    existing = db.session.scalar(select(Partnership).where(Partnership.introduction_id == introduction.id))
    if existing is not None:
        return existing
    s = introduction.suggestion
    source, target = party(s.source_type, s.source_id), party(s.target_type, s.target_id)
    partnership = Partnership(
        introduction_id=introduction.id,
        title=f"{source.name if source else '?'} × {target.name if target else '?'}"[:200],
        source_type=s.source_type,
        source_id=s.source_id,
        target_type=s.target_type,
        target_id=s.target_id,
        source_organization_id=source.organization.id if source and source.organization else None,
        target_organization_id=target.organization.id if target and target.organization else None,
    )
    db.session.add(partnership)
    db.session.flush()
    record(actor_id, "partnership.proposed", partnership, introduction_id=introduction.id)
    return partnership


Parties = dict[str, Party | None]  # "source" and "target"


def parties_of(partnership: Partnership) -> Parties:
    """The source and target sides of a partnership."""
    return {
        "source": party(partnership.source_type, partnership.source_id),
        "target": party(partnership.target_type, partnership.target_id),
    }


def is_party(
    user: User, partnership: Partnership, parties: Parties | None = None, organization_id: int | None = None
) -> bool:
    """Whether `user` acts for either side: its profile's owner or an admin of its organization
    (`parties`: the partnership's `parties_of`, when the caller has them already; `organization_id`:
    acting for that organization alone, as an API token does: see `Party.allows`)."""
    parties = parties_of(partnership) if parties is None else parties
    return any(p is not None and p.allows(user, CHANGE, organization_id) for p in parties.values())


def may_view(
    user: User, partnership: Partnership, parties: Parties | None = None, organization_id: int | None = None
) -> bool:
    """Staff, government (read-only) and the parties may see a partnership (`organization_id`: acting for
    it alone, never by the platform role)."""
    readers = organization_id is None and user.role in READERS
    return readers or is_party(user, partnership, parties, organization_id)


def may_edit(
    user: User, partnership: Partnership, parties: Parties | None = None, organization_id: int | None = None
) -> bool:
    """Staff and the parties may change a partnership (`organization_id`: acting for it alone)."""
    staff = organization_id is None and user.role in STAFF_ROLES
    return staff or is_party(user, partnership, parties, organization_id)


def set_status(partnership: Partnership, status: str, actor: User) -> Partnership:
    """Move a partnership along proposed → active → completed (or to ended), audited.

    The row is locked and re-read first: of two concurrent moves, the second sees the first's status.
    """
    if not may_edit(actor, partnership):
        raise PartnershipRefused(N_("Only the partners and staff may change a partnership."))
    lock_for_writing(db.session)
    db.session.refresh(partnership, with_for_update=True)
    if status not in TRANSITIONS.get(partnership.status, ()):
        raise PartnershipRefused(N_("A partnership cannot move to this status from its current one."))
    previous, partnership.status = partnership.status, status
    if status == "active":
        partnership.started_on = partnership.started_on or today_local()
    else:
        partnership.completed_on = today_local()
    record(actor.id, "partnership.status", partnership, previous=previous, status=status)
    db.session.commit()
    return partnership


def add_outcome(
    partnership: Partnership,
    actor: User,
    kind: str,
    happened_on: date,
    note: str = "",
    organization_id: int | None = None,
) -> object:
    """Record an outcome (MoU, joint project, pilot, contract, patent) of a partnership, audited
    (`organization_id`: `actor` acting for that organization alone, as an API token does)."""
    if not may_edit(actor, partnership, organization_id=organization_id):
        raise PartnershipRefused(N_("Only the partners and staff may change a partnership."))
    if kind not in OUTCOME_KINDS:
        raise PartnershipRefused(N_("Unknown kind of outcome."))
    outcome = PartnershipOutcome(
        partnership_id=partnership.id, kind=kind, happened_on=happened_on, note=note, recorded_by_id=actor.id
    )
    db.session.add(outcome)
    try:
        db.session.flush()
    except IntegrityError as error:
        db.session.rollback()
        raise PartnershipRefused(N_("Unknown kind of outcome.")) from error
    record(actor.id, "partnership.outcome", partnership, kind=kind, happened_on=happened_on.isoformat())
    db.session.commit()
    return outcome


def outcome_of(partnership: Partnership, outcome_id: int) -> PartnershipOutcome | None:
    """Outcome #`outcome_id` if it belongs to `partnership`."""
    outcome = db.session.get(PartnershipOutcome, outcome_id)
    return outcome if outcome is not None and outcome.partnership_id == partnership.id else None


def edit_outcome(
    outcome: PartnershipOutcome, actor: User, kind: str, happened_on: date, note: str = ""
) -> PartnershipOutcome:
    """Correct an outcome's kind, date or note, audited with the fields it changed."""
    if not may_edit(actor, outcome.partnership):
        raise PartnershipRefused(N_("Only the partners and staff may change a partnership."))
    if kind not in OUTCOME_KINDS:
        raise PartnershipRefused(N_("Unknown kind of outcome."))
    data = {"kind": kind, "happened_on": happened_on, "note": note}
    changed = changed_fields(outcome, data, ("kind", "happened_on", "note"))
    record(actor.id, "partnership.outcome_edited", outcome.partnership, changed=changed, **described(outcome))
    db.session.commit()
    return outcome


def delete_outcome(outcome: PartnershipOutcome, actor: User) -> None:
    """Remove an outcome recorded by mistake, audited with what it was."""
    if not may_edit(actor, outcome.partnership):
        raise PartnershipRefused(N_("Only the partners and staff may change a partnership."))
    record(actor.id, "partnership.outcome_deleted", outcome.partnership, **described(outcome))
    db.session.delete(outcome)
    db.session.commit()


def described(outcome: PartnershipOutcome) -> dict:
    """An outcome as its audit rows name it."""
    return {"outcome_id": outcome.id, "kind": outcome.kind, "happened_on": outcome.happened_on.isoformat()}


def list_partnerships(
    user: User, page: int = 1, organization_id: int | None = None, status: str | None = None
) -> Pagination:
    """One page of the partnerships `user` may see (staff and government: all), newest first, of `status`
    if given (`organization_id`: those of that organization, `user` acting for it alone, never by the
    platform role: see `Party.allows`)."""
    query = select(Partnership)
    if organization_id is not None or user.role not in READERS:
        organizations = acting_organizations(user, CHANGE, organization_id)
        query = query.where(
            or_(
                profile_clause(user, Partnership.source_type, Partnership.source_id, CHANGE, organization_id),
                profile_clause(user, Partnership.target_type, Partnership.target_id, CHANGE, organization_id),
                Partnership.source_organization_id.in_(organizations),
                Partnership.target_organization_id.in_(organizations),
            )
        )
    if status is not None:
        query = query.where(Partnership.status == status)
    return paginate(query.order_by(Partnership.id.desc()), page)


def subjects(listed: list[Partnership]) -> dict[int, str]:
    """What each partnership is about, as its two profiles name it ("Sensor for die presses ↔ Vibration
    lab"): two partnerships of one pair of organizations read apart. A query per kind of profile."""
    named = {
        (p.id, side): (getattr(p, f"{side}_type"), getattr(p, f"{side}_id")) for p in listed for side in SIDES
    }
    rows = profiles(named.values())
    titles = {}
    for p in listed:
        sides = [named[(p.id, side)] for side in SIDES]
        found = [Party(kind, rows[(kind, i)], None).title for kind, i in sides if (kind, i) in rows]
        titles[p.id] = " ↔ ".join(found)
    return titles


def of_organization(organization_id: int) -> list[Partnership]:
    """The partnerships an organization takes part in, newest first."""
    query = select(Partnership).where(
        or_(
            Partnership.source_organization_id == organization_id,
            Partnership.target_organization_id == organization_id,
        )
    )
    return list(db.session.scalars(query.order_by(Partnership.id.desc())))


def of_introduction(introduction_id: int) -> Partnership | None:
    """The partnership an introduction became, if any."""
    return db.session.scalar(select(Partnership).where(Partnership.introduction_id == introduction_id))
