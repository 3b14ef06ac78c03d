"""Celery tasks for introductions: the weekly reminder, run by beat."""

from __future__ import annotations

from celery import shared_task

from incubator.partnerships import introductions


@shared_task(name="incubator.partnerships.tasks.remind_unanswered")
def remind_unanswered() -> int:
    """Introduce approvals a failed subscriber missed, then remind week-old unanswered introductions."""
    introductions.introduce_missing()
    return introductions.remind_unanswered()
