"""Technology offers for an exchange: the public research capabilities in the export format the JSON
Schema `technology_offers.schema.json` fixes, each with its organisation, fields, TRL and contact role."""

from __future__ import annotations

from pathlib import Path

from flask import url_for
from sqlalchemy import select

from incubator.api import catalogue
from incubator.challenges.models import Capability
from incubator.extensions import db
from incubator.organizations.models import ACTIVE, Membership
from incubator.pagination import paginate

FORMAT, VERSION = "bdi-technology-offers", "1"
SCHEMA_FILE = Path(__file__).with_name("technology_offers.schema.json")
OFFERS_PER_PAGE = 1000  # an exchange imports one file: almost every export is one page


def contact_roles(capabilities: list[Capability]) -> dict[int, str | None]:
    """The title to contact about each capability: its owner's when the owner is one of the organisation's
    contacts, else the organisation's first contact's; never a name or an address."""
    organization_ids = {capability.organization_id for capability in capabilities}
    rows = db.session.execute(
        select(Membership.organization_id, Membership.user_id, Membership.title)
        .where(
            Membership.organization_id.in_(organization_ids),
            Membership.is_contact.is_(True),
            Membership.status == ACTIVE,
            Membership.title != "",
        )
        .order_by(Membership.id)
    ).all()
    titles = {(organization_id, user_id): title for organization_id, user_id, title in rows}
    first: dict[int, str] = {}
    for organization_id, _user_id, title in rows:
        first.setdefault(organization_id, title)
    return {
        c.id: titles.get((c.organization_id, c.owner_id)) or first.get(c.organization_id)
        for c in capabilities
    }


def offer(capability: Capability, contact_role: str | None, site: str) -> dict:
    """One capability as an offer of the export (the schema's `offer`)."""
    return {
        "id": f"bdi-capability-{capability.id}",
        "title": capability.title,
        "description": capability.description,
        "fields": [word.strip() for word in capability.keywords.split(",") if word.strip()],
        "trl": capability.trl,
        "team": capability.team,
        "organization": capability.organization,
        "contact": {"role": contact_role, "via": site},
        "related_labs": capability.labs,
        "updated_at": capability.updated_at,
    }


def export(q: str = "", organization_id: int | None = None, page: int = 1) -> dict:
    """The export of the public capabilities the catalogue's filters select (one page of 1000)."""
    found = paginate(catalogue.public_capabilities(q, organization_id), page, OFFERS_PER_PAGE)
    roles = contact_roles(found.items)
    site = url_for("home.index", _external=True)
    following = None
    if found.page < found.pages:
        arguments = {"q": q or None, "organization_id": organization_id, "page": found.page + 1}
        following = url_for("api_exchange.technology_offers", **arguments, _external=True)
    return {
        "format": FORMAT,
        "version": VERSION,
        "source": {"name": "Binh Duong Innovation Match", "url": site},
        "filters": {"q": q or None, "organization_id": organization_id},
        "total": found.total,
        "page": found.page,
        "pages": found.pages,
        "next": following,
        "last_updated": max((c.updated_at for c in found.items), default=None),
        "offers": [offer(c, roles[c.id], site) for c in found.items],
    }
