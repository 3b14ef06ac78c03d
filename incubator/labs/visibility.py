"""Which labs a viewer may see: those of verified organizations, and of their own (see organizations)."""

from __future__ import annotations

from sqlalchemy import ColumnElement

from incubator.accounts.models import User
from incubator.labs.models import Lab
from incubator.organizations.visibility import may_see, visible_through


def visible_labs(viewer: User | None = None) -> ColumnElement[bool]:
    """SQL: the labs `viewer` may see; without a viewer, the public ones (lists, datasets, matching)."""
    return visible_through(Lab.organization_id, viewer)


def may_see_lab(viewer: User | None, lab: Lab) -> bool:
    """Whether `viewer` may see `lab` (the same rule as `visible_labs`, for one loaded row)."""
    return may_see(viewer, lab.organization)
