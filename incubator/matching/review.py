"""Staff review of suggestions: the filtered queue (best first), the side-by-side view, bulk decisions."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    Subquery,
    bindparam,
    case,
    cast,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
)

from incubator.extensions import db
from incubator.matching.corpus import PROFILE_MODELS
from incubator.matching.decisions import DecisionRefused, decide_suggestion, title_expression, title_of
from incubator.matching.highlight import highlight
from incubator.matching.models import Suggestion
from incubator.organizations.models import Organization
from incubator.pagination import Pagination, paginate_rows

SECTOR_FIELDS = {"challenge": "sector", "startup": "sector", "mentor": "sectors"}
# the public text of each kind of profile, field by field (a challenge's confidential details never)
TEXT_FIELDS = {
    "challenge": ("description", "desired_outcome", "sector"),
    "capability": ("description", "team", "keywords"),
    "lab": ("description", "equipment"),
    "mentor": ("headline", "expertise", "sectors"),
    "startup": ("description", "needs", "sector"),
}
# what a row of the review queue shows: plain columns, no ORM objects to build and track
QUEUE_COLUMNS = (
    Suggestion.id,
    Suggestion.kind,
    Suggestion.source_type,
    Suggestion.source_id,
    Suggestion.target_type,
    Suggestion.target_id,
    Suggestion.score,
    Suggestion.terms,
    Suggestion.status,
    Suggestion.reject_reason,
)


def side_clause(type_column: object, id_column: object, kinds: dict[str, object]) -> object:
    """Rows whose (type, id) names a profile of one of `kinds` passing that kind's condition."""
    clauses = [
        (type_column == kind) & id_column.in_(select(PROFILE_MODELS[kind].id).where(condition))
        for kind, condition in kinds.items()
    ]
    return or_(*clauses) if clauses else Suggestion.id.is_(None)


def either_side(kinds: dict[str, object]) -> object:
    """Suggestions whose source or target passes `kinds`' conditions."""
    return or_(
        side_clause(Suggestion.source_type, Suggestion.source_id, kinds),
        side_clause(Suggestion.target_type, Suggestion.target_id, kinds),
    )


def queue_query(
    status: str = "pending",
    kind: str = "",
    sector: str = "",
    organization: int | None = None,
    min_score: float | None = None,
    run: int | None = None,
) -> tuple[Select, dict[str, object]]:
    """The suggestions passing the filters, best first (the columns the queue shows), and the values
    to bind: the statement is built once per combination of filters in use."""
    pattern = f"%{sector.lower()}%" if sector else ""
    values = {"kind": kind, "sector": pattern, "organization": organization, "run": run}
    values = {"status": status} | {name: value for name, value in values.items() if value}
    if min_score is not None:
        values["min_score"] = min_score
    return filtered_queue(frozenset(values)), values


@functools.cache
def filtered_queue(filters: frozenset[str]) -> Select:
    """The queue filtered by the `filters` named (status always), their values bound at execution."""
    query = select(*QUEUE_COLUMNS).where(Suggestion.status == bindparam("status"))
    if "kind" in filters:
        query = query.where(Suggestion.kind == bindparam("kind"))
    if "sector" in filters:
        pattern = bindparam("sector")
        kinds = {k: func.lower(getattr(PROFILE_MODELS[k], f)).like(pattern) for k, f in SECTOR_FIELDS.items()}
        query = query.where(either_side(kinds))
    if "organization" in filters:
        owned, organization = ("challenge", "capability", "lab"), bindparam("organization")
        query = query.where(
            either_side({k: PROFILE_MODELS[k].organization_id == organization for k in owned})
        )
    if "min_score" in filters:
        query = query.where(Suggestion.score >= bindparam("min_score"))
    if "run" in filters:
        query = query.where(Suggestion.run_id == bindparam("run"))
    return query.order_by(Suggestion.score.desc(), Suggestion.id)


def queue_page(page: int = 1, **filters: object) -> Pagination:
    """One page of the review queue: 20 suggestions, as every list (a reviewer reads each one), named."""
    query, values = queue_query(**filters)
    return paginate_rows(query, page, around=with_titles, values=values)


def with_titles(page: Subquery) -> Select:
    """A page of the queue with both sides' titles, in the queue's order: only its rows' are looked up."""
    return select(
        page,
        side_title(page.c.source_type, page.c.source_id).label("source_title"),
        side_title(page.c.target_type, page.c.target_id).label("target_title"),
    ).order_by(page.c.score.desc(), page.c.id)


def side_title(type_column: ColumnElement, id_column: ColumnElement) -> ColumnElement:
    """The title of the profile one side of a suggestion names, as `title_of` reads it ("#id" when gone)."""
    by_kind = case({kind: title_expression(kind, id_column) for kind in PROFILE_MODELS}, value=type_column)
    return func.coalesce(by_kind, literal("#") + cast(id_column, String))


def filter_choices() -> tuple[list[tuple[int, str]], list[str]]:
    """The filters' choices in one query: (id, name) of every organization by name, as
    `organization_choices`, and the sectors challenges and startups name (the rows without an id)."""
    organizations, sectors = [], set()
    for row_id, name in db.session.execute(FILTER_CHOICES):
        if row_id is not None:
            organizations.append((row_id, name))
        elif name:
            sectors.add(name)
    return organizations, sorted(sectors, key=str.casefold)


def organization_choices() -> list[tuple[int, str]]:
    """(id, name) of every organization, by name."""
    rows = db.session.execute(select(Organization.id, Organization.name).order_by(Organization.name))
    return [(row.id, row.name) for row in rows]


# (organization id, name) by name, and (None, sector) of every challenge and startup: built once
_named = union_all(
    select(Organization.id, Organization.name.label("name")),
    *(select(null(), PROFILE_MODELS[kind].sector.label("name")) for kind in ("challenge", "startup")),
)
FILTER_CHOICES = _named.order_by(_named.selected_columns.name)


@dataclass
class ProfileView:
    """One side of the side-by-side view: its title, organization and highlighted text fields."""

    kind: str
    title: str
    organization: str
    fields: list[tuple[str, object]]


def profile_view(kind: str, object_id: int, terms: list[str]) -> ProfileView | None:
    """A profile's public text with the explanation `terms` highlighted, or None when gone."""
    row = db.session.get(PROFILE_MODELS[kind], object_id) if kind in PROFILE_MODELS else None
    if row is None:
        return None
    organization = getattr(row, "organization", None)
    fields = [(name, highlight(getattr(row, name) or "", terms)) for name in TEXT_FIELDS[kind]]
    title = highlight(title_of(kind, row), terms)
    return ProfileView(kind, title, organization.name if organization else "", fields)


def side_by_side(suggestion: Suggestion) -> tuple[ProfileView | None, ProfileView | None]:
    """Both profiles of a suggestion, its terms highlighted in each."""
    terms = list(suggestion.terms or [])
    return (
        profile_view(suggestion.source_type, suggestion.source_id, terms),
        profile_view(suggestion.target_type, suggestion.target_id, terms),
    )


def decide_many(ids: list[int], decision: str, user_id: int, reason: str = "", note: str = "") -> int:
    """Decide each selected suggestion (each its own audited transaction); return how many were decided."""
    decided = 0
    for suggestion_id in dict.fromkeys(ids):
        try:
            decide_suggestion(suggestion_id, decision, user_id, reason, note)
        except DecisionRefused:
            db.session.rollback()
            continue
        decided += 1
    return decided
