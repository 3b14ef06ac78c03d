"""Celery tasks for introductions: the weekly reminder, run by beat."""

from __future__ import annotations

from celery import shared_task

from incubator.partnerships import introductions


@shared_task(name="incubator.partnerships.tasks.remind_unanswered")
def remind_unanswered() -> int:
    """Remind the parties of introductions unanswered for a week (each at most once a week)."""
    return introductions.remind_unanswered()
