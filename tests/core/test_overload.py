"""Overload protection: past the cap a page is refused at once (503, Retry-After, a translated page), static
files and the health check never are, a request a proxy stamped too long ago is dropped; gunicorn's file."""

from __future__ import annotations

import importlib.util
import os
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

import config

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def held_app(own_app):  # noqa: ANN001, ANN201
    """An app working on one page at a time, with a page that waits until the test lets it finish:
    (app, entered, release)."""
    app = own_app(MAX_CONCURRENT_REQUESTS=1)
    entered, release = threading.Event(), threading.Event()

    def held() -> str:
        entered.set()
        release.wait(10)
        return "done"

    app.add_url_rule("/held-by-the-test", "held", held)
    return app, entered, release


def test_a_page_past_the_cap_is_refused_at_once_and_the_rest_still_served(held_app, caplog):
    app, entered, release = held_app
    answers = {}
    thread = threading.Thread(target=lambda: answers.update(held=app.test_client().get("/held-by-the-test")))
    thread.start()
    try:
        assert entered.wait(10)
        client = app.test_client()
        began = time.perf_counter()
        refused = client.get("/login", headers={"Accept-Language": "vi"})
        assert time.perf_counter() - began < 1
        assert refused.status_code == 503 and refused.headers["Retry-After"] == "5"
        assert refused.headers["Cache-Control"] == "no-store" and "Set-Cookie" not in refused.headers
        assert "Content-Security-Policy" in refused.headers  # the site's security headers, as on any page
        html = refused.get_data(as_text=True)
        assert 'lang="vi"' in html and "Vui lòng thử lại sau vài giây" in html
        assert "<main" in html and "Traceback" not in html and "held-by-the-test" not in html
        english = client.get("/labs/", headers={"Accept-Language": "en"}).get_data(as_text=True)
        assert 'lang="en"' in english and "Please try again in a few seconds" in english
        as_json = client.get("/open-data/", headers={"Accept": "application/json"})
        assert as_json.status_code == 503 and as_json.json["status"] == 503
        # static files and the health check are neither counted nor refused
        for path in ("/static/css/app.css", "/bootstrap/static/css/bootstrap.min.css"):
            with client.get(path) as static:
                assert static.status_code == 200
        health = client.get("/healthz")
        assert health.status_code == 200 and health.get_data() == b"ok\n"
    finally:
        release.set()
        thread.join(10)
    assert answers["held"].status_code == 200 and answers["held"].get_data() == b"done"
    for _ in range(3):  # each page gives its slot back once sent
        assert client.get("/login").status_code == 200
    warnings = [r.getMessage() for r in caplog.records if r.name == "incubator.overload"]
    assert len(warnings) == 1 and "1 request(s) answered 503" in warnings[0]  # then at most one a minute


def test_the_language_picked_on_the_site_wins_over_the_browsers(held_app):
    app, entered, release = held_app
    page = app.test_client()
    with page.session_transaction() as session:
        session["language"] = "en"
    thread = threading.Thread(target=lambda: app.test_client().get("/held-by-the-test"))
    thread.start()
    try:
        assert entered.wait(10)
        refused = page.get("/", headers={"Accept-Language": "vi"})
    finally:
        release.set()
        thread.join(10)
    assert refused.status_code == 503 and 'lang="en"' in refused.get_data(as_text=True)


@pytest.mark.parametrize("scale", [1, 1000, 1_000_000])  # seconds, milliseconds, microseconds
def test_a_request_the_proxy_stamped_too_long_ago_is_dropped(client, scale):
    stale = f"t={(time.time() - 30) * scale:.0f}"
    dropped = client.get("/login", headers={"X-Request-Start": stale})
    assert dropped.status_code == 503 and dropped.headers["Retry-After"] == "5"
    fresh = client.get("/login", headers={"X-Request-Start": f"t={time.time() * scale:.0f}"})
    assert fresh.status_code == 200
    assert client.get("/login", headers={"X-Request-Start": "garbage"}).status_code == 200


def test_without_a_cap_and_a_stamp_pages_are_served_as_before(client, app):
    assert app.config["MAX_CONCURRENT_REQUESTS"] == 0  # the test server's threads are unknown: no cap
    assert client.get("/login").status_code == 200


def test_the_cap_defaults_to_a_quarter_of_gunicorns_threads():
    assert config.build_config({})["MAX_CONCURRENT_REQUESTS"] == 0
    assert config.build_config({"WEB_THREADS": "4"})["MAX_CONCURRENT_REQUESTS"] == 1
    assert config.build_config({"WEB_THREADS": "8"})["MAX_CONCURRENT_REQUESTS"] == 2
    assert config.build_config({"WEB_THREADS": "1"})["MAX_CONCURRENT_REQUESTS"] == 1
    settings = config.build_config({"WEB_THREADS": "4", "MAX_CONCURRENT_REQUESTS": "3"})
    assert settings["MAX_CONCURRENT_REQUESTS"] == 3
    with pytest.raises(config.ConfigError, match="MAX_CONCURRENT_REQUESTS"):
        config.validate(config.build_config({"MAX_CONCURRENT_REQUESTS": "-1", "SECRET_KEY": "x"}))


def test_the_shipped_gunicorn_file_sets_threads_a_small_backlog_and_timeouts(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "")
    monkeypatch.setenv("WEB_THREADS", "")  # unset: the file's defaults (restored after the test)
    spec = importlib.util.spec_from_file_location("gunicorn_conf", ROOT / "gunicorn.conf.py")
    settings = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(settings)
    assert settings.worker_class == "gthread" and settings.threads == 4
    assert settings.backlog == 64 and settings.worker_connections == 100
    assert (settings.timeout, settings.graceful_timeout, settings.keepalive) == (30, 30, 5)
    assert (settings.max_requests, settings.max_requests_jitter) == (2000, 200)
    gunicorn = Config()
    names = {name for name in vars(settings) if not name.startswith("_")} - {"os", "annotations"}
    assert names <= set(gunicorn.settings), "not a gunicorn setting"
    for name in names:
        gunicorn.set(name, getattr(settings, name))  # gunicorn validates each value (and the hook)
    assert gunicorn.worker_class_str == "gthread" and gunicorn.backlog == 64
    settings.post_fork(None, SimpleNamespace(cfg=SimpleNamespace(threads=12)))  # `--threads 12` counts
    assert config.build_config(dict(os.environ))["MAX_CONCURRENT_REQUESTS"] == 3
    warnings = []
    server = SimpleNamespace(
        cfg=SimpleNamespace(threads=4), log=SimpleNamespace(warning=lambda *a: warnings.append(a))
    )
    monkeypatch.setenv("MAX_CONCURRENT_REQUESTS", "4")  # no thread left to refuse with
    settings.when_ready(server)
    assert len(warnings) == 1 and "no thread is left" in warnings[0][0] % warnings[0][1:]
