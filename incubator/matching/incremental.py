"""Incremental matching: a saved profile is ranked on its own, without a full run."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
from flask import current_app
from sqlalchemy import delete, or_, select, update

from incubator.database import upsert, utcnow
from incubator.extensions import db
from incubator.matchcore import Document, Matcher
from incubator.matching import fitted
from incubator.matching.corpus import MATCH_KINDS, SOURCE_KINDS, document_id, load_document
from incubator.matching.models import PendingMatch
from incubator.matching.suggestions import (
    allowed_for,
    forget_document,
    offer_target,
    rank_by_kind,
    replace_pending,
)
from incubator.outbox.services import dispatch

TASK = "incubator.matching.tasks.match_profile"
CANDIDATE_SOURCES = 200  # a new target is offered to at most this many of its closest sources


def queue_profile_match(kind: str, object_id: int) -> bool:
    """Flag a saved profile for matching and queue its match, in one commit (the outbox sends it)."""
    doc_id = document_id(kind, object_id)
    raise_flag(doc_id)
    dispatch(TASK, doc_id)
    db.session.commit()
    return True


def raise_flag(doc_id: str) -> None:
    """Insert or reset the flag of `doc_id`, noted as queued (concurrent saves never collide)."""
    now = utcnow()
    insert = upsert(db.session, PendingMatch).values(
        document_id=doc_id, queued_at=now, created_at=now, updated_at=now
    )
    db.session.execute(
        insert.on_conflict_do_update(
            index_elements=[PendingMatch.document_id], set_={"queued_at": now, "updated_at": now}
        )
    )


def dispatch_flagged() -> int:
    """Queue again the flags never queued, or queued too long ago (a task lost); return how many."""
    lost = utcnow() - timedelta(seconds=current_app.config["MATCHING_REQUEUE_AFTER"])
    waiting = or_(PendingMatch.queued_at.is_(None), PendingMatch.queued_at < lost)
    doc_ids = db.session.scalars(select(PendingMatch.document_id).where(waiting)).all()
    queued = 0
    for doc_id in doc_ids:
        still = update(PendingMatch).where(PendingMatch.document_id == doc_id, waiting)
        if db.session.execute(still.values(queued_at=utcnow())).rowcount == 1:  # not cleared meanwhile
            dispatch(TASK, doc_id)
            queued += 1
    db.session.commit()
    return queued


def match_profile(doc_id: str) -> int:
    """Rank one profile as a source and as a target; return the suggestions added or refreshed."""
    document = load_document(db.session, doc_id)
    forget_document(doc_id)
    written = 0
    if document is not None:
        matcher = fitted.recent_matcher(db.session, current_app.config["MATCHING_MODEL_TTL"])
        k = current_app.config["MATCHING_TOP_K"]
        if document.kind in SOURCE_KINDS:
            written += replace_pending(rank_by_kind(matcher, [document], k), None)
        written += match_as_target(matcher, document, k)
    db.session.execute(delete(PendingMatch).where(PendingMatch.document_id == doc_id))
    db.session.commit()
    return written


def match_as_target(matcher: Matcher, target: Document, k: int) -> int:
    """Offer `target` to the sources it fits best, where it enters that source's top k of its kind."""
    candidates = closest_sources(matcher, target)
    if not candidates:
        return 0
    scores = matcher.top_k(candidates, [target], 1, allowed_for(candidates))
    return offer_target(target, scores, k)


def closest_sources(matcher: Matcher, target: Document) -> list[Document]:
    """The fitted sources most similar to `target` (one sparse product over their stored rows)."""
    kinds = {s for s, targets in MATCH_KINDS.items() if target.kind in targets}
    positions = np.array([i for i, d in enumerate(matcher.targets_) if d.kind in kinds and d.id != target.id])
    if positions.size == 0:
        return []
    scores = (matcher.matrix_[positions] @ matcher.transform([target]).T).toarray().ravel()
    best = np.argsort(-scores, kind="stable")[:CANDIDATE_SOURCES]
    return [matcher.targets_[positions[i]] for i in best if scores[i] > 0]


def pending_count() -> int:
    """Profiles saved but not yet matched."""
    return db.session.query(PendingMatch).count()
