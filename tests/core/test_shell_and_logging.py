"""`flask shell` starts with the database and the models; production logs go to stderr at LOG_LEVEL."""

import logging

from incubator.accounts.models import User
from incubator.extensions import db as _db
from incubator.labs.models import Lab

PRODUCTION = {
    "INCUBATOR_ENV": "production",
    "SECRET_KEY": "9f1c2b7e4a6d8f0e3b5a7c9d1e2f4a6b",
    "SERVER_NAME": "match.example.vn",
}


def test_flask_shell_knows_db_and_every_model(app):
    with app.app_context():
        context = app.make_shell_context()
    assert context["db"] is _db
    assert context["User"] is User and context["Lab"] is Lab
    assert {"Startup", "Challenge", "MatchingRun", "Suggestion"} <= set(context)


def test_production_logs_to_stderr_at_the_configured_level(own_app, capsys):
    own_app(**PRODUCTION, LOG_LEVEL="WARNING")
    own_app(**PRODUCTION, LOG_LEVEL="WARNING")  # a second app adds no second handler
    logging.getLogger("incubator.matching.services").info("routine detail")
    logging.getLogger("incubator.matching.services").warning("broker refused the task")
    err = capsys.readouterr().err
    assert err.count("WARNING incubator.matching.services: broker refused the task") == 1
    assert "routine detail" not in err


def test_log_level_debug_lets_details_through(own_app, capsys):
    own_app(**PRODUCTION, LOG_LEVEL="DEBUG")
    logging.getLogger("incubator.labs").debug("query plan")
    assert "DEBUG incubator.labs: query plan" in capsys.readouterr().err
