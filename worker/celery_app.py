"""Celery entry point: `celery -A worker.celery_app worker`."""

from incubator.app import create_app

flask_app = create_app()
celery_app = flask_app.extensions["celery"]
