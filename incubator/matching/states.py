"""What matching has found for a profile so far, read on the profile's own page by its owner."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select

from incubator.extensions import db
from incubator.matching.corpus import document_id
from incubator.matching.models import MatchingRun, PendingMatch, Suggestion

LIVE = ("pending", "approved")


def match_states(kind: str, ids: Iterable[int]) -> dict[int, dict]:
    """For each source id of `kind`: its state and how many partners are suggested.

    "waiting": saved and queued for its own match; "suggested": at least one pair above the floor
    (pending staff review or approved); "none": matched, and nothing scored above the floor
    ("no strong match yet"); "unmatched": no run has covered it yet.
    """
    ids = list(ids)
    if not ids:
        return {}
    counts = dict(
        db.session.execute(
            select(Suggestion.source_id, func.count())
            .where(Suggestion.source_type == kind, Suggestion.source_id.in_(ids))
            .where(Suggestion.status.in_(LIVE))
            .group_by(Suggestion.source_id)
        ).all()
    )
    flagged = set(
        db.session.scalars(
            select(PendingMatch.document_id).where(
                PendingMatch.document_id.in_([document_id(kind, i) for i in ids])
            )
        )
    )
    ever_ran = db.session.scalar(select(MatchingRun.id).where(MatchingRun.status == "done").limit(1))
    return {i: state_of(counts.get(i, 0), document_id(kind, i) in flagged, ever_ran is not None) for i in ids}


def state_of(count: int, waiting: bool, ever_ran: bool) -> dict:
    """One source's state from its live suggestions, its match flag and whether any run finished."""
    if count:
        return {"state": "suggested", "count": count}
    if waiting:
        return {"state": "waiting", "count": 0}
    return {"state": "none" if ever_ran else "unmatched", "count": 0}
