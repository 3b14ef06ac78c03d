"""The two sides of a suggestion as people and organizations: who answers, what each sees of the other."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from incubator.accounts.models import User
from incubator.challenges.models import Capability, Challenge
from incubator.extensions import db
from incubator.labs.models import Lab
from incubator.mentors.models import MentorProfile
from incubator.organizations.models import Membership, Organization
from incubator.organizations.services import (
    acting_member_ids,
    acting_organization_ids,
    contact_ids,
    may_act_for,
)
from incubator.permissions import STAFF_ROLES
from incubator.startups.models import Startup

PROFILE_MODELS = {
    "challenge": Challenge,
    "capability": Capability,
    "lab": Lab,
    "mentor": MentorProfile,
    "startup": Startup,
}
# the person who owns each kind of profile (the organization's admins answer too: permissions.ORG_ACTIONS)
OWNER_FIELDS = {
    "challenge": "author_id",
    "capability": "owner_id",
    "lab": "manager_id",
    "mentor": "user_id",
    "startup": "owner_id",
}


@dataclass
class Party:
    """One side of an introduction: its profile row, organization and people.

    `user_ids` answer for it (the profile's owner and the organization's admins) and are told about it;
    `contact_ids` are shown to the other side once both accepted (the owner and the chosen contacts)."""

    kind: str
    row: object
    organization: Organization | None
    owner_id: int | None = None
    user_ids: set[int] = field(default_factory=set)
    contact_ids: set[int] = field(default_factory=set)

    def allows(self, user: User, action: str, organization_id: int | None = None) -> bool:
        """Whether `user` owns this side's profile or their membership role allows `action` for it.

        `organization_id`: `user` acting for that organization alone (an API token): the side must be that
        organization's and their role there must allow `action`; owning the profile does not count."""
        if organization_id is not None:
            return (
                self.organization is not None
                and self.organization.id == organization_id
                and may_act_for(user, organization_id, action)
            )
        if user.id == self.owner_id:
            return True
        return self.organization is not None and may_act_for(user, self.organization.id, action)

    @property
    def title(self) -> str:
        """The name a person would use for this side."""
        if self.kind == "mentor":
            return self.row.headline or self.row.user.full_name
        return getattr(self.row, "title", None) or getattr(self.row, "name", "")

    @property
    def name(self) -> str:
        """The organization's name, else the profile's title (a startup, a mentor)."""
        return self.organization.name if self.organization else self.title


def party(kind: str, object_id: int) -> Party | None:
    """The side `kind` #`object_id`, or None when the profile is gone."""
    model = PROFILE_MODELS.get(kind)
    row = db.session.get(model, object_id) if model else None
    if row is None:
        return None
    organization_id = getattr(row, "organization_id", None)
    organization = db.session.get(Organization, organization_id) if organization_id else None
    owner_id = getattr(row, OWNER_FIELDS[kind])
    answering, contacts = {owner_id}, {owner_id}
    if organization_id:
        answering |= acting_member_ids(organization_id, "answer_introductions")
        contacts |= contact_ids(organization_id)
    return Party(kind, row, organization, owner_id, answering, contacts)


def profiles(pairs: Iterable[tuple[str, int]]) -> dict[tuple[str, int], object]:
    """The profile rows that (kind, id) pairs name, one query per kind (a mentor with its user); a removed
    profile is absent."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for kind, object_id in pairs:
        if kind in PROFILE_MODELS:
            wanted[kind].add(object_id)
    found = {}
    for kind, ids in wanted.items():
        model = PROFILE_MODELS[kind]
        query = select(model).where(model.id.in_(ids))
        if kind == "mentor":
            query = query.options(joinedload(MentorProfile.user))
        found |= {(kind, row.id): row for row in db.session.scalars(query)}
    return found


def people(user_ids: set[int]) -> list[User]:
    """The contacts among `user_ids`: active users, never platform staff, by name."""
    query = select(User).where(User.id.in_(user_ids), User.active.is_(True), User.role.not_in(STAFF_ROLES))
    return list(db.session.scalars(query.order_by(User.full_name)))


def summary(side: Party) -> str:
    """The public text of a side (never a challenge's confidential details)."""
    row = side.row
    if side.kind == "mentor":
        return row.expertise
    return row.description


def may_read_private(user: User, sides: dict[str, Party | None], organization_id: int | None = None) -> bool:
    """Staff, and the people of either side allowed to read confidential details, see the revealed
    contacts and a challenge's confidential details (`organization_id`: acting for it alone, never as
    staff; see `Party.allows`)."""
    staff = organization_id is None and user.role in STAFF_ROLES
    present = [side for side in sides.values() if side is not None]
    return staff or any(side.allows(user, "read_confidential", organization_id) for side in present)


def acting_organizations(user: User, action: str, organization_id: int | None = None) -> select:
    """A subquery of the organizations where `user`'s role allows `action` (`organization_id`: that one
    only, if it does)."""
    organizations = acting_organization_ids(user, action)
    if organization_id is not None:
        organizations = organizations.where(Membership.organization_id == organization_id)
    return organizations


def profile_clause(
    user: User, type_column: object, id_column: object, action: str, organization_id: int | None = None
) -> object:
    """A WHERE clause: (type, id) names a profile `user` owns or whose organization lets them do `action`
    (`organization_id`: a profile of that organization, if it lets them; see `Party.allows`)."""
    organizations = acting_organizations(user, action, organization_id)
    clauses = []
    for kind, model in PROFILE_MODELS.items():
        mine = [] if organization_id is not None else [getattr(model, OWNER_FIELDS[kind]) == user.id]
        if hasattr(model, "organization_id"):
            mine.append(model.organization_id.in_(organizations))
        if mine:
            clauses.append((type_column == kind) & id_column.in_(select(model.id).where(or_(*mine))))
    return or_(*clauses)
