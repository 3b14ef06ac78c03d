"""Celery task of the glossary: mine candidate pairs from the platform's bilingual text, run by beat."""

from __future__ import annotations

from celery import shared_task

from incubator.extensions import db
from incubator.glossary.candidates import mine_candidates


@shared_task(name="incubator.glossary.tasks.mine")
def mine() -> dict[str, int]:
    """Store the new candidate pairs (safe to run twice: a stored pair is never added again)."""
    return mine_candidates(db.session)
