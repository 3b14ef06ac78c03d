"""Staff decisions on suggestions: approve or reject, kept across reruns."""

from __future__ import annotations

from sqlalchemy import ColumnElement, func, select, update

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
    """Approve or reject a pending suggestion (a rejected pair is never suggested again), then announce it;
    the suggestion's `announced` says whether every subscriber (an approval's introduction) succeeded."""
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
    suggestion.announced = announce(
        suggestion_decided, decision, suggestion_id=suggestion.id, actor_id=user_id, note=note
    )
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


def title_expression(kind: str, object_id: ColumnElement) -> ColumnElement:
    """The name of `kind`'s profile `object_id` in SQL, as `title_of` reads it (NULL when it is gone)."""
    model = PROFILE_MODELS[kind]
    if kind == "mentor":
        name = func.coalesce(func.nullif(model.headline, ""), User.full_name, "")
        return select(name).where(model.id == object_id, User.id == model.user_id).scalar_subquery()
    title = model.title if hasattr(model, "title") else model.name
    return select(func.coalesce(title, "")).where(model.id == object_id).scalar_subquery()


def title_of(kind: str, row: object) -> str:
    """The name a person would use for a profile row."""
    if kind == "mentor":
        return row.headline or row.user.full_name
    return getattr(row, "title", None) or getattr(row, "name", "")
