"""Organization membership lookups shared by the packages whose records belong to an organization."""

from __future__ import annotations

from sqlalchemy import select

from incubator.accounts.models import User
from incubator.extensions import db
from incubator.organizations.models import Membership, Organization


def organization_for(user: User, kind: str) -> Organization | None:
    """The first organization of `kind` that `user` belongs to, if any."""
    query = (
        select(Organization)
        .join(Membership, Membership.organization_id == Organization.id)
        .where(Membership.user_id == user.id, Organization.kind == kind)
        .order_by(Membership.id)
    )
    return db.session.scalars(query).first()


def is_member(user: User, organization_id: int) -> bool:
    """Whether `user` belongs to the organization #`organization_id`."""
    query = select(Membership.id).where(
        Membership.user_id == user.id, Membership.organization_id == organization_id
    )
    return db.session.scalar(query) is not None


def member_organization_ids(user: User) -> select:
    """A subquery of the ids of `user`'s organizations."""
    return select(Membership.organization_id).where(Membership.user_id == user.id)
