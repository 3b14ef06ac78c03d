"""Organizations that join by themselves: create one, ask to join, and its admins decide who is in."""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from incubator.accounts.models import STAFF, User
from incubator.audit.services import record
from incubator.database import Base
from incubator.errors import N_, DomainError
from incubator.extensions import db
from incubator.notifications.services import notify_translated
from incubator.organizations.models import (
    ACTIVE,
    ASKED,
    PENDING,
    REFUSED,
    REJECTED,
    SELF_SERVICE_KINDS,
    VERIFIED,
    Membership,
    Organization,
)
from incubator.organizations.services import managed_lab_ids, set_managed_labs
from incubator.permissions import LAB_MANAGER, ORG_ADMIN, ORG_MEMBER

ORGANIZATION_FIELDS = (
    "name",
    "name_en",
    "registration_code",
    "website",
    "address",
    "city",
    "sector",
    "description",
)


VERIFICATION_QUEUE = "/organizations/verification"
NAME_TAKEN = N_("An organization with this name exists already: ask to join it instead.")
ALREADY_ASKED = N_("You already asked to join this organization.")
LAST_ADMIN = N_("An organization keeps at least one admin: name another admin first.")


class MembershipRefused(DomainError):
    """A request about a membership that the rules refuse."""


def kind_for(user: User) -> str | None:
    """The kind of organization `user` may create: their university or enterprise (others: none)."""
    return user.role if user.role in SELF_SERVICE_KINDS else None


def create_organization(user: User, data: dict) -> Organization:
    """Create `user`'s organization, pending verification, with `user` as its admin and contact."""
    kind = kind_for(user)
    if kind is None:
        raise MembershipRefused(N_("Only university and enterprise accounts can create an organization."))
    if name_taken(data["name"]) or name_taken(data.get("name_en") or ""):
        raise MembershipRefused(NAME_TAKEN)
    organization = Organization(
        kind=kind, status=PENDING, created_by_id=user.id, **{f: data[f] or "" for f in ORGANIZATION_FIELDS}
    )
    db.session.add(organization)
    try:
        db.session.flush()
    except IntegrityError:  # the same name created at the same moment
        db.session.rollback()
        raise MembershipRefused(NAME_TAKEN) from None
    db.session.add(Membership(user=user, organization=organization, role=ORG_ADMIN, is_contact=True))
    record(user.id, "organization.created", organization, kind=kind, name=organization.name)
    for staff in db.session.scalars(select(User).where(User.role == STAFF, User.active.is_(True))):
        message = N_("%(name)s asks to be verified.")
        notify_translated(
            staff, "organization_to_verify", message, VERIFICATION_QUEUE, name=organization.name
        )
    db.session.commit()
    return organization


def name_taken(name: str) -> bool:
    """Whether an organization is called `name` in either language (case-insensitive)."""
    if not name:
        return False
    lowered = name.casefold()
    query = select(Organization.id).where(
        (func.lower(Organization.name) == lowered) | (func.lower(Organization.name_en) == lowered)
    )
    return db.session.scalar(query.limit(1)) is not None


def join_kinds(user: User) -> tuple[str, ...]:
    """The kinds of organization `user` may ask to join (staff and admins are added by an admin)."""
    if user.role in ("university", "enterprise", "government"):
        return (user.role,)
    return ("university", "enterprise", "incubator") if user.role in ("founder", "mentor") else ()


def ask_to_join(user: User, organization: Organization, title: str) -> Membership:
    """`user` asks to join a verified `organization`; its admins are told and decide."""
    if organization.kind not in join_kinds(user):
        raise MembershipRefused(N_("Your account cannot join this kind of organization.")) from None
    if organization.status != VERIFIED:
        raise MembershipRefused(
            N_("This organization is not verified yet: ask its creator to add you.")
        ) from None
    existing = db.session.scalar(
        select(Membership).where(Membership.user_id == user.id, Membership.organization_id == organization.id)
    )
    if existing is not None:
        raise MembershipRefused(
            ALREADY_ASKED
            if existing.status != ACTIVE
            else N_("You are already a member of this organization.")
        )
    membership = Membership(
        user=user, organization=organization, role=ORG_MEMBER, status=ASKED, title=title or ""
    )
    db.session.add(membership)
    try:
        db.session.flush()
    except IntegrityError:  # the same request sent twice at once
        db.session.rollback()
        raise MembershipRefused(ALREADY_ASKED) from None
    record(user.id, "membership.requested", membership, organization_id=organization.id)
    for admin in admins(organization.id):
        message, link = N_("%(person)s asks to join %(name)s."), f"/organizations/{organization.id}/members"
        notify_translated(
            admin, "membership_requested", message, link, person=user.full_name, name=organization.name
        )
    db.session.commit()
    return membership


def admins(organization_id: int) -> list[User]:
    """The active admins of the organization."""
    query = (
        select(User)
        .join(Membership, Membership.user_id == User.id)
        .where(
            Membership.organization_id == organization_id,
            Membership.status == ACTIVE,
            Membership.role == ORG_ADMIN,
            User.active.is_(True),
        )
    )
    return list(db.session.scalars(query))


def decide_request(membership: Membership, approve: bool, actor: User) -> None:
    """Approve or refuse a pending request to join; acts once (a second click finds it decided)."""
    status = ACTIVE if approve else REFUSED
    changed = db.session.execute(
        update(Membership)
        .where(Membership.id == membership.id, Membership.status == ASKED)
        .values(status=status)
    ).rowcount
    if not changed:
        db.session.rollback()
        raise MembershipRefused(N_("This request was already decided.")) from None
    record(
        actor.id,
        "membership.approved" if approve else "membership.refused",
        membership,
        user_id=membership.user_id,
        organization_id=membership.organization_id,
    )
    user = db.session.get(User, membership.user_id)
    message = (
        N_("You are now a member of %(name)s.")
        if approve
        else N_("Your request to join %(name)s was refused.")
    )
    link = f"/organizations/{membership.organization_id}"
    notify_translated(user, "membership_decided", message, link, name=membership.organization.name)
    db.session.commit()


def remove_member(membership: Membership, actor: User) -> None:
    """Remove a member; the last admin of an organization cannot be removed."""
    if (
        membership.role == ORG_ADMIN
        and membership.status == ACTIVE
        and len(admins(membership.organization_id)) <= 1
    ):
        raise MembershipRefused(LAST_ADMIN) from None
    record(
        actor.id,
        "membership.removed",
        membership,
        user_id=membership.user_id,
        organization_id=membership.organization_id,
    )
    db.session.delete(membership)
    db.session.commit()


def update_member(
    membership: Membership, role: str, lab_ids: list[int], is_contact: bool, actor: User
) -> bool:
    """Change a member's role, managed labs and contact flag; return whether anything changed."""
    if membership.status != ACTIVE:
        raise MembershipRefused(N_("Approve the request to join before giving a role.")) from None
    demoted = membership.role == ORG_ADMIN and role != ORG_ADMIN
    if demoted and len(admins(membership.organization_id)) <= 1:
        raise MembershipRefused(LAST_ADMIN) from None
    lab_ids = sorted(set(lab_ids)) if role == LAB_MANAGER else []
    before = (membership.role, sorted(managed_lab_ids(membership)), membership.is_contact)
    if before == (role, lab_ids, is_contact):
        return False
    membership.role, membership.is_contact = role, is_contact
    set_managed_labs(membership, lab_ids)
    record(actor.id, "membership.changed", membership, role=role, labs=lab_ids, is_contact=is_contact)
    db.session.commit()
    return True


def add_member(user: User, organization: Organization, role: str, actor: User) -> Membership:
    """A platform admin puts `user` in `organization` with `role` (an existing request is approved)."""
    membership = db.session.scalar(
        select(Membership).where(Membership.user_id == user.id, Membership.organization_id == organization.id)
    )
    if membership is None:
        membership = Membership(user=user, organization=organization)
        db.session.add(membership)
    membership.role, membership.status = role, ACTIVE
    membership.is_contact = user.role not in ("staff", "admin") and role == ORG_ADMIN
    db.session.flush()
    record(
        actor.id, "membership.added", membership, user_id=user.id, organization_id=organization.id, role=role
    )
    db.session.commit()
    return membership


def memberships_of(organization_id: int) -> list[Membership]:
    """Every membership of the organization, requests first, then by name."""
    query = (
        select(Membership)
        .join(User, User.id == Membership.user_id)
        .where(Membership.organization_id == organization_id)
        .order_by((Membership.status == ASKED).desc(), User.full_name)
    )
    return list(db.session.scalars(query))


def joinable(user: User, search: str, kinds: tuple[str, ...]) -> list[Organization]:
    """Verified organizations of `kinds` whose name contains `search`, that `user` is not in yet."""
    mine = select(Membership.organization_id).where(Membership.user_id == user.id)
    query = select(Organization).where(
        Organization.status == VERIFIED, Organization.kind.in_(kinds), Organization.id.not_in(mine)
    )
    if search:
        pattern = f"%{search.casefold()}%"
        query = query.where(
            func.lower(Organization.name).like(pattern) | func.lower(Organization.name_en).like(pattern)
        )
    return list(db.session.scalars(query.order_by(Organization.name).limit(50)))


def my_memberships(user: User) -> list[Membership]:
    """`user`'s memberships and requests, with their organizations."""
    query = select(Membership).where(Membership.user_id == user.id).order_by(Membership.id)
    return list(db.session.scalars(query))


def update_organization(organization: Organization, data: dict, actor: User) -> bool:
    """Save an organization's profile; a refused one goes back to the staff's queue. Return if it changed."""
    changed = [name for name in ORGANIZATION_FIELDS if getattr(organization, name) != (data[name] or "")]
    for name in changed:
        setattr(organization, name, data[name] or "")
    resubmitted = organization.status == REJECTED
    if resubmitted:
        organization.status = PENDING
    if not changed and not resubmitted:
        return False
    record(actor.id, "organization.updated", organization, fields=changed, resubmitted=resubmitted)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise MembershipRefused(N_("An organization with this name exists already.")) from None
    return True


def lab_choices(organization_id: int) -> list[tuple[int, str]]:
    """The organization's labs as (id, name) choices for a lab manager's labs."""
    labs = Base.metadata.tables["labs"]  # read by table: organizations sits below the labs domain
    query = (
        select(labs.c.id, labs.c.name).where(labs.c.organization_id == organization_id).order_by(labs.c.name)
    )
    return [(row.id, row.name) for row in db.session.execute(query)]
