"""CPU milliseconds per page of issue 29's 13-page mix, in-process through the test client.

Usage: python -m bench.bench_page_cpu [--requests 100] [--profile] [--top 40] [--sort tottime] [--prepared]
Migrates and seeds the database bench_web uses (BENCH_WEB_DATABASE_URL, default the local `bench_web`),
builds the app as gunicorn would (development mode, plain HTTP), logs in as each account and prints per
page the SQL queries of one request and the median and the fastest of this process's CPU time over
`--requests` requests (process time, not wall time: it moves less with the machine's load than a server's
figures; the fastest moves least when other processes share the cores), then the mix's mean, the figure
that sets how many pages/s two cores can serve. `--profile` adds cProfile's
costliest functions over `--requests` rounds of the whole mix.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import time

from bench.bench_web import DEFAULT_DB, LAB_LINK, MIX, prepare, server_env
from bench.profile_web import counting_queries, logged_in_client


def cpu_times(client, path: str, requests: int) -> list[float]:  # noqa: ANN001
    """This process's CPU milliseconds of each of `requests` GETs of `path`."""
    times = []
    for _ in range(requests):
        began = time.process_time()
        client.get(path).close()
        times.append((time.process_time() - began) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--profile", action="store_true", help="cProfile over --requests rounds of the mix")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sort", default="tottime", help="pstats sort key (tottime, cumulative, ...)")
    parser.add_argument("--prepared", action="store_true", help="the database is seeded: skip it (two runs "
                        "side by side, one seeding while the other reads, would collide)")  # fmt: skip
    args = parser.parse_args()
    database = os.environ.get("BENCH_WEB_DATABASE_URL", DEFAULT_DB)
    if args.prepared:
        os.environ.update(server_env(database))
    else:
        prepare(database)  # also sets the environment of server_env
    from incubator.app import create_app
    from incubator.extensions import db

    app = create_app()
    with app.app_context():
        engine = db.engine
    clients = {account: logged_in_client(app, account) for account in {page[1] for page in MIX}}
    founder = clients["founder@demo.test"].get("/labs/")
    lab = LAB_LINK.search(founder.get_data(as_text=True)).group(1)
    founder.close()
    pages = [(label, clients[account], path.format(lab=lab)) for label, account, path in MIX]
    print(f"{'page':<20} {'path':<22} {'queries':>7} {'median':>7} {'fastest':>7}  (CPU ms)")
    medians, fastest, counts = [], [], []
    for label, client, path in pages:
        response = client.get(path)  # warm: templates compiled, connection pooled
        assert response.status_code == 200, (label, response.status_code)
        response.close()
        with counting_queries(engine) as statements:
            client.get(path).close()
        times = cpu_times(client, path, args.requests)
        medians.append(statistics.median(times))
        fastest.append(min(times))
        counts.append(len(statements))
        print(f"{label:<20} {path:<22} {counts[-1]:>7} {medians[-1]:>7.2f} {fastest[-1]:>7.2f}", flush=True)
    print(f"{'mix (sum; mean)':<20} {'':<22} {sum(counts):>7} {statistics.mean(medians):>7.2f} "
          f"{statistics.mean(fastest):>7.2f}")  # fmt: skip
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.profile:
        profiler = cProfile.Profile(time.process_time)
        profiler.enable()
        for _ in range(args.requests):
            for _, client, path in pages:
                client.get(path).close()
        profiler.disable()
        pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
