"""Becamex staff verify organizations that registered themselves, or refuse them with a reason."""

from __future__ import annotations

from sqlalchemy import select, update

from incubator.accounts.models import User
from incubator.audit.services import record
from incubator.database import utcnow
from incubator.errors import N_, DomainError
from incubator.extensions import db
from incubator.notifications.services import notify_translated
from incubator.organizations.membership import admins
from incubator.organizations.models import PENDING, REJECTED, VERIFIED, Organization


class AlreadyDecided(DomainError):
    """Another staff member decided first."""


def awaiting_verification() -> list[Organization]:
    """Organizations waiting for staff, oldest first."""
    query = select(Organization).where(Organization.status == PENDING).order_by(Organization.created_at)
    return list(db.session.scalars(query))


def decide_organization(organization: Organization, decision: str, reason: str, actor: User) -> None:
    """Verify `organization` or refuse it with `reason`; audited, its admins told; acts once."""
    if decision not in (VERIFIED, REJECTED):
        raise DomainError(N_("Choose a decision."))
    values = {"status": decision, "status_reason": reason or ""}
    if decision == VERIFIED:
        values["verified_at"] = utcnow()
    changed = db.session.execute(
        update(Organization)
        .where(Organization.id == organization.id, Organization.status == PENDING)
        .values(**values)
    ).rowcount
    if not changed:
        db.session.rollback()
        raise AlreadyDecided(N_("This organization was already decided."))
    record(actor.id, f"organization.{decision}", organization, reason=reason or "")
    db.session.refresh(organization)
    for person in admins(organization.id):
        message = (
            N_("%(name)s is verified: its profiles are now public and matched.")
            if decision == VERIFIED
            else N_("%(name)s was not verified: %(reason)s")
        )
        link = f"/organizations/{organization.id}"
        params = {"name": organization.name} | ({} if decision == VERIFIED else {"reason": reason})
        notify_translated(person, "organization_decided", message, link, **params)
    db.session.commit()
