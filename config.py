"""Settings from the environment, with embedded defaults that serve on a bare machine."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent
INSTANCE = ROOT / "instance"
DEVELOPMENT, TESTING, PRODUCTION = "development", "testing", "production"
DEV_SECRET_KEY = "dev-only-not-secret"  # noqa: S105 (refused outside development)


class ConfigError(RuntimeError):
    """Raised at start-up when the settings cannot serve."""


def database_url(env: dict) -> str:
    """The SQLAlchemy URL: DATABASE_URL (postgres:// normalised to psycopg 3) or SQLite."""
    url = env.get("DATABASE_URL") or f"sqlite:///{INSTANCE / 'incubator.sqlite'}"
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def broker_settings(env: dict) -> dict:
    """Celery broker and result store: CELERY_BROKER_URL, else Redis when REDIS_URL is set, else SQLite."""
    redis_url = env.get("REDIS_URL")
    broker = env.get("CELERY_BROKER_URL") or redis_url or f"sqla+sqlite:///{INSTANCE / 'broker.sqlite'}"
    results = redis_url or f"db+sqlite:///{INSTANCE / 'results.sqlite'}"
    settings = {"broker_url": broker, "result_backend": env.get("CELERY_RESULT_BACKEND") or results}
    if broker.startswith("redis"):
        settings["broker_transport_options"] = {
            # Redis hands a task held by a dead worker to another one after this many seconds.
            "visibility_timeout": int(env.get("CELERY_VISIBILITY_TIMEOUT", "3600")),
            # ...looking for such tasks every this many seconds (kombu's default sweep is ~100 s).
            "unacked_restore_interval": int(env.get("CELERY_RESTORE_INTERVAL", "10")),
            "unacked_restore_throttle": 1,
            "socket_connect_timeout": 2,
            "socket_timeout": 5,
        }
    return settings


def build_config(env: dict | None = None) -> dict:
    """Read every setting from `env` (default: os.environ) into a Flask config mapping."""
    env = dict(os.environ if env is None else env)
    mode = env.get("INCUBATOR_ENV", DEVELOPMENT)
    redis_url = env.get("REDIS_URL")
    return {
        "INCUBATOR_ENV": mode,
        "SECRET_KEY": env.get("SECRET_KEY") or (DEV_SECRET_KEY if mode == DEVELOPMENT else None),
        "SQLALCHEMY_DATABASE_URI": database_url(env),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "REDIS_URL": redis_url,
        "CELERY": {
            **broker_settings(env),
            "include": ["incubator.matching.tasks", "incubator.partnerships.tasks"],
            # Beat (one process: `celery ... beat`, or `worker -B` on a single dev worker) queues the
            # reminder every few hours; each introduction is reminded at most once a week anyway.
            "beat_schedule": {
                "remind-unanswered-introductions": {
                    "task": "incubator.partnerships.tasks.remind_unanswered",
                    "schedule": float(env.get("INTRODUCTION_REMINDER_EVERY", "21600")),
                },
            },
            "beat_schedule_filename": str(INSTANCE / "celerybeat-schedule"),
            "task_acks_late": True,
            "task_reject_on_worker_lost": True,
            "worker_prefetch_multiplier": 1,
            "task_ignore_result": True,  # progress lives in the database, not in results
            "broker_connection_retry_on_startup": True,
            "broker_connection_timeout": 3,
            # A page that queues work must answer quickly when the broker is down.
            "task_publish_retry_policy": {"max_retries": 1, "interval_start": 0.2, "interval_step": 0.5},
        },
        "MATCHING_TOP_K": int(env.get("MATCHING_TOP_K", "5")),
        "MATCHING_SHARD_SIZE": int(env.get("MATCHING_SHARD_SIZE", "200")),
        "MATCHING_STALE_AFTER": int(env.get("MATCHING_STALE_AFTER", "900")),  # seconds without progress
        "MATCHING_MODEL_TTL": int(env.get("MATCHING_MODEL_TTL", "300")),  # refit for incremental matches
        "RATELIMIT_STORAGE_URI": redis_url or "memory://",
        "RATELIMIT_SWALLOW_ERRORS": True,
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        "LOGIN_RATE_LIMIT": env.get("LOGIN_RATE_LIMIT", "10 per minute"),
        "BABEL_DEFAULT_LOCALE": "vi",
        "BABEL_DEFAULT_TIMEZONE": "Asia/Ho_Chi_Minh",
        "LANGUAGES": {"vi": "Tiếng Việt", "en": "English"},
        "BOOTSTRAP_SERVE_LOCAL": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": mode == PRODUCTION,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": mode == PRODUCTION,
        "MAX_CONTENT_LENGTH": 5 * 1024 * 1024,
        "WTF_CSRF_TIME_LIMIT": None,
    }


def validate(config: dict) -> None:
    """Refuse to start with settings that would be unsafe or cannot work."""
    mode = config["INCUBATOR_ENV"]
    if mode not in (DEVELOPMENT, TESTING, PRODUCTION):
        raise ConfigError(f"INCUBATOR_ENV must be development, testing or production, not {mode!r}")
    if not config.get("SECRET_KEY"):
        raise ConfigError(f"SECRET_KEY must be set when INCUBATOR_ENV={mode}")
    if mode == PRODUCTION and config["SECRET_KEY"] == DEV_SECRET_KEY:
        raise ConfigError("SECRET_KEY must not be the development key in production")
