"""The network of who works with whom: organizations and startups as nodes, partnerships as edges.

The picture is laid out on the server by networkx's force-directed layout (seeded, so the same data
always draws the same way), every node gets a label placed where it overlaps nothing already drawn,
and the partnerships between one pair are drawn as one line carrying their count.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

import networkx as nx
from sqlalchemy import or_, select

from incubator.extensions import db
from incubator.organizations.models import Organization
from incubator.organizations.visibility import visible_organizations, visible_through
from incubator.partnerships.models import Partnership
from incubator.startups.models import Startup

KIND_ORDER = ("government", "university", "enterprise", "incubator", "startup")
SIZE, MARGIN = 640, 70  # the SVG's square view box, and the room kept at its edges for labels
MIN_GAP = 90  # the least distance between two nodes' centres once laid out
LABEL_CHARS, CHAR_WIDTH, LABEL_HEIGHT = 26, 6.6, 14  # a label's length and its estimated box (12 px font)
STATUS_ORDER = ("active", "proposed", "completed", "ended")  # the status a pair's line is drawn in


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
    label: str = ""
    label_x: float = 0.0
    label_y: float = 0.0
    anchor: str = "middle"
    label_box: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # where the label was placed

    @property
    def radius(self) -> int:
        """The circle's radius: larger with more partnerships, up to a cap."""
        return 9 + 3 * min(self.partnerships, 6)


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
    """Every public organization and each partnered startup, by kind then name, laid out and labelled."""
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
    place(ordered, links)
    label(ordered)
    return ordered


def place(ordered: list[Node], links: list[dict]) -> None:
    """Lay the nodes out by force (partners pulled together, every node pushing the others away),
    seeded so a page always draws the same picture, scaled into the view box."""
    graph = nx.Graph()
    graph.add_nodes_from(node.id for node in ordered)
    for (source, target), count in pair_counts(links).items():
        if source in graph and target in graph:
            graph.add_edge(source, target, weight=count)
    if len(ordered) < 2:
        for node in ordered:
            node.x = node.y = SIZE / 2
        return
    positions = nx.spring_layout(graph, k=2.5 / len(ordered) ** 0.5, iterations=300, weight=None, seed=7)
    xs, ys = [p[0] for p in positions.values()], [p[1] for p in positions.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
    scale = (SIZE - 2 * MARGIN) / span
    for node in ordered:
        x, y = positions[node.id]
        node.x, node.y = MARGIN + (x - min(xs)) * scale, MARGIN + (y - min(ys)) * scale
    spread_apart(ordered)
    for node in ordered:
        node.x, node.y = round(node.x, 1), round(node.y, 1)


def spread_apart(ordered: list[Node], gap: float = MIN_GAP, rounds: int = 60) -> None:
    """Push apart nodes closer than `gap` (the force layout may set partners almost on each other),
    keeping every node inside the margins."""
    for _ in range(rounds):
        moved = False
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                dx, dy = b.x - a.x, b.y - a.y
                distance = (dx * dx + dy * dy) ** 0.5
                if distance < gap:
                    if distance < 1e-6:
                        dx, dy, distance = 1.0, 0.0, 1.0
                    push = (gap - distance) / 2 / distance
                    a.x, a.y, b.x, b.y = a.x - dx * push, a.y - dy * push, b.x + dx * push, b.y + dy * push
                    moved = True
        for node in ordered:
            node.x = min(max(node.x, MARGIN), SIZE - MARGIN)
            node.y = min(max(node.y, MARGIN), SIZE - MARGIN)
        if not moved:
            return


Box = tuple[float, float, float, float]  # left, top, right, bottom


def _overlap(a: Box, b: Box) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0.0


def label_spots(node: Node, width: float) -> list[tuple[float, float, str, Box]]:
    """Where `node`'s label may go, in order of preference: right, left, below, above of the circle,
    each as (x, baseline y, text-anchor, box)."""
    gap, half = node.radius + 4, LABEL_HEIGHT / 2
    x, y = node.x, node.y
    return [
        (x + gap, y + half - 3, "start", (x + gap, y - half, x + gap + width, y + half)),
        (x - gap, y + half - 3, "end", (x - gap - width, y - half, x - gap, y + half)),
        (
            x,
            y + gap + LABEL_HEIGHT - 3,
            "middle",
            (x - width / 2, y + gap, x + width / 2, y + gap + LABEL_HEIGHT),
        ),
        (x, y - gap - 3, "middle", (x - width / 2, y - gap - LABEL_HEIGHT, x + width / 2, y - gap)),
    ]


def label(ordered: list[Node]) -> None:
    """Give every node a label beside it, at the first spot that overlaps no circle, no label already
    placed and stays in the picture, else at the spot overlapping least (busiest nodes first)."""
    taken: list[Box] = [(n.x - n.radius, n.y - n.radius, n.x + n.radius, n.y + n.radius) for n in ordered]

    def cost(box: Box) -> float:
        outside = max(0.0, -box[0]) + max(0.0, box[2] - SIZE) + max(0.0, -box[1]) + max(0.0, box[3] - SIZE)
        return sum(_overlap(box, other) for other in taken) + 100 * outside

    for node in sorted(ordered, key=lambda n: -n.partnerships):
        text = node.name if len(node.name) <= LABEL_CHARS else node.name[: LABEL_CHARS - 1].rstrip() + "…"
        x, y, anchor, box = min(label_spots(node, len(text) * CHAR_WIDTH), key=lambda spot: cost(spot[3]))
        node.label, node.label_x, node.label_y, node.anchor = text, round(x, 1), round(y, 1), anchor
        node.label_box = box
        taken.append(box)


def pair_counts(links: list[dict]) -> Counter:
    """How many partnerships join each pair of nodes, whatever their direction."""
    return Counter(tuple(sorted((e["source"], e["target"]))) for e in links)


def lines(links: list[dict], by_id: dict[str, Node]) -> list[dict]:
    """One line per pair of partners: its two nodes, how many partnerships it stands for and their
    statuses, drawn in the liveliest of them."""
    statuses: dict[tuple[str, str], list[str]] = defaultdict(list)
    for e in links:
        statuses[tuple(sorted((e["source"], e["target"])))].append(e["status"])
    drawn = []
    for (source, target), found in statuses.items():
        if source in by_id and target in by_id:
            a, b = by_id[source], by_id[target]
            status = min(
                found, key=lambda s: STATUS_ORDER.index(s) if s in STATUS_ORDER else len(STATUS_ORDER)
            )
            middle = (round((a.x + b.x) / 2, 1), round((a.y + b.y) / 2, 1))
            drawn.append({"from": a, "to": b, "count": len(found), "statuses": found, "status": status,
                          "middle": middle})  # fmt: skip
    return drawn


def network() -> dict:
    """Nodes, edges (one per partnership, with node positions), lines (one per pair) and the view box size."""
    links = edges()
    placed = nodes(links)
    by_id = {n.id: n for n in placed}
    drawn = [
        e | {"from": by_id[e["source"]], "to": by_id[e["target"]]}
        for e in links
        if e["source"] in by_id and e["target"] in by_id
    ]
    return {"nodes": placed, "edges": drawn, "lines": lines(links, by_id), "size": SIZE}
