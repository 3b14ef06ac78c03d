"""Startup services: a founder's startups, created and edited, then queued for matching."""

from __future__ import annotations

from sqlalchemy import Select, select

from incubator.accounts.models import User
from incubator.audit.services import changed_fields, save_and_announce
from incubator.extensions import db
from incubator.pagination import PER_PAGE, Pagination, paginate
from incubator.search import index as search_index
from incubator.startups.models import Startup

FIELDS = ("name", "description", "needs", "sector", "stage", "website", "team_size")


def list_startups(owner: User, page: int = 1) -> Pagination:
    """One page of the startups `owner` created, by name."""
    return paginate(owned_startups(owner), page)


def first_startups(owner: User) -> list[Startup]:
    """The first page of `owner`'s startups (the home page's list), without counting them all."""
    return list(db.session.scalars(owned_startups(owner).limit(PER_PAGE)))


def owned_startups(owner: User) -> Select:
    """The startups `owner` created, by name."""
    return select(Startup).where(Startup.owner_id == owner.id).order_by(Startup.name, Startup.id)


def create_startup(owner: User, data: dict) -> tuple[Startup, bool]:
    """Save a new startup owned by `owner`, then queue its match; also return whether it was queued."""
    startup = Startup(owner_id=owner.id, **{name: data[name] for name in FIELDS})
    return startup, save_and_announce("startup", startup, owner.id, "startup.created")


def update_startup(startup: Startup, data: dict, actor_id: int) -> bool:
    """Save `startup`'s edited fields, then queue its match; return whether it was queued."""
    changed = sorted(changed_fields(startup, data, FIELDS))
    return save_and_announce("startup", startup, actor_id, "startup.updated", fields=changed)


def startup_texts(ids: list[int] | None) -> Select:
    """A startup's searchable text: name, sector, description and needs (search entries "startup")."""
    query = select(Startup.id, Startup.name, Startup.sector, Startup.description, Startup.needs)
    return query if ids is None else query.where(Startup.id.in_(ids))


search_index.register("startup", Startup, startup_texts)
