"""Who may see an organization and its profiles: public once staff verified it, else members and staff only.

Every list, search, page, dataset and the matching corpus builds on `public_organization_ids` and
`visible_through`, so the rule lives here once; each profile model has its own one-line condition
(`labs.visibility`, `challenges.visibility`).
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Select, or_, select, true

from incubator.accounts.models import User
from incubator.organizations.models import VERIFIED, Organization
from incubator.organizations.services import is_member, member_organization_ids
from incubator.permissions import STAFF_ROLES


def public_organization() -> ColumnElement[bool]:
    """SQL: the organization is verified by staff, so it and its profiles are public."""
    return Organization.status == VERIFIED


def public_organization_ids() -> Select:
    """A subquery of the ids of the public (verified) organizations."""
    return select(Organization.id).where(public_organization())


def visible_through(organization_id: ColumnElement, viewer: User | None = None) -> ColumnElement[bool]:
    """SQL: a row owned by the organization in `organization_id` may be seen by `viewer`.

    None (the public, a calendar app, matching) sees verified organizations only; staff see all; anyone
    else also sees the organizations they actively belong to.
    """
    public = organization_id.in_(public_organization_ids())
    if viewer is None or not getattr(viewer, "is_authenticated", False):
        return public
    if viewer.role in STAFF_ROLES:
        return true()
    return or_(public, organization_id.in_(member_organization_ids(viewer)))


def visible_organizations(viewer: User | None = None) -> ColumnElement[bool]:
    """SQL: the organizations `viewer` may see; without a viewer, the public ones (see `visible_through`)."""
    return visible_through(Organization.id, viewer)


def may_see(viewer: User | None, organization: Organization | None) -> bool:
    """Whether `viewer` may see `organization` and its profiles (no organization: nothing to hide)."""
    if organization is None or organization.is_verified:
        return True
    if viewer is None or not getattr(viewer, "is_authenticated", False):
        return False
    return viewer.role in STAFF_ROLES or is_member(viewer, organization.id)
