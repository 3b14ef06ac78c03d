"""Partnerships react to staff decisions: an approved suggestion becomes an introduction."""

from __future__ import annotations

from incubator.events import suggestion_decided
from incubator.extensions import db
from incubator.partnerships.introductions import create_introduction


def introduce_approved(decision: str, suggestion_id: int, actor_id: int, note: str = "", **_: object) -> bool:
    """Create the introduction of an approved suggestion (a rejection needs nothing)."""
    if decision != "approved":
        return True
    try:
        return create_introduction(suggestion_id, actor_id, note) is not None
    except Exception:
        db.session.rollback()  # the decision is already committed; keep the session usable
        raise


def connect() -> None:
    """Subscribe partnerships to the events it reacts to (a receiver is connected once)."""
    suggestion_decided.connect(introduce_approved)
