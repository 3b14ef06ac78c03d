"""The staff queue: filter, search (with or without diacritics), sort and page; CSV of a program."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import contains_eager, joinedload

from incubator.accounts.models import User
from incubator.csv_export import csv_text
from incubator.extensions import db
from incubator.labels import label
from incubator.localtime import to_local
from incubator.matchcore.normalize import fold
from incubator.pagination import paginate_list
from incubator.review.models import Application, Program
from incubator.review.programs import criteria
from incubator.review.reviews import Scores, program_scores, programs_hiding_scores
from incubator.search.query import Found, Search, parse
from incubator.startups.models import Startup

SORTS = {
    "startup": lambda row: fold(row.application.startup.name),
    "program": lambda row: fold(row.application.program.name),
    "sector": lambda row: fold(row.application.startup.sector),
    "status": lambda row: row.application.status,
    "submitted": lambda row: row.application.submitted_at or row.application.created_at,
    "reviews": lambda row: row.scores.reviews,
    "weighted": lambda row: row.scores.weighted or 0.0,
    "normalised": lambda row: row.scores.normalised or 0.0,
}


@dataclass
class Row:
    """An application with its scores."""

    application: Application
    scores: Scores
    hidden: bool = False  # the viewer has reviews to submit in this program: scores blanked


def _rows(
    viewer: User,
    program_id: int | None = None,
    status: str = "",
    sector: str = "",
    search: Search | None = None,
) -> list[Row]:
    """Applications (drafts excluded) matching the SQL filters, with the scores `viewer` may see."""
    query = (
        select(Application)
        .join(Startup, Startup.id == Application.startup_id)
        .where(Application.status != "draft")
        .options(joinedload(Application.program), contains_eager(Application.startup))  # one query
    )
    if program_id:
        query = query.where(Application.program_id == program_id)
    if status:
        query = query.where(Application.status == status)
    if sector:
        query = query.where(Startup.sector == sector)
    if search:
        query = query.where(search.clause("startup", Application.startup_id))
    applications = list(db.session.scalars(query))
    scores: dict[int, dict[int, Scores]] = {}
    for pid in {a.program_id for a in applications}:
        scores[pid] = program_scores(pid)
    hidden = programs_hiding_scores(viewer)
    rows = [Row(a, scores[a.program_id].get(a.id) or _empty(a)) for a in applications]
    # Blanked before any filter or sort, so neither can reveal a hidden score.
    return [_blanked(row) if row.application.program_id in hidden else row for row in rows]


def _empty(application: Application) -> Scores:
    return Scores(0, {c["key"]: None for c in application.program.rubric}, None, None, None)


def _blanked(row: Row) -> Row:
    """`row` without its peers' scores (their number stays: it is not a score)."""
    return Row(row.application, replace(_empty(row.application), reviews=row.scores.reviews), hidden=True)


def _in_range(value: float | None, low: float | None, high: float | None) -> bool:
    if low is None and high is None:
        return True
    return value is not None and (low is None or value >= low) and (high is None or value <= high)


def review_queue(filters: dict, viewer: User, page: int = 1) -> Found:
    """One page of `viewer`'s queue: filters program/status/sector/score range/q, sort and direction.

    `q` finds the startups with its words in their name, sector, description or needs (accents
    ignored, or the same concept in the other language)."""
    search = parse(db.session, filters.get("q") or "")
    status, sector = filters.get("status") or "", filters.get("sector") or ""
    rows = _rows(viewer, filters.get("program"), status, sector, search)
    low, high = filters.get("min_score"), filters.get("max_score")
    rows = [row for row in rows if _in_range(row.scores.weighted, low, high)]
    sort = filters.get("sort") if filters.get("sort") in SORTS else "submitted"
    descending = filters.get("direction", "desc" if sort == "submitted" else "asc") == "desc"
    rows.sort(key=lambda row: (SORTS[sort](row), row.application.id), reverse=descending)
    page_of_rows = paginate_list(rows, page)
    startups = {row.application.startup_id for row in page_of_rows.items}
    return Found(page_of_rows, search.found_through(db.session, "startup", startups))


def sectors() -> list[str]:
    """The sectors of startups that applied, for the filter."""
    query = select(Startup.sector).join(Application, Application.startup_id == Startup.id).distinct()
    return sorted(s for s in db.session.scalars(query) if s)


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def program_csv(program: Program, headers: list[str], viewer: User, locale: str = "vi") -> bytes:
    """The program's applications with every criterion's average, weighted and normalised scores.

    Scores stay blank while `viewer` has reviews to submit in the program (reviews.programs_hiding_scores).

    UTF-8 with a byte order mark so Excel shows Vietnamese correctly; `headers` are the translated
    names of the fixed columns (startup, sector, status, submitted, reviews, weighted, spread,
    normalised); criteria columns carry the rubric's labels in `locale` (else the other language).
    """
    rubric = criteria(program.rubric, locale)
    lines = [headers[:5] + [c["label"] for c in rubric] + headers[5:]]
    rows = sorted(_rows(viewer, program.id), key=lambda row: fold(row.application.startup.name))
    for row in rows:
        app, scores = row.application, row.scores
        submitted = to_local(app.submitted_at).strftime("%Y-%m-%d %H:%M") if app.submitted_at else ""
        lines.append(
            [app.startup.name, app.startup.sector, str(label(app.status, "application_status")),
             submitted, scores.reviews]
            + [_number(scores.criteria.get(c["key"])) for c in rubric]
            + [_number(scores.weighted), _number(scores.spread), _number(scores.normalised)]
        )  # fmt: skip
    return csv_text(lines).encode("utf-8-sig")
