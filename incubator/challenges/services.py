"""Challenge and capability services: saved for an organization, audited, then queued for matching."""

from __future__ import annotations

from sqlalchemy import ColumnElement, Select, or_, select
from sqlalchemy.orm import joinedload

from incubator.accounts.models import User
from incubator.audit.services import changed_fields, save_and_announce
from incubator.challenges.models import Capability, Challenge
from incubator.extensions import db
from incubator.labs.models import Lab
from incubator.organizations.models import Organization
from incubator.organizations.services import acting_organization_ids, may_act_for
from incubator.pagination import PER_PAGE, paginate
from incubator.search import index as search_index
from incubator.search.query import Found, parse

CHALLENGE_FIELDS = (
    "title", "description", "sector", "status", "deadline",
    "desired_outcome", "budget_range", "confidential_details",
)  # fmt: skip
CAPABILITY_FIELDS = ("title", "description", "keywords", "team", "trl")


def may_edit_challenge(user: User, challenge: Challenge) -> bool:
    """Its author and the admins of its organization may edit a challenge (and read its confidential part)."""
    return challenge.author_id == user.id or may_act_for(user, challenge.organization_id, "edit_challenges")


def may_edit_capability(user: User, capability: Capability) -> bool:
    """Its owner and the admins of its organization may edit a capability."""
    return capability.owner_id == user.id or may_act_for(
        user, capability.organization_id, "edit_capabilities"
    )


def editable_challenges(user: User) -> ColumnElement[bool]:
    """The challenges `user` may edit (their own; all their organization's for its admins), as a clause."""
    organizations = acting_organization_ids(user, "edit_challenges")
    return or_(Challenge.organization_id.in_(organizations), Challenge.author_id == user.id)


def editable_capabilities(user: User) -> ColumnElement[bool]:
    """The capabilities `user` may edit (their own; all their organization's for its admins), as a clause."""
    organizations = acting_organization_ids(user, "edit_capabilities")
    return or_(Capability.organization_id.in_(organizations), Capability.owner_id == user.id)


def first_challenges(user: User) -> list[Challenge]:
    """The first page of `list_challenges` without a search (the home page's list), without counting them
    all, each with its organization (the page says whether it awaits verification)."""
    query = select(Challenge).where(editable_challenges(user)).options(joinedload(Challenge.organization))
    return list(db.session.scalars(query.order_by(Challenge.id.desc()).limit(PER_PAGE)))


def first_capabilities(user: User) -> list[Capability]:
    """The first page of `list_capabilities` without a search (the home page's list), without counting them
    all, each with its organization (the page says whether it awaits verification)."""
    query = select(Capability).where(editable_capabilities(user)).options(joinedload(Capability.organization))
    return list(db.session.scalars(query.order_by(Capability.title, Capability.id).limit(PER_PAGE)))


def list_challenges(user: User, page: int = 1, text: str = "") -> Found:
    """One page of the challenges `user` may edit (their own; all their organization's for its admins)
    with every word of `text` (accents ignored, or the same concept in the other language)."""
    search = parse(db.session, text)
    query = select(Challenge).where(editable_challenges(user), search.clause("challenge", Challenge.id))
    found = paginate(query.order_by(Challenge.id.desc()), page)
    return Found(found, search.found_through(db.session, "challenge", [c.id for c in found.items]))


def create_challenge(author: User, organization: Organization, data: dict) -> tuple[Challenge, bool]:
    """Post a challenge for `organization`, then queue its match; also return whether it was queued."""
    fields = {name: data[name] for name in CHALLENGE_FIELDS}
    challenge = Challenge(author_id=author.id, organization_id=organization.id, **fields)
    return challenge, save_and_announce(
        "challenge", challenge, author.id, "challenge.created", organization_id=organization.id
    )


def update_challenge(challenge: Challenge, data: dict, actor_id: int) -> bool:
    """Save a challenge's edited fields, then queue its match; return whether it was queued."""
    changed = changed_fields(challenge, data, CHALLENGE_FIELDS)
    return save_and_announce("challenge", challenge, actor_id, "challenge.updated", fields=changed)


def list_capabilities(user: User, page: int = 1, text: str = "") -> Found:
    """One page of the capabilities `user` may edit (their own; all their organization's for its
    admins) with every word of `text` (accents ignored, or the same concept in the other language)."""
    search = parse(db.session, text)
    query = select(Capability).where(editable_capabilities(user), search.clause("capability", Capability.id))
    found = paginate(query.order_by(Capability.title, Capability.id), page)
    return Found(found, search.found_through(db.session, "capability", [c.id for c in found.items]))


def create_capability(owner: User, organization: Organization, data: dict) -> tuple[Capability, bool]:
    """List a research capability of `organization`, then queue its match; also return whether queued."""
    fields = {name: data[name] for name in CAPABILITY_FIELDS}
    capability = Capability(owner_id=owner.id, organization_id=organization.id, **fields)
    capability.labs = organization_labs(organization.id, data.get("related_labs") or [])
    return capability, save_and_announce(
        "capability", capability, owner.id, "capability.created", organization_id=organization.id
    )


def update_capability(capability: Capability, data: dict, actor_id: int) -> bool:
    """Save a capability's edited fields, then queue its match; return whether it was queued."""
    changed = changed_fields(capability, data, CAPABILITY_FIELDS)
    labs = organization_labs(capability.organization_id, data.get("related_labs") or [])
    if {lab.id for lab in labs} != {lab.id for lab in capability.labs}:
        capability.labs = labs
        changed.append("related_labs")
    return save_and_announce("capability", capability, actor_id, "capability.updated", fields=changed)


def lab_choices(organization_id: int) -> list[tuple[int, str]]:
    """(id, name) of an organization's labs: the labs a capability may name as related."""
    query = select(Lab.id, Lab.name).where(Lab.organization_id == organization_id).order_by(Lab.name)
    return [(row.id, row.name) for row in db.session.execute(query)]


def organization_labs(organization_id: int, lab_ids: list[int]) -> list[Lab]:
    """The labs among `lab_ids` that belong to the organization (others are ignored)."""
    if not lab_ids:
        return []
    query = select(Lab).where(Lab.organization_id == organization_id, Lab.id.in_(lab_ids))
    return list(db.session.scalars(query.order_by(Lab.name)))


def challenge_texts(ids: list[int] | None) -> Select:
    """A challenge's searchable text: title, sector, description and desired outcome (never its
    confidential details)."""
    query = select(Challenge.id, Challenge.title, Challenge.sector, Challenge.description,
                   Challenge.desired_outcome)  # fmt: skip
    return query if ids is None else query.where(Challenge.id.in_(ids))


def capability_texts(ids: list[int] | None) -> Select:
    """A capability's searchable text: title, keywords, description and team."""
    query = select(
        Capability.id, Capability.title, Capability.keywords, Capability.description, Capability.team
    )
    return query if ids is None else query.where(Capability.id.in_(ids))


search_index.register("challenge", Challenge, challenge_texts)
search_index.register("capability", Capability, capability_texts)
