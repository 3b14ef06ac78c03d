"""Incremental matching: a saved profile is ranked on its own, without a full run."""

from __future__ import annotations

import numpy as np
from flask import current_app
from sqlalchemy import delete, select

from incubator.database import utcnow
from incubator.extensions import db
from incubator.matchcore import Document, Matcher
from incubator.matching import fitted
from incubator.matching.corpus import MATCH_KINDS, SOURCE_KINDS, document_id, load_document
from incubator.matching.models import PendingMatch
from incubator.matching.services import dispatch
from incubator.matching.suggestions import (
    allowed_for,
    forget_document,
    offer_target,
    rank_by_kind,
    replace_pending,
)

TASK = "incubator.matching.tasks.match_profile"
CANDIDATE_SOURCES = 200  # a new target is offered to at most this many of its closest sources


def queue_profile_match(kind: str, object_id: int) -> bool:
    """Flag a saved profile for matching and queue it; the flag stays if the broker is down."""
    doc_id = document_id(kind, object_id)
    flag = db.session.scalar(select(PendingMatch).where(PendingMatch.document_id == doc_id))
    if flag is None:
        flag = PendingMatch(document_id=doc_id)
        db.session.add(flag)
    flag.queued_at = None
    db.session.commit()
    if not dispatch(TASK, doc_id):
        return False
    flag.queued_at = utcnow()
    db.session.commit()
    return True


def dispatch_flagged() -> int:
    """Queue again every flagged profile the broker could not take; return how many were queued."""
    flags = db.session.scalars(select(PendingMatch).where(PendingMatch.queued_at.is_(None))).all()
    queued = 0
    for flag in flags:
        if dispatch(TASK, flag.document_id):
            flag.queued_at, queued = utcnow(), queued + 1
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
