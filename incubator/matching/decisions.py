"""Staff decisions on suggestions: approve or reject, kept across reruns."""

from __future__ import annotations

from sqlalchemy import Select, bindparam, literal, null, select, union_all, update
from sqlalchemy.orm import Session

from incubator.accounts.models import User
from incubator.audit.services import record
from incubator.database import utcnow
from incubator.errors import N_, DomainError
from incubator.events import announce, suggestion_decided
from incubator.extensions import db
from incubator.matching.corpus import PROFILE_MODELS
from incubator.matching.models import REJECT_REASONS, Suggestion

DECISIONS = ("approved", "rejected")


class DecisionRefused(DomainError):
    """The suggestion cannot take this decision."""


class RejectReasonRefused(DecisionRefused):
    """A rejection without a reason from the fixed list."""


def decide_suggestion(
    suggestion_id: int, decision: str, user_id: int, reason: str = "", note: str = ""
) -> Suggestion:
    """Approve or reject a pending suggestion (a rejected pair is never suggested again), then announce it."""
    if decision not in DECISIONS:
        raise DecisionRefused(N_("Unknown suggestion or decision."))
    if decision == "rejected" and reason not in REJECT_REASONS:  # counted by reason in the figures
        raise RejectReasonRefused(
            N_(
                "A rejection needs a reason from the list: not relevant, too early, no capacity, "
                "conflict of interest or other."
            )
        )
    reason, note = (reason or "") if decision == "rejected" else "", (note or "").strip()
    decided = db.session.execute(
        update(Suggestion)
        .where(Suggestion.id == suggestion_id, Suggestion.status == "pending")
        .values(
            status=decision,
            decided_by_id=user_id,
            decided_at=utcnow(),
            reject_reason=reason,
            decision_note=note,
        )
    )
    if decided.rowcount != 1:  # decided by someone else, or replaced by a newer match meanwhile
        db.session.rollback()
        refused_because(suggestion_id)
    suggestion = db.session.get(Suggestion, suggestion_id)
    db.session.refresh(suggestion)
    record(user_id, f"suggestion.{decision}", suggestion, score=suggestion.score, reason=reason, note=note)
    db.session.commit()
    announce(suggestion_decided, decision, suggestion_id=suggestion.id, actor_id=user_id, note=note)
    return suggestion


def refused_because(suggestion_id: int) -> None:
    """Say why a suggestion took no decision: already decided, or no longer there."""
    if db.session.get(Suggestion, suggestion_id) is not None:
        raise DecisionRefused(N_("This suggestion was already decided."))
    raise DecisionRefused(N_("This suggestion is no longer offered: a newer match replaced it."))


def suggestions_page(status: str = "pending", kind: str = "", page: int = 1, per_page: int = 60):  # noqa: ANN201
    """One page of suggestions with `status` (and `kind`, e.g. "challenge-capability"), best first."""
    query = select(Suggestion).where(Suggestion.status == status)
    if kind:
        query = query.where(Suggestion.kind == kind)
    query = query.order_by(Suggestion.source_type, Suggestion.source_id, Suggestion.score.desc())
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


class Titles(dict):
    """Profile names by (kind, id); a profile that is gone reads as "#id"."""

    def __missing__(self, key: tuple[str, int]) -> str:
        return f"#{key[1]}"


def profile_titles(session: Session, suggestions: list) -> Titles:
    """Readable names of every profile a list of suggestions mentions, in one query (as `title_of`)."""
    wanted: dict[str, set[int]] = {kind: set() for kind in PROFILE_MODELS}
    for s in suggestions:
        wanted[s.source_type].add(s.source_id)
        wanted[s.target_type].add(s.target_id)
    if not any(wanted.values()):
        return Titles()
    rows = session.execute(TITLES, {kind: sorted(ids) for kind, ids in wanted.items()})
    return Titles(((kind, object_id), title or fallback or "") for kind, object_id, title, fallback in rows)


def title_columns(kind: str) -> Select:
    """(kind, id, title, fallback) of `kind`'s profiles: `title_of` is `title or fallback` of a row."""
    model = PROFILE_MODELS[kind]
    if kind == "mentor":
        columns = select(literal(kind), model.id, model.headline, User.full_name)
        return columns.join(User, User.id == model.user_id)
    title = model.title if hasattr(model, "title") else model.name
    return select(literal(kind), model.id, title, null())


# The titles of the profiles whose ids are bound to their kind's name: built once (building it per
# page cost more than running it), an empty list of ids selects nothing.
TITLES = union_all(
    *(
        title_columns(kind).where(model.id.in_(bindparam(kind, expanding=True)))
        for kind, model in PROFILE_MODELS.items()
    )
)


def title_of(kind: str, row: object) -> str:
    """The name a person would use for a profile row."""
    if kind == "mentor":
        return row.headline or row.user.full_name
    return getattr(row, "title", None) or getattr(row, "name", "")
