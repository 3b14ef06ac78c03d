"""The two sides of a suggestion as people and organizations: who answers, what each sees of the other."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import or_, select

from incubator.accounts.models import User
from incubator.challenges.models import Capability, Challenge
from incubator.extensions import db
from incubator.labs.models import Lab
from incubator.mentors.models import MentorProfile
from incubator.organizations.models import Membership, Organization
from incubator.organizations.services import member_organization_ids
from incubator.startups.models import Startup

PROFILE_MODELS = {
    "challenge": Challenge,
    "capability": Capability,
    "lab": Lab,
    "mentor": MentorProfile,
    "startup": Startup,
}
# the person who owns each kind of profile (the organization's members answer too)
OWNER_FIELDS = {
    "challenge": "author_id",
    "capability": "owner_id",
    "lab": "manager_id",
    "mentor": "user_id",
    "startup": "owner_id",
}


@dataclass
class Party:
    """One side of an introduction: its profile row, organization and people."""

    kind: str
    row: object
    organization: Organization | None
    user_ids: set[int] = field(default_factory=set)

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
    people = {getattr(row, OWNER_FIELDS[kind])}
    if organization_id:
        members = select(Membership.user_id).where(Membership.organization_id == organization_id)
        people.update(db.session.scalars(members))
    return Party(kind, row, organization, people)


def people(user_ids: set[int]) -> list[User]:
    """The active users among `user_ids`, by name."""
    query = select(User).where(User.id.in_(user_ids), User.active.is_(True)).order_by(User.full_name)
    return list(db.session.scalars(query))


def summary(side: Party) -> str:
    """The public text of a side (never a challenge's confidential details)."""
    row = side.row
    if side.kind == "mentor":
        return row.expertise
    return row.description


def profile_clause(user: User, type_column: object, id_column: object) -> object:
    """A WHERE clause: (type, id) names a profile `user` owns or whose organization they belong to."""
    organizations = member_organization_ids(user)
    clauses = []
    for kind, model in PROFILE_MODELS.items():
        owner = getattr(model, OWNER_FIELDS[kind]) == user.id
        if hasattr(model, "organization_id"):
            owner = or_(owner, model.organization_id.in_(organizations))
        clauses.append((type_column == kind) & id_column.in_(select(model.id).where(owner)))
    return or_(*clauses)
