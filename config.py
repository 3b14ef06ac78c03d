"""Settings from the environment, with embedded defaults that serve on a bare machine."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent
INSTANCE = ROOT / "instance"
DEVELOPMENT, TESTING, PRODUCTION = "development", "testing", "production"
DEV_SECRET_KEY = "dev-only-not-secret"  # noqa: S105 (refused outside development)
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
MIN_SECRET_KEY_BYTES = 32
# The relevance floor of each kind of match (source-target), calibrated by
# `python -m bench.calibrate_floors` on the labelled sets and the demo data (README, "What staff
# are asked to review"). A kind missing here uses MATCHING_MIN_SCORE.
DEFAULT_FLOORS = {
    "challenge-capability": 0.045,
    "challenge-lab": 0.02,
    "challenge-mentor": 0.019,
    "startup-lab": 0.044,
    "startup-mentor": 0.083,
    "startup-challenge": 0.073,
}
# Values copied from tutorials and templates: whoever knows them can forge a session cookie.
WEAK_SECRET_KEYS = frozenset(
    {DEV_SECRET_KEY, "secret", "secret-key", "secret_key", "secretkey", "changeme", "change-me", "dev",
     "development", "test", "test-secret", "password", "your-secret-key", "your_secret_key",
     "your-secret-key-here", "super-secret-key", "you-will-never-guess", "hard to guess string",
     "please-change-this-secret-key-in-production", "change-this-to-a-long-random-secret-key"}
)  # fmt: skip


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
    # No result store: nothing reads a task's result (progress lives in the database). One set by
    # CELERY_RESULT_BACKEND is used by Celery only for tasks that do not ignore their results.
    settings = {"broker_url": broker, "result_backend": env.get("CELERY_RESULT_BACKEND") or None}
    if broker.startswith("redis"):
        visibility = int(env.get("CELERY_VISIBILITY_TIMEOUT", "3600"))
        settings["broker_transport_options"] = {
            # Redis hands a task held by a dead worker to another one after this many seconds.
            "visibility_timeout": visibility,
            # The sweep's lock: a worker killed while holding it must not stall redelivery (5 min).
            "unacked_mutex_expire": max(1, min(300, visibility)),
            # ...looking for such tasks every this many seconds (kombu's default sweep is ~100 s).
            "unacked_restore_interval": int(env.get("CELERY_RESTORE_INTERVAL", "10")),
            "unacked_restore_throttle": 1,
            "socket_connect_timeout": 2,
            "socket_timeout": 5,
        }
        if env.get("CELERY_KEY_PREFIX"):  # several deployments (or test runs) sharing one Redis
            settings["broker_transport_options"]["global_keyprefix"] = env["CELERY_KEY_PREFIX"]
    return settings


def concurrency_cap(env: dict) -> int:
    """MAX_CONCURRENT_REQUESTS, else a quarter of gunicorn's threads per worker, at least 1 (WEB_THREADS,
    which gunicorn.conf.py exports to its workers), else 0: no cap under a server of unknown threads.
    One page per process served 80-123 pages/s at a p95 of 49-99 ms where two served 46-64 at 297-417 ms
    (bench/README.md, "Under overload"): a second page in a process only competes for its GIL."""
    if env.get("MAX_CONCURRENT_REQUESTS"):
        return int(env["MAX_CONCURRENT_REQUESTS"])
    threads = int(env.get("WEB_THREADS") or 0)
    return max(1, threads // 4) if threads else 0


def matching_floors(env: dict) -> dict[str, float]:
    """The calibrated floor per kind of match; MATCHING_FLOORS="startup-mentor=0.05,..." overrides some."""
    floors = dict(DEFAULT_FLOORS)
    for item in (part.strip() for part in env.get("MATCHING_FLOORS", "").split(",")):
        if not item:
            continue
        kind, _, value = item.partition("=")
        try:
            floors[kind.strip()] = float(value)
        except ValueError:
            raise ConfigError(f"MATCHING_FLOORS: {item!r} is not kind=score") from None
    return floors


def mail_settings(env: dict, mode: str) -> dict:
    """Flask-Mailman: SMTP in production, the console in development, kept in memory in tests."""
    backend = env.get("MAIL_BACKEND") or {PRODUCTION: "smtp", TESTING: "locmem"}.get(mode, "console")
    return {
        "MAIL_BACKEND": backend,
        "MAIL_SERVER": env.get("MAIL_SERVER", "localhost"),
        "MAIL_PORT": int(env.get("MAIL_PORT", "25")),
        "MAIL_USERNAME": env.get("MAIL_USERNAME"),
        "MAIL_PASSWORD": env.get("MAIL_PASSWORD"),
        "MAIL_USE_TLS": env.get("MAIL_USE_TLS", "false").lower() == "true",
        "MAIL_USE_SSL": env.get("MAIL_USE_SSL", "false").lower() == "true",
        "MAIL_TIMEOUT": int(env.get("MAIL_TIMEOUT", "10")),
        "MAIL_DEFAULT_SENDER": env.get("MAIL_DEFAULT_SENDER", "BD Innovation Match <no-reply@localhost>"),
        "MAIL_FILE_PATH": env.get("MAIL_FILE_PATH", str(INSTANCE / "mail")),
        "SITE_URL": env.get("SITE_URL", "http://127.0.0.1:5000"),
    }


def build_config(env: dict | None = None) -> dict:
    """Read every setting from `env` (default: os.environ) into a Flask config mapping."""
    env = dict(os.environ if env is None else env)
    mode = env.get("INCUBATOR_ENV", DEVELOPMENT)
    redis_url = env.get("REDIS_URL")
    relay_every = float(env.get("OUTBOX_RELAY_EVERY", "5"))  # seconds between the beat's outbox relays
    return {
        "INCUBATOR_ENV": mode,
        "SECRET_KEY": env.get("SECRET_KEY") or (DEV_SECRET_KEY if mode == DEVELOPMENT else None),
        "SQLALCHEMY_DATABASE_URI": database_url(env),
        # no pool_pre_ping: incubator.database.ping_when_idle checks connections that rested instead
        "SQLALCHEMY_ENGINE_OPTIONS": {},
        "REDIS_URL": redis_url,
        "CELERY": {
            **broker_settings(env),
            "include": [
                "incubator.matching.tasks",
                "incubator.accounts.tasks",
                "incubator.notifications.tasks",
                "incubator.partnerships.tasks",
                "incubator.glossary.tasks",
                "incubator.outbox.tasks",
                "incubator.idempotency.tasks",
            ],
            # The worker's beat (`worker -B`, or one `celery beat`) sweeps: stale runs, lost matches.
            "beat_schedule": {
                # Sends the tasks requests wrote to the outbox and could not send themselves (broker down).
                "outbox-relay": {
                    "task": "incubator.outbox.tasks.relay",
                    "schedule": relay_every,
                    "options": {"expires": relay_every},  # a worker busy for long runs one, not all
                },
                "matching-sweep": {
                    "task": "incubator.matching.tasks.sweep",
                    # often enough that a shard lost with its worker is queued again within about a minute
                    "schedule": float(env.get("MATCHING_SWEEP_INTERVAL", "15")),
                },
                # Each introduction is reminded at most once a week, however often this runs.
                "remind-unanswered-introductions": {
                    "task": "incubator.partnerships.tasks.remind_unanswered",
                    "schedule": float(env.get("INTRODUCTION_REMINDER_EVERY", "21600")),
                },
                # Candidate glossary pairs read from bilingual profiles (a pass over every text).
                "glossary-mine": {
                    "task": "incubator.glossary.tasks.mine",
                    "schedule": float(env.get("GLOSSARY_MINING_EVERY", "3600")),
                },
                # Keys of forms sent more than a day ago are no longer needed.
                "purge-idempotency-keys": {"task": "incubator.idempotency.tasks.purge", "schedule": 3600.0},
            },
            "beat_schedule_filename": str(INSTANCE / "celerybeat-schedule"),
            "task_acks_late": True,
            "task_reject_on_worker_lost": True,
            "worker_prefetch_multiplier": 1,
            "task_ignore_result": True,  # progress lives in the database, not in results
            "broker_connection_retry_on_startup": True,
            "broker_connection_timeout": 3,
            # Requests never publish (incubator.outbox); a task queueing another retries briefly.
            "task_publish_retry_policy": {"max_retries": 1, "interval_start": 0.2, "interval_step": 0.5},
        },
        # Seconds the broker is given to take the tasks a commit wrote (then the relay's turn), and the
        # relay's own timeout; sent outbox rows are kept this many hours (incubator/outbox).
        "OUTBOX_SEND_TIMEOUT": float(env.get("OUTBOX_SEND_TIMEOUT", "0.5")),
        "OUTBOX_RELAY_TIMEOUT": float(env.get("OUTBOX_RELAY_TIMEOUT", "5")),
        "OUTBOX_KEEP_SENT_HOURS": float(env.get("OUTBOX_KEEP_SENT_HOURS", "24")),
        "MATCHING_TOP_K": int(env.get("MATCHING_TOP_K", "5")),
        "MATCHING_SHARD_SIZE": int(env.get("MATCHING_SHARD_SIZE", "200")),
        "MATCHING_STALE_AFTER": int(env.get("MATCHING_STALE_AFTER", "900")),  # seconds without progress
        # A shard being ranked touches its row every MATCHING_SHARD_HEARTBEAT seconds; the sweep queues
        # again a shard silent for MATCHING_SHARD_LOST_AFTER seconds (its worker died).
        "MATCHING_SHARD_HEARTBEAT": float(env.get("MATCHING_SHARD_HEARTBEAT", "5")),
        "MATCHING_SHARD_LOST_AFTER": int(env.get("MATCHING_SHARD_LOST_AFTER", "60")),
        # Tests only: seconds each shard waits before ranking, so a test can kill a worker mid-shard.
        "MATCHING_SHARD_DELAY": float(env.get("MATCHING_SHARD_DELAY", "0")) if mode == TESTING else 0.0,
        # Lowest score suggested for a kind without its own floor in MATCHING_FLOORS.
        "MATCHING_MIN_SCORE": float(env.get("MATCHING_MIN_SCORE", "0.035")),
        "MATCHING_FLOORS": matching_floors(env),  # per kind of match; a kind not listed: MATCHING_MIN_SCORE
        # seconds after which a flag the broker took but no worker cleared is queued again
        "MATCHING_REQUEUE_AFTER": int(env.get("MATCHING_REQUEUE_AFTER", "1800")),
        "MATCHING_MODEL_TTL": int(env.get("MATCHING_MODEL_TTL", "300")),  # refit for incremental matches
        # seconds each process keeps the dashboard's and open data's figures (0: counted at every view)
        "FIGURES_CACHE_SECONDS": float(env.get("FIGURES_CACHE_SECONDS", "60")),
        "RATELIMIT_STORAGE_URI": redis_url or "memory://",
        # A hung Redis costs a request about a second before the limits fall back to memory (redis-py
        # waits forever by default); the memory store ignores these.
        "RATELIMIT_STORAGE_OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        "RATELIMIT_SWALLOW_ERRORS": True,
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        # Login throttling (accounts/throttle.py): a browser holding the account's device cookie is
        # limited by its own failures only (LOGIN_ACCOUNT_RATE_LIMIT); any other browser by these all.
        "LOGIN_RATE_LIMIT": env.get("LOGIN_RATE_LIMIT", "10 per minute"),  # attempts per client address
        # failed logins per account from one client address (or one device)
        "LOGIN_ACCOUNT_RATE_LIMIT": env.get("LOGIN_ACCOUNT_RATE_LIMIT", "10 per 15 minutes"),
        # E-mails with a link (registration, password reset, a new verification link) per address or user.
        "EMAIL_LINK_RATE_LIMIT": env.get("EMAIL_LINK_RATE_LIMIT", "3 per hour"),
        # failed logins per account from all addresses: past it, one attempt per LOGIN_SLOWED_RATE window
        "LOGIN_ACCOUNT_CEILING": env.get("LOGIN_ACCOUNT_CEILING", "10 per 15 minutes"),
        "LOGIN_SLOWED_RATE": env.get("LOGIN_SLOWED_RATE", "1 per 2 minutes"),
        "LOGIN_DEVICE_DAYS": int(env.get("LOGIN_DEVICE_DAYS", "365")),  # a device cookie's life
        # registrations sent per client address (a form sent back with its errors does not count)
        "REGISTER_RATE_LIMIT": env.get("REGISTER_RATE_LIMIT", "5 per hour"),
        # JSON API requests per token (anonymous: per client address); a 429 carries Retry-After
        "API_RATE_LIMIT": env.get("API_RATE_LIMIT", "120 per minute"),
        "TRUSTED_PROXIES": int(env.get("TRUSTED_PROXIES", "0")),
        # Overload protection (incubator/overload.py): pages one process works on at once, the rest
        # refused with 503 at once; and the longest a request stamped by the front proxy may have waited.
        "MAX_CONCURRENT_REQUESTS": concurrency_cap(env),
        "MAX_REQUEST_WAIT": float(env.get("MAX_REQUEST_WAIT", "10")),
        "SERVER_NAME": env.get("SERVER_NAME") or None,
        "PREFERRED_URL_SCHEME": "https" if mode == PRODUCTION else "http",
        "LOG_LEVEL": env.get("LOG_LEVEL", "INFO").upper(),
        **mail_settings(env, mode),
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
    if config.get("MATCHING_SHARD_HEARTBEAT", 5) * 3 > config.get("MATCHING_SHARD_LOST_AFTER", 60):
        raise ConfigError("MATCHING_SHARD_LOST_AFTER must be at least 3 MATCHING_SHARD_HEARTBEAT intervals")
    if config.get("MAX_CONCURRENT_REQUESTS", 0) < 0 or config.get("MAX_REQUEST_WAIT", 0) < 0:
        raise ConfigError("MAX_CONCURRENT_REQUESTS and MAX_REQUEST_WAIT must be 0 (off) or more")
    if config.get("LOG_LEVEL", "INFO") not in LOG_LEVELS:
        raise ConfigError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}")
    if mode == PRODUCTION:
        validate_production(config)


def validate_production(config: dict) -> None:
    """Production needs a strong secret key and the public host name the HTTPS redirect uses."""
    key = config["SECRET_KEY"]
    if key == DEV_SECRET_KEY:
        raise ConfigError("SECRET_KEY must not be the development key in production")
    if weak_secret_key(key):
        raise ConfigError(
            f"SECRET_KEY is too weak for production: use at least {MIN_SECRET_KEY_BYTES} random bytes, "
            "e.g. python -c 'import secrets; print(secrets.token_hex(32))'"
        )
    if not config.get("SERVER_NAME"):
        raise ConfigError("SERVER_NAME (the site's public host name) must be set in production")
    if config["TRUSTED_PROXIES"] < 0:
        raise ConfigError("TRUSTED_PROXIES must be 0 or more")


def weak_secret_key(key: str | bytes) -> bool:
    """Whether `key` is short, a known published value, or made of a handful of characters."""
    raw = key if isinstance(key, bytes) else key.encode()
    if isinstance(key, str) and key.strip().lower() in WEAK_SECRET_KEYS:
        return True
    return len(raw) < MIN_SECRET_KEY_BYTES or len(set(raw)) < 8
