"""Flask extensions, created unbound and initialised by the app factory."""

from __future__ import annotations

import email_validator
from celery import Celery, Task
from flask import Flask, request, session
from flask_babel import Babel
from flask_bootstrap import Bootstrap5
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, current_user
from flask_mailman import Mail
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_talisman import Talisman
from flask_wtf import CSRFProtect

from incubator.database import Base, end_reads_with_commit, note_writes, ping_when_idle
from incubator.i18n import catalog_gettext

db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
bootstrap = Bootstrap5()
limiter = Limiter(get_remote_address)
talisman = Talisman()
mail = Mail()

LOGIN_MESSAGE = "Please log in to access this page."  # translated when shown: see init_extensions
CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def select_locale() -> str:
    """The user's stored language, else the session's choice, else the browser's."""
    languages = list(current_app_languages())
    if current_user and current_user.is_authenticated and current_user.language in languages:
        return current_user.language
    if session.get("language") in languages:
        return session["language"]
    return request.accept_languages.best_match(languages) or languages[0]


def current_app_languages() -> dict:
    """The configured UI languages."""
    from flask import current_app

    return current_app.config["LANGUAGES"]


def end_request_transaction(error: BaseException | None) -> None:
    """After a request that did not fail, end a transaction that only read with COMMIT (database.py)."""
    if error is None and db.session.registry.has():  # a request that used no session has none to end
        end_reads_with_commit(db.session())


def init_extensions(app: Flask) -> None:
    """Bind every extension to `app`."""
    db.init_app(app)
    with app.app_context():
        for engine in db.engines.values():
            ping_when_idle(engine)
            note_writes(engine)
    app.teardown_request(end_request_transaction)
    migrate.init_app(app, db, directory=str(app.config["MIGRATIONS_DIR"]))
    login_manager.init_app(app)
    login_manager.session_protection = "strong"
    login_manager.login_view = "accounts.login"
    # Flask-Login's flash, in the reader's language when it is shown (its default is English only)
    login_manager.login_message = LOGIN_MESSAGE
    login_manager.localize_callback = catalog_gettext
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    bootstrap.init_app(app)
    limiter.init_app(app)
    talisman.init_app(
        app,
        force_https=False,  # its redirect trusts the Host header: incubator.security redirects instead
        session_cookie_secure=app.config["SESSION_COOKIE_SECURE"],
        content_security_policy=CONTENT_SECURITY_POLICY,
        frame_options="DENY",
        strict_transport_security=app.config["INCUBATOR_ENV"] == "production",
    )
    mail.init_app(app)
    celery_init_app(app)
    # The demo accounts live under the reserved .test domain; production refuses such addresses.
    email_validator.TEST_ENVIRONMENT = app.config["INCUBATOR_ENV"] != "production"


def celery_init_app(app: Flask) -> Celery:
    """Create the Celery app whose tasks run inside the Flask app context (Flask docs pattern)."""

    class FlaskTask(Task):
        def __call__(self, *args: object, **kwargs: object) -> object:
            with app.app_context():
                return self.run(*args, **kwargs)

    celery_app = Celery(app.name, task_cls=FlaskTask)
    celery_app.config_from_object(app.config["CELERY"])
    celery_app.set_default()
    app.extensions["celery"] = celery_app
    return celery_app
