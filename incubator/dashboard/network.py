"""The network of who works with whom: organizations and startups as nodes, partnerships as edges."""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy import or_, select

from incubator.extensions import db
from incubator.organizations.models import Organization
from incubator.organizations.visibility import visible_organizations, visible_through
from incubator.partnerships.models import Partnership
from incubator.startups.models import Startup

KIND_ORDER = ("government", "university", "enterprise", "incubator", "startup")
SIZE, RADIUS = 640, 250  # the SVG's square view box and the circle the nodes sit on


@dataclass
class Node:
    """An organization or a startup, placed on the circle."""

    id: str
    name: str
    kind: str
    partnerships: int = 0
    x: float = 0.0
    y: float = 0.0
    link: str = ""


def side_node(kind: str, object_id: int, organization_id: int | None) -> str | None:
    """The node a partnership side stands for: its organization, else its startup (a mentor: none)."""
    if organization_id:
        return f"organization:{organization_id}"
    return f"startup:{object_id}" if kind == "startup" else None


def public_side(organization_id: object) -> object:
    """SQL: a partnership side without an organization, or with a public one."""
    return or_(organization_id.is_(None), visible_through(organization_id))


def edges() -> list[dict]:
    """One edge per partnership whose two sides are organizations or startups (public organizations only)."""
    public = public_side(Partnership.source_organization_id), public_side(Partnership.target_organization_id)
    rows = db.session.scalars(select(Partnership).where(*public).order_by(Partnership.id))
    found = []
    for p in rows:
        source = side_node(p.source_type, p.source_id, p.source_organization_id)
        target = side_node(p.target_type, p.target_id, p.target_organization_id)
        if source and target:
            found.append({"partnership": p.id, "source": source, "target": target, "status": p.status})
    return found


def nodes(links: list[dict]) -> list[Node]:
    """Every public organization and each partnered startup, by kind then name, placed on a circle."""
    found = {
        f"organization:{o.id}": Node(f"organization:{o.id}", o.name, o.kind, link=f"/organizations/{o.id}")
        for o in db.session.scalars(select(Organization).where(visible_organizations()))
    }
    startup_ids = {
        int(n.split(":")[1]) for e in links for n in (e["source"], e["target"]) if n.startswith("startup:")
    }
    if startup_ids:
        for s in db.session.scalars(select(Startup).where(Startup.id.in_(startup_ids))):
            found[f"startup:{s.id}"] = Node(f"startup:{s.id}", s.name, "startup")
    for edge in links:
        for end in (edge["source"], edge["target"]):
            if end in found:
                found[end].partnerships += 1
    ordered = sorted(found.values(), key=lambda n: (KIND_ORDER.index(n.kind), n.name.casefold()))
    place(ordered)
    return ordered


def place(ordered: list[Node]) -> None:
    """Put the nodes evenly on a circle, kinds in sectors (the triple helix reads as groups)."""
    count = max(len(ordered), 1)
    for i, node in enumerate(ordered):
        angle = 2 * math.pi * i / count - math.pi / 2
        node.x = round(SIZE / 2 + RADIUS * math.cos(angle), 1)
        node.y = round(SIZE / 2 + RADIUS * math.sin(angle), 1)


def network() -> dict:
    """Nodes, edges (with node positions for drawing) and the view box size."""
    links = edges()
    placed = nodes(links)
    by_id = {n.id: n for n in placed}
    drawn = [
        e | {"from": by_id[e["source"]], "to": by_id[e["target"]]}
        for e in links
        if e["source"] in by_id and e["target"] in by_id
    ]
    return {"nodes": placed, "edges": drawn, "size": SIZE}
