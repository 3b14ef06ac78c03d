"""The public catalogues as the API lists them: every query built on the visibility rules of each domain
(`organizations.visibility`, `labs.visibility`, `challenges.visibility`) and the site's own search."""

from __future__ import annotations

from sqlalchemy import Select, func, select
from sqlalchemy.orm import joinedload, selectinload

from incubator.challenges.models import Capability, Challenge
from incubator.challenges.visibility import visible_capabilities, visible_challenges
from incubator.extensions import db
from incubator.labs import services as labs
from incubator.labs.models import Booking, Lab
from incubator.organizations.models import Organization
from incubator.organizations.visibility import visible_organizations
from incubator.pagination import Pagination, paginate, paginate_list
from incubator.review import programs
from incubator.search.query import parse


def organizations(page: int, kind: str | None = None, sector: str | None = None) -> Pagination:
    """Verified organisations, by name, of `kind` and `sector` (case ignored)."""
    query = select(Organization).where(visible_organizations())
    if kind:
        query = query.where(Organization.kind == kind)
    if sector:
        query = query.where(func.lower(Organization.sector) == sector.casefold())
    return paginate(query.order_by(Organization.name, Organization.id), page)


def public_labs(page: int, q: str = "", **criteria: object) -> Pagination:
    """Public labs, through the site's lab search (kind, organisation, free on a day)."""
    return labs.search_labs(None, text=q, page=page, **criteria).page


def public_capabilities(q: str = "", organization_id: int | None = None) -> Select:
    """SQL: the public research capabilities with every word of `q` (of one organisation), by title."""
    query = select(Capability).where(
        visible_capabilities(), parse(db.session, q).clause("capability", Capability.id)
    )
    if organization_id:
        query = query.where(Capability.organization_id == organization_id)
    query = query.options(joinedload(Capability.organization), selectinload(Capability.labs))
    return query.order_by(Capability.title, Capability.id)


def capabilities(page: int, q: str = "", organization_id: int | None = None) -> Pagination:
    """Public research capabilities with every word of `q`, by title."""
    return paginate(public_capabilities(q, organization_id), page)


def challenges(page: int, q: str = "", sector: str | None = None, status: str | None = None) -> Pagination:
    """Public challenges with every word of `q`, newest first (their confidential part is never listed)."""
    query = select(Challenge).where(
        visible_challenges(), parse(db.session, q).clause("challenge", Challenge.id)
    )
    if sector:
        query = query.where(func.lower(Challenge.sector) == sector.casefold())
    if status:
        query = query.where(Challenge.status == status)
    query = query.options(joinedload(Challenge.organization))
    return paginate(query.order_by(Challenge.id.desc()), page)


def open_programs(page: int) -> Pagination:
    """The programs taking applications today, closing soonest first (as the site's programs page)."""
    return paginate_list(programs.open_programs(), page)


def own_challenges(organization_id: int, page: int) -> Pagination:
    """Every challenge of the organisation, newest first."""
    query = select(Challenge).where(Challenge.organization_id == organization_id)
    return paginate(query.options(joinedload(Challenge.organization)).order_by(Challenge.id.desc()), page)


def own_capabilities(organization_id: int, page: int) -> Pagination:
    """Every capability of the organisation, by title."""
    query = select(Capability).where(Capability.organization_id == organization_id)
    query = query.options(joinedload(Capability.organization), selectinload(Capability.labs))
    return paginate(query.order_by(Capability.title, Capability.id), page)


def own_bookings(organization_id: int, page: int) -> Pagination:
    """The bookings of the organisation's labs, latest start first."""
    query = select(Booking).join(Lab, Lab.id == Booking.lab_id).where(Lab.organization_id == organization_id)
    return paginate(query.order_by(Booking.starts_at.desc(), Booking.id), page)
