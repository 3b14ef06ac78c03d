"""Matching reacts to what other domains announce: a saved profile is flagged and queued."""

from __future__ import annotations

from incubator.events import profile_saved
from incubator.extensions import db
from incubator.matching import incremental


def queue_saved_profile(kind: str, object_id: int, **_: object) -> bool:
    """Flag and queue the incremental match of a saved profile; False when the broker refused it."""
    try:
        return incremental.queue_profile_match(kind, object_id)
    except Exception:
        db.session.rollback()  # leave the request's session usable; the save is already committed
        raise


def connect() -> None:
    """Subscribe matching to the events it reacts to (idempotent: a receiver is connected once)."""
    profile_saved.connect(queue_saved_profile)
