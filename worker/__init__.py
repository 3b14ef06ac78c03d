"""Celery worker entry point package."""
