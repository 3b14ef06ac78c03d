"""Lab services: a university's labs listed and edited (then queued for matching), and lab search."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, Select, and_, or_, select
from sqlalchemy.orm import joinedload, selectinload

from incubator.accounts.models import User
from incubator.audit.services import changed_fields, save_and_announce
from incubator.extensions import db
from incubator.labs.calendar import free_labs
from incubator.labs.models import Lab
from incubator.labs.visibility import visible_labs
from incubator.organizations.models import Organization
from incubator.organizations.services import lab_scope, manages
from incubator.pagination import PER_PAGE, Pagination, paginate
from incubator.search import index as search_index
from incubator.search.query import Found, found_through, parse

FIELDS = (
    "name",
    "kind",
    "description",
    "equipment",
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


def first_my_labs(user: User) -> list[Lab]:
    """The first page of `list_my_labs` (the home page's list), without counting them all."""
    query = select(Lab).where(my_labs_clause(user)).options(joinedload(Lab.organization))
    return list(db.session.scalars(query.order_by(Lab.name, Lab.id).limit(PER_PAGE)))


def list_my_labs(user: User, page: int = 1) -> Pagination:
    """One page of the labs `user` manages, by name."""
    query = select(Lab).where(my_labs_clause(user)).options(selectinload(Lab.organization))
    return paginate(query.order_by(Lab.name, Lab.id), page)


def lab_organizations(viewer: User) -> list[Organization]:
    """The organizations listing labs `viewer` may see, by name (the search filter's choices)."""
    listing = select(Lab.organization_id).where(visible_labs(viewer))
    query = select(Organization).where(Organization.id.in_(listing))
    return list(db.session.scalars(query.order_by(Organization.name, Organization.id)))


def lab_texts(ids: list[int] | None) -> Select:
    """A lab's searchable text: its name, description and equipment (search entries of kind "lab")."""
    query = select(Lab.id, Lab.name, Lab.description, Lab.equipment)
    return query if ids is None else query.where(Lab.id.in_(ids))


def equipment_texts(ids: list[int] | None) -> Select:
    """A lab's equipment alone (kind "lab_equipment": the equipment filter)."""
    query = select(Lab.id, Lab.equipment)
    return query if ids is None else query.where(Lab.id.in_(ids))


search_index.register("lab", Lab, lab_texts)
search_index.register("lab_equipment", Lab, equipment_texts)


def search_labs(
    viewer: User,
    text: str = "",
    kind: str | None = None,
    organization_id: int | None = None,
    page: int = 1,
    equipment: str = "",
    free_on: date | None = None,
) -> Found:
    """One page of the labs `viewer` may see, of `kind` and `organization_id`, with every word of
    `text` and `equipment` (accents ignored, or the same concept in the other language), free on
    `free_on`; by name."""
    search, tools = parse(db.session, text), parse(db.session, equipment)
    query = select(Lab).where(
        visible_labs(viewer), search.clause("lab", Lab.id), tools.clause("lab_equipment", Lab.id)
    )
    if kind:
        query = query.where(Lab.kind == kind)
    if organization_id:
        query = query.where(Lab.organization_id == organization_id)
    if free_on is not None:
        bookable = db.session.scalars(query.with_only_columns(Lab.id).where(Lab.bookable))
        query = query.where(Lab.id.in_(free_labs(list(bookable), free_on)))
    query = query.options(joinedload(Lab.organization)).order_by(Lab.name, Lab.id)
    found = paginate(query, page)
    searches = {"lab": search, "lab_equipment": tools}
    bridges = found_through(db.session, searches, [lab.id for lab in found.items])
    return Found(found, bridges)


def create_lab(manager: User, organization: Organization, data: dict) -> tuple[Lab, bool]:
    """List a lab of `organization` managed by `manager`, then queue its match; also return if queued."""
    fields = {name: data[name] for name in FIELDS}
    lab = Lab(manager_id=manager.id, organization_id=organization.id, **fields)
    return lab, save_and_announce("lab", lab, manager.id, "lab.created", organization_id=organization.id)


def update_lab(lab: Lab, data: dict, actor_id: int) -> bool:
    """Save a lab's edited fields, then queue its match; return whether it was queued."""
    changed = changed_fields(lab, data, FIELDS)
    return save_and_announce("lab", lab, actor_id, "lab.updated", fields=changed)
