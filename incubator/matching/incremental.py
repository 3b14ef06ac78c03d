"""Incremental matching: a saved profile is ranked on its own, without a full run."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import delete, select

from incubator.database import utcnow
from incubator.extensions import db
from incubator.matchcore import Document
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


def match_as_target(matcher: object, target: Document, k: int) -> int:
    """Offer `target` to every source whose kind meets it, where it enters that source's top k."""
    source_kinds = {s for s, targets in MATCH_KINDS.items() if target.kind in targets}
    sources = [d for d in matcher.targets_ if d.kind in source_kinds and d.id != target.id]
    if not sources:
        return 0
    scores = matcher.top_k(sources, [target], 1, allowed_for(sources))
    return offer_target(target, scores, k)


def pending_count() -> int:
    """Profiles saved but not yet matched."""
    return db.session.query(PendingMatch).count()
