"""Lab services: a university's labs listed and edited (then queued for matching), and lab search."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import joinedload, selectinload

from incubator.accounts.models import User
from incubator.audit.services import changed_fields, save_and_announce
from incubator.extensions import db
from incubator.labs.calendar import free_labs
from incubator.labs.models import Lab
from incubator.labs.visibility import visible_labs
from incubator.matchcore.normalize import fold
from incubator.organizations.models import Organization
from incubator.organizations.services import lab_scope, manages
from incubator.pagination import Pagination, paginate, paginate_list

FIELDS = (
    "name",
    "kind",
    "description",
    "equipment",
    "opening_hours",
    "capacity",
    "area_m2",
    "location",
    "bookable",
)


def may_manage_lab(user: User, lab: Lab) -> bool:
    """The lab's manager, its organization's admins and its lab managers (of every lab or of this one)
    edit the lab, its booking rules and trained people, and see and decide its bookings."""
    return lab.manager_id == user.id or manages(user, lab.organization_id, lab.id)


def my_labs_clause(user: User) -> ColumnElement[bool]:
    """Labs `user` manages (`may_manage_lab`), as a WHERE clause."""
    scope = lab_scope(user)
    every = [organization_id for organization_id, labs in scope.items() if labs is None]
    named = [and_(Lab.organization_id == org_id, Lab.id.in_(labs)) for org_id, labs in scope.items() if labs]
    return or_(Lab.manager_id == user.id, Lab.organization_id.in_(every), *named)


def list_my_labs(user: User, page: int = 1) -> Pagination:
    """One page of the labs `user` manages, by name."""
    query = select(Lab).where(my_labs_clause(user)).options(selectinload(Lab.organization))
    return paginate(query.order_by(Lab.name, Lab.id), page)


def listed_labs(viewer: User) -> list[Lab]:
    """Every lab `viewer` may see with its organization (joined: no query per lab), by name: the list
    page filters these."""
    query = select(Lab).where(visible_labs(viewer)).options(joinedload(Lab.organization))
    query = query.order_by(Lab.name, Lab.id)
    return list(db.session.scalars(query))


def lab_organizations(labs: list[Lab]) -> list[Organization]:
    """The organizations listing `labs`, by name (the search filter's choices)."""
    organizations = {lab.organization_id: lab.organization for lab in labs}
    return sorted(organizations.values(), key=lambda organization: (organization.name, organization.id))


def searchable_text(lab: Lab) -> str:
    """A lab's name, description and equipment, case-folded and without diacritics."""
    return fold(" ".join((lab.name, lab.description, lab.equipment)))


def search_labs(
    labs: list[Lab],
    text: str = "",
    kind: str | None = None,
    organization_id: int | None = None,
    page: int = 1,
    equipment: str = "",
    free_on: date | None = None,
) -> Pagination:
    """One page of `labs` of `kind` and `organization_id` with every word of `text` and `equipment`
    (accents ignored), free on `free_on`.

    Matched here, not in SQL: folding "công nghệ" to "cong nghe" is the same on both databases, and the
    page needs every lab's organization for its filter anyway (one query for both).
    """
    words, tools = fold(text).split(), fold(equipment).split()
    found = [
        lab
        for lab in labs
        if (not kind or lab.kind == kind)
        and (not organization_id or lab.organization_id == organization_id)
        and all(w in searchable_text(lab) for w in words)
        and all(w in fold(lab.equipment) for w in tools)
    ]
    if free_on is not None:
        free = free_labs([lab.id for lab in found if lab.bookable], free_on)
        found = [lab for lab in found if lab.id in free]
    return paginate_list(found, page)


def create_lab(manager: User, organization: Organization, data: dict) -> tuple[Lab, bool]:
    """List a lab of `organization` managed by `manager`, then queue its match; also return if queued."""
    fields = {name: data[name] for name in FIELDS}
    lab = Lab(manager_id=manager.id, organization_id=organization.id, **fields)
    return lab, save_and_announce("lab", lab, manager.id, "lab.created", organization_id=organization.id)


def update_lab(lab: Lab, data: dict, actor_id: int) -> bool:
    """Save a lab's edited fields, then queue its match; return whether it was queued."""
    changed = changed_fields(lab, data, FIELDS)
    return save_and_announce("lab", lab, actor_id, "lab.updated", fields=changed)
