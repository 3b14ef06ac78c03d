"""The application factory."""

from __future__ import annotations

import logging
import sys

from flask import Flask

import config
from incubator import cli, errors, overload, security, static_files
from incubator.api import setup as api
from incubator.extensions import init_extensions
from incubator.idempotency import services as idempotency
from incubator.templating import register_template_helpers


def create_app(overrides: dict | None = None) -> Flask:
    """Build the app: config → extensions → blueprints → subscribers → errors → CLI → overload guard."""
    app = Flask(
        __name__,
        template_folder=str(config.ROOT / "templates"),
        instance_path=str(config.INSTANCE),
    )
    app.config.from_mapping(config.build_config())
    app.config["MIGRATIONS_DIR"] = config.ROOT / "migrations"
    app.config.update(overrides or {})
    config.validate(app.config)
    configure_logging(app)
    config.INSTANCE.mkdir(exist_ok=True)
    init_extensions(app)
    security.init_app(app)
    idempotency.init_app(app)
    register_blueprints(app)
    api.init_app(app)
    register_template_helpers(app)
    static_files.register_static_versions(app)
    register_subscribers()
    errors.register_error_handlers(app)
    cli.register_commands(app)
    overload.init_app(app)  # last: in front of the proxy fix, knowing every static path
    return app


def register_blueprints(app: Flask) -> None:
    """Mount every domain's blueprint."""
    from incubator import models  # noqa: F401  (every table known before the first query)
    from incubator.accounts.recovery_routes import bp as recovery_bp
    from incubator.accounts.routes import admin_bp
    from incubator.accounts.routes import bp as accounts_bp
    from incubator.challenges.routes import bp as challenges_bp
    from incubator.challenges.routes import capabilities_bp
    from incubator.dashboard.routes import bp as dashboard_bp
    from incubator.dashboard.routes import open_data
    from incubator.glossary.routes import bp as glossary_bp
    from incubator.home.routes import bp as home_bp
    from incubator.labs.booking_routes import bp as bookings_bp
    from incubator.labs.manage_routes import bp as lab_admin_bp
    from incubator.labs.routes import bp as labs_bp
    from incubator.matching.routes import bp as matching_bp
    from incubator.mentors.routes import bp as mentors_bp
    from incubator.notifications.routes import bp as notifications_bp
    from incubator.organizations.routes import bp as organizations_bp
    from incubator.partnerships.routes import bp as partnerships_bp
    from incubator.review.apply_routes import bp as applications_bp
    from incubator.review.program_routes import bp as programs_bp
    from incubator.review.routes import bp as review_bp
    from incubator.startups.routes import bp as startups_bp

    profiles = (startups_bp, challenges_bp, capabilities_bp, labs_bp, bookings_bp, lab_admin_bp, mentors_bp)
    incubation = (review_bp, programs_bp, applications_bp, notifications_bp)
    core = (
        home_bp,
        accounts_bp,
        admin_bp,
        dashboard_bp,
        matching_bp,
        glossary_bp,
        partnerships_bp,
        organizations_bp,
    )
    for blueprint in (*core, recovery_bp, *incubation, open_data, *profiles):
        app.register_blueprint(blueprint)


def register_subscribers() -> None:
    """Let domains react to the events others announce (matching queues profiles; approvals introduce;
    feed URLs end with their owner's sessions; owners hear of failed logins)."""
    from incubator.labs import subscribers as lab_subscribers
    from incubator.matching import subscribers
    from incubator.notifications import subscribers as notification_subscribers
    from incubator.partnerships import subscribers as partnership_subscribers

    subscribers.connect()
    partnership_subscribers.connect()
    lab_subscribers.connect()
    notification_subscribers.connect()


def configure_logging(app: Flask) -> None:
    """In production the app's loggers write to stderr (the process manager keeps it) at LOG_LEVEL."""
    logger = logging.getLogger("incubator")
    logger.setLevel(app.config["LOG_LEVEL"])
    if app.config["INCUBATOR_ENV"] != "production" or any(
        getattr(h, "incubator", False) for h in logger.handlers
    ):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.incubator = True
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
