"""Which challenges and capabilities a viewer may see: those of verified organizations, and of their own."""

from __future__ import annotations

from sqlalchemy import ColumnElement

from incubator.accounts.models import User
from incubator.challenges.models import Capability, Challenge
from incubator.organizations.visibility import visible_through


def visible_challenges(viewer: User | None = None) -> ColumnElement[bool]:
    """SQL: the challenges `viewer` may see; without a viewer, the public ones (figures, matching)."""
    return visible_through(Challenge.organization_id, viewer)


def visible_capabilities(viewer: User | None = None) -> ColumnElement[bool]:
    """SQL: the capabilities `viewer` may see; without a viewer, the public ones (figures, matching)."""
    return visible_through(Capability.organization_id, viewer)
