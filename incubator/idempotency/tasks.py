"""Celery task for idempotency keys: the hourly purge of expired keys, run by beat."""

from __future__ import annotations

from celery import shared_task

from incubator.idempotency.services import purge_expired


@shared_task(name="incubator.idempotency.tasks.purge")
def purge() -> int:
    """Delete the keys older than a day."""
    return purge_expired()
