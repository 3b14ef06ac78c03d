"""Celery task: the beat's relay of outbox rows the request could not send."""

from __future__ import annotations

from celery import shared_task

from incubator.outbox import services


@shared_task(name="incubator.outbox.tasks.relay")
def relay() -> int:
    """Send the pending outbox rows (periodic, from the beat); return how many were sent."""
    return services.relay()
