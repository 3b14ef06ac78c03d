"""SQL queries and CPU time per request of bench_web's pages, in-process through the test client.

Usage: python -m bench.profile_web [--requests 50] [--profile "home as staff"] [--top 30]
Uses the database bench_web prepared (BENCH_WEB_DATABASE_URL). CPU time is this process's (not wall
time), so it moves less with the machine's load than the gunicorn figures; --profile prints cProfile's
costliest functions (cumulative) for one page.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from bench.bench_web import CSRF, DEFAULT_DB, PAGES, PASSWORD, server_env
from bench.webload import USER_AGENT


@contextmanager
def counting_queries(engine) -> Iterator[list[str]]:  # noqa: ANN001
    """Collect the SQL statements `engine` runs inside the block."""
    statements: list[str] = []

    def collect(conn, cursor, statement, *args) -> None:  # noqa: ANN001
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", collect)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", collect)


def logged_in_client(app, email: str | None):  # noqa: ANN001, ANN201
    """A test client holding `email`'s session (anonymous when None)."""
    client = app.test_client()
    client.environ_base.update(HTTP_USER_AGENT=USER_AGENT, REMOTE_ADDR="127.0.0.1")
    if email:
        token = CSRF.search(client.get("/login").get_data(as_text=True)).group(1)
        response = client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token})
        assert response.status_code == 302, response.status_code
    return client


def cpu_ms(client, path: str, requests: int) -> float:  # noqa: ANN001
    """Median CPU milliseconds of GET `path`."""
    times = []
    for _ in range(requests):
        began = time.process_time()
        client.get(path).close()
        times.append((time.process_time() - began) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--profile", default="")
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    os.environ.update(server_env(os.environ.get("BENCH_WEB_DATABASE_URL", DEFAULT_DB)))
    from incubator.app import create_app
    from incubator.extensions import db

    app = create_app()
    with app.app_context():
        engine = db.engine
    print(f"{'page':<16} {'path':<22} {'queries':>7} {'cpu ms':>7}")
    for label, account, path, _ in PAGES:
        client = logged_in_client(app, account)
        client.get(path).close()  # warm: templates compiled, connection pooled
        with counting_queries(engine) as statements:
            client.get(path).close()
        print(f"{label:<16} {path:<22} {len(statements):>7} {cpu_ms(client, path, args.requests):>7.2f}")
        if label == args.profile:
            profile(client, path, args.requests, args.top)


def profile(client, path: str, requests: int, top: int) -> None:  # noqa: ANN001
    """Print the costliest functions of `requests` GETs of `path`."""
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    for _ in range(requests):
        client.get(path).close()
    profiler.disable()
    pstats.Stats(profiler).sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(top)


if __name__ == "__main__":
    main()
