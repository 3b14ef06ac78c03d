"""Settings: embedded defaults that serve, and clear start-up errors."""

import pytest

import config
from incubator.app import create_app


def test_defaults_serve_a_bare_machine():
    settings = config.build_config({})
    assert settings["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")
    assert settings["SQLALCHEMY_DATABASE_URI"].endswith("instance/incubator.sqlite")
    assert settings["CELERY"]["broker_url"].startswith("sqla+sqlite:///")
    assert settings["RATELIMIT_STORAGE_URI"] == "memory://"
    assert settings["SECRET_KEY"] == config.DEV_SECRET_KEY


def test_redis_url_switches_broker_and_rate_limits_to_redis_with_no_result_store():
    settings = config.build_config({"REDIS_URL": "redis://127.0.0.1:6379/3"})
    assert settings["CELERY"]["broker_url"] == "redis://127.0.0.1:6379/3"
    assert settings["CELERY"]["result_backend"] is None  # nothing reads results (a store made requests wait)
    assert settings["CELERY"]["task_ignore_result"] is True
    assert settings["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/3"


def test_postgres_urls_use_psycopg3():
    settings = config.build_config({"DATABASE_URL": "postgres://u@h/db"})
    assert settings["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@h/db"


def test_production_without_secret_key_refuses_to_start():
    with pytest.raises(config.ConfigError, match="SECRET_KEY must be set"):
        config.validate(config.build_config({"INCUBATOR_ENV": "production"}))


def test_production_with_the_development_key_refuses_to_start():
    settings = config.build_config({"INCUBATOR_ENV": "production", "SECRET_KEY": config.DEV_SECRET_KEY})
    with pytest.raises(config.ConfigError, match="development key"):
        config.validate(settings)


def test_unknown_environment_name_is_refused():
    with pytest.raises(config.ConfigError, match="INCUBATOR_ENV"):
        config.validate(config.build_config({"INCUBATOR_ENV": "staging", "SECRET_KEY": "x"}))


STRONG_KEY = "9f1c2b7e4a6d8f0e3b5a7c9d1e2f4a6b"
PRODUCTION = {"INCUBATOR_ENV": "production", "SECRET_KEY": STRONG_KEY, "SERVER_NAME": "match.example.vn"}


@pytest.mark.parametrize(
    "key",
    ["x", "s3cret", "a" * 64, "abababababababababababababababab12", "0123456789abcdef0123456789abcde",
     "please-change-this-secret-key-in-production", "Change-This-To-A-Long-Random-Secret-Key"],
)  # fmt: skip
def test_production_refuses_a_weak_secret_key(key):
    with pytest.raises(config.ConfigError, match="SECRET_KEY is too weak for production"):
        config.validate(config.build_config({**PRODUCTION, "SECRET_KEY": key}))


def test_production_starts_with_32_random_bytes():
    config.validate(config.build_config(PRODUCTION))


def test_production_needs_its_public_host_name():
    settings = config.build_config({**PRODUCTION, "SERVER_NAME": ""})
    with pytest.raises(config.ConfigError, match="SERVER_NAME"):
        config.validate(settings)


def test_a_weak_key_is_refused_when_the_app_starts_in_production():
    with pytest.raises(config.ConfigError, match="too weak"):
        create_app({**PRODUCTION, "SECRET_KEY": "x"})


def test_trusted_proxies_default_to_none():
    assert config.build_config({})["TRUSTED_PROXIES"] == 0
    assert config.build_config({"TRUSTED_PROXIES": "2"})["TRUSTED_PROXIES"] == 2


def test_an_unknown_log_level_is_refused():
    with pytest.raises(config.ConfigError, match="LOG_LEVEL"):
        config.validate(config.build_config({"LOG_LEVEL": "loud"}))


def test_celery_key_prefix_lets_several_runs_share_one_redis():
    settings = config.build_config({"REDIS_URL": "redis://h/0", "CELERY_KEY_PREFIX": "run1-"})
    assert settings["CELERY"]["broker_transport_options"]["global_keyprefix"] == "run1-"


def test_production_cookies_are_secure():
    settings = config.build_config({"INCUBATOR_ENV": "production", "SECRET_KEY": "s3cret"})
    assert settings["SESSION_COOKIE_SECURE"] and settings["REMEMBER_COOKIE_SECURE"]


def test_app_factory_registers_every_blueprint(app):
    assert {"home", "accounts", "admin", "review", "dashboard"} <= set(app.blueprints)
    assert "celery" in app.extensions


def test_app_factory_refuses_a_missing_secret_key_outside_development(tmp_path):
    with pytest.raises(config.ConfigError):
        create_app({"INCUBATOR_ENV": "testing", "SECRET_KEY": None})


def test_each_kind_of_match_has_a_calibrated_floor_and_the_global_one_is_the_fallback():
    settings = config.build_config({})
    assert settings["MATCHING_FLOORS"] == config.DEFAULT_FLOORS
    assert settings["MATCHING_MIN_SCORE"] == 0.035


def test_matching_floors_can_be_overridden_per_kind_from_the_environment():
    settings = config.build_config({"MATCHING_FLOORS": "startup-mentor=0.05, challenge-lab=0.03"})
    assert settings["MATCHING_FLOORS"]["startup-mentor"] == 0.05
    assert settings["MATCHING_FLOORS"]["challenge-lab"] == 0.03
    assert settings["MATCHING_FLOORS"]["startup-lab"] == config.DEFAULT_FLOORS["startup-lab"]


def test_a_malformed_matching_floor_is_refused():
    with pytest.raises(config.ConfigError):
        config.build_config({"MATCHING_FLOORS": "startup-mentor"})
