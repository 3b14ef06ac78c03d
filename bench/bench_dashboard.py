"""The ecosystem dashboard's SQL queries and time per view on the demo data, counted afresh and cached.

Usage: python -m bench.bench_dashboard [--database-url URL] [--views 30]
Database: --database-url (default: a fresh SQLite file under a temporary folder), migrated and seeded with
the demo data and one matching run, as bench_web prepares it. Each view is the government account's GET
/dashboard/ through the test client, in this process: wall and CPU milliseconds (medians), queries.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from bench.bench_web import prepare
from bench.profile_web import counting_queries, logged_in_client

PATH = "/dashboard/"
ACCOUNT = "government@demo.test"


def measure(client, views: int) -> tuple[float, float]:  # noqa: ANN001
    """Median wall and CPU milliseconds of `views` GETs of the dashboard."""
    walls, cpus = [], []
    for _ in range(views):
        wall, cpu = time.perf_counter(), time.process_time()
        response = client.get(PATH)
        assert response.status_code == 200, response.status_code
        response.close()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--views", type=int, default=30)
    args = parser.parse_args()
    database = args.database_url or f"sqlite:///{Path(tempfile.mkdtemp()) / 'dashboard.sqlite'}"
    prepare(database)  # sets the app's environment too
    from incubator.app import create_app
    from incubator.extensions import db

    app = create_app()
    with app.app_context():
        engine = db.engine
    client = logged_in_client(app, ACCOUNT)
    print(f"{database.split('://')[0]}, {args.views} views of {PATH} as {ACCOUNT}")
    print(f"{'figures':<18} {'queries':>7} {'wall ms':>8} {'cpu ms':>7}")
    for label, seconds in (("counted each view", 0), ("cached (60 s)", 60)):
        app.config["FIGURES_CACHE_SECONDS"] = seconds  # a version without the cache ignores it
        client.get(PATH).close()  # warm: templates compiled, connection pooled, figures cached
        with counting_queries(engine) as statements:
            client.get(PATH).close()
        wall, cpu = measure(client, args.views)
        print(f"{label:<18} {len(statements):>7} {wall:>8.1f} {cpu:>7.1f}")


if __name__ == "__main__":
    main()
