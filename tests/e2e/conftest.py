"""A live server in a thread and a headless Debian Chromium driven by Playwright."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.serving import make_server

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def live_server(app: Flask) -> Iterator[str]:
    """The app served on a free local port for the whole session."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser() -> Iterator:
    """Debian's Chromium, headless (never a downloaded browser)."""
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing: CI must install Debian's chromium")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, db) -> Iterator:  # noqa: ANN001
    """A fresh browser context (own cookies) in English, with the live server as base URL."""
    context = browser.new_context(base_url=live_server, locale="en-US")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def embedded_broker_app(
    app: Flask, database: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Flask]:
    """An app on the test database with the embedded broker `make run` uses."""
    from tests.conftest import dispose, make_app

    broker = f"sqla+sqlite:///{tmp_path_factory.mktemp('e2e-broker') / 'broker.sqlite'}"
    embedded = make_app(database, broker, MATCHING_SHARD_SIZE=4)
    yield embedded
    dispose(embedded)


@pytest.fixture
def served_with_worker(embedded_broker_app: Flask, database: str, tmp_path: Path) -> Iterator[str]:
    """The embedded-broker app served on a free port, with a real Celery worker reading its broker."""
    from incubator.extensions import db as _db
    from tests.conftest import empty_tables
    from tests.matching.conftest import Workers

    app = embedded_broker_app
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    workers = Workers(database, app.config["CELERY"]["broker_url"], tmp_path)
    with app.app_context():
        workers.start()
        yield f"http://127.0.0.1:{server.server_port}"
        workers.stop_all()
        server.shutdown()
        _db.session.remove()
        empty_tables()
