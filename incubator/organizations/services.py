"""Organization membership lookups shared by the packages whose records belong to an organization.

Only active memberships count: a person who asked to join, or was refused, acts for no organization.
What each membership role may do is decided in `incubator.permissions` (ORG_ACTIONS, manages_lab).
"""

from __future__ import annotations

from sqlalchemy import delete, insert, select

from incubator.accounts.models import User
from incubator.extensions import db
from incubator.organizations.models import ACTIVE, Membership, Organization, membership_labs
from incubator.permissions import (
    ORG_ACTIONS,
    STAFF_ROLES,
    managed_labs,
    manages_lab,
    membership_allows,
    platform_allows,
)
from incubator.request_memo import remembered


def organization_for(user: User, kind: str, action: str | None = None) -> Organization | None:
    """The first organization of `kind` that `user` actively belongs to (in a role allowing `action`)."""
    query = (
        select(Organization)
        .join(Membership, Membership.organization_id == Organization.id)
        .where(Membership.user_id == user.id, Membership.status == ACTIVE, Organization.kind == kind)
        .order_by(Membership.id)
    )
    if action is not None:
        query = query.where(Membership.role.in_(ORG_ACTIONS[action]))
    return db.session.scalars(query).first()


def membership_of(user: User, organization_id: int | None) -> Membership | None:
    """`user`'s active membership of organization #`organization_id`, if any."""
    if organization_id is None or not getattr(user, "is_authenticated", True):
        return None
    query = select(Membership).where(
        Membership.user_id == user.id,
        Membership.organization_id == organization_id,
        Membership.status == ACTIVE,
    )
    return db.session.scalar(query)


def is_member(user: User, organization_id: int) -> bool:
    """Whether `user` actively belongs to the organization #`organization_id` (in any role)."""
    return membership_of(user, organization_id) is not None


def may_act_for(user: User, organization_id: int | None, action: str) -> bool:
    """Whether `user`'s membership role in the organization allows `action` (permissions.ORG_ACTIONS),
    or their platform role does (permissions.PLATFORM_ADMIN_ACTIONS)."""
    if platform_allows(user.role, action):
        return True
    membership = membership_of(user, organization_id)
    return membership_allows(membership.role if membership else None, action)


def member_organization_ids(user: User) -> select:
    """A subquery of the ids of `user`'s organizations (active memberships)."""
    return select(Membership.organization_id).where(
        Membership.user_id == user.id, Membership.status == ACTIVE
    )


def acting_organization_ids(user: User, action: str) -> select:
    """A subquery of the ids of the organizations where `user`'s role allows `action`."""
    return member_organization_ids(user).where(Membership.role.in_(ORG_ACTIONS[action]))


def acting_member_ids(organization_id: int, action: str) -> set[int]:
    """The users whose active membership of the organization allows `action` (its admins, say)."""
    query = select(Membership.user_id).where(
        Membership.organization_id == organization_id,
        Membership.status == ACTIVE,
        Membership.role.in_(ORG_ACTIONS[action]),
    )
    return set(db.session.scalars(query))


def lab_manager_ids(organization_id: int, lab_id: int) -> set[int]:
    """The active members who manage lab #`lab_id`: its organization's admins and its lab managers."""
    query = select(Membership).where(
        Membership.organization_id == organization_id,
        Membership.status == ACTIVE,
        Membership.role.in_(ORG_ACTIONS["manage_labs"]),
    )
    return {m.user_id for m in db.session.scalars(query) if manages_lab(m.role, managed_lab_ids(m), lab_id)}


def contact_ids(organization_id: int) -> set[int]:
    """The people the organization shows as contacts: active members it marked so, never platform staff."""
    query = (
        select(Membership.user_id)
        .join(User, User.id == Membership.user_id)
        .where(
            Membership.organization_id == organization_id,
            Membership.status == ACTIVE,
            Membership.is_contact.is_(True),
            User.role.not_in(STAFF_ROLES),
        )
    )
    return set(db.session.scalars(query))


def managed_lab_ids(membership: Membership) -> set[int]:
    """The labs a lab manager was given by name (empty: every lab of the organization)."""
    query = select(membership_labs.c.lab_id).where(membership_labs.c.membership_id == membership.id)
    return set(db.session.scalars(query))


def manages(user: User, organization_id: int, lab_id: int) -> bool:
    """Whether `user` manages lab #`lab_id` of organization #`organization_id` through a membership."""
    membership = membership_of(user, organization_id)
    if membership is None:
        return False
    return manages_lab(membership.role, managed_lab_ids(membership), lab_id)


def lab_scope(user: User) -> dict[int, frozenset[int] | None]:
    """What `user` manages through active memberships: organization id -> its labs they manage (None: all).

    One query for the memberships and their named labs, made once per request (a page asks it from several
    services); a copy is returned, so a caller may change it."""
    return dict(remembered(("lab_scope", user.id), lambda: _lab_scope(user.id)))


def _lab_scope(user_id: int) -> dict[int, frozenset[int] | None]:
    query = (
        select(Membership.id, Membership.organization_id, Membership.role, membership_labs.c.lab_id)
        .outerjoin(membership_labs, membership_labs.c.membership_id == Membership.id)
        .where(Membership.user_id == user_id, Membership.status == ACTIVE)
        .order_by(Membership.id)
    )
    memberships: dict[int, tuple[int, str, set[int]]] = {}
    for membership_id, organization_id, role, lab_id in db.session.execute(query):
        named = memberships.setdefault(membership_id, (organization_id, role, set()))[2]
        if lab_id is not None:
            named.add(lab_id)
    scope = {
        organization_id: managed_labs(role, named) for organization_id, role, named in memberships.values()
    }
    return {organization_id: labs for organization_id, labs in scope.items() if labs != frozenset()}


def set_managed_labs(membership: Membership, lab_ids: list[int]) -> None:
    """Name the labs a lab manager manages (none: all); the caller commits."""
    db.session.execute(delete(membership_labs).where(membership_labs.c.membership_id == membership.id))
    if lab_ids:
        rows = [{"membership_id": membership.id, "lab_id": lab_id} for lab_id in lab_ids]
        db.session.execute(insert(membership_labs), rows)
