"""Throughput and latency of the busiest web pages under gunicorn (4 workers) on PostgreSQL, on loopback.

Usage: python -m bench.bench_web [--seconds 10] [--connections 16] [--rate 150] [--workers 4]
       python -m bench.bench_web --mix [--rate 200] [--seconds 10] [--server config|plain]
Database: BENCH_WEB_DATABASE_URL (default postgresql+psycopg://postgres@127.0.0.1:5432/bench_web),
migrated and seeded with the demo data (plus one matching run, so the suggestions page has rows).
Needs `wrk` on PATH (Debian: apt-get install wrk); the fixed-rate runs are this module's own open loop.
`--mix` runs only issue 29's 13-page mix at a fixed rate beside a static file, under the shipped
gunicorn.conf.py (`--server config`) or the bare `gunicorn -w 4` command line (`--server plain`).
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from html import unescape
from pathlib import Path
from urllib.parse import urlencode

import sqlalchemy as sa
from flask_migrate import upgrade

from bench.webload import NO_ANSWER, TIMED_OUT, USER_AGENT, fixed_rate, mixed_rate, request_bytes, wrk

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
DEFAULT_DB = "postgresql+psycopg://postgres@127.0.0.1:5432/bench_web"
PASSWORD = "demo-password"
# (label, account or None for anonymous, path, text the page must hold)
PAGES = [
    ("home as staff", "staff@demo.test", "/", 'data-testid="home-title"'),
    ("home as founder", "founder@demo.test", "/", 'data-testid="home-title"'),
    ("lab list", "founder@demo.test", "/labs/", 'data-testid="lab"'),
    ("suggestions", "staff@demo.test", "/matching/suggestions", 'data-testid="suggestion"'),
    ("login page", None, "/login", 'name="csrf_token"'),
    ("static file", None, "/static/css/app.css", ""),
]
LOGGED_IN = [page for page in PAGES if page[1]]
# Issue 29's mix of 13 logged-in pages: every role's home, labs, a lab, suggestions, programs, the review
# queue and the dashboard ("{lab}": the first lab the lab list links to).
ROLES = ("founder", "university", "enterprise", "mentor", "staff", "government", "admin")
MIX = [
    *((f"home as {role}", f"{role}@demo.test", "/") for role in ROLES),
    ("lab list", "founder@demo.test", "/labs/"),
    ("a lab", "founder@demo.test", "/labs/{lab}"),
    ("suggestions", "staff@demo.test", "/matching/suggestions"),
    ("programs", "founder@demo.test", "/programs/"),
    ("review queue", "staff@demo.test", "/review/applications"),
    ("dashboard", "government@demo.test", "/dashboard/"),
]
STATIC_FILE = "/static/css/app.css"
LAB_LINK = re.compile(r'href="/labs/(\d+)"')
CSRF = re.compile(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"')
STATIC = re.compile(r'(?:href|src)="(/[^"]*static/[^"]+)"')


def server_env(database: str) -> dict:
    """The environment of the app under test: development mode (plain HTTP), a random secret key."""
    return {**os.environ, "DATABASE_URL": database, "INCUBATOR_ENV": "development",
            "SECRET_KEY": secrets.token_hex(32), "FLASK_APP": "incubator.app:create_app"}  # fmt: skip


def prepare(database: str) -> None:
    """Migrate, seed the demo data and compute suggestions once (all idempotent)."""
    os.environ.update(server_env(database))
    from incubator.app import create_app
    from incubator.demo.seed import seed_demo
    from incubator.extensions import db

    app = create_app()
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        seed_demo()
        compute_suggestions()
        db.engine.dispose()


def compute_suggestions() -> None:
    """Run one full matching run in this process (no broker) unless suggestions wait for a decision
    (the demo seed decides its own: the page would show none)."""
    from incubator.extensions import db
    from incubator.matching import services
    from incubator.matching.models import MatchingRun, Suggestion

    if db.session.scalar(sa.select(sa.func.count()).where(Suggestion.status == "pending")):
        return
    run = MatchingRun(status="queued", params={"top_k": 5, "shard_size": 200})
    db.session.add(run)
    db.session.commit()
    for shard_id in services.plan_run(run.id):
        services.rank_shard(shard_id)


def free_port() -> int:
    """A loopback port nobody listens on."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_gunicorn(database: str, port: int, workers: int, server: str = "plain") -> subprocess.Popen:
    """Serve the app with `workers` processes and wait until it answers: `plain` is the bare command line
    (sync workers, gunicorn's defaults: an empty file stands for the gunicorn.conf.py it would read by
    itself from the repository's root), `config` reads the shipped gunicorn.conf.py."""
    settings = ROOT / "gunicorn.conf.py"
    if server == "plain":
        settings = Path(tempfile.mkdtemp()) / "plain.conf.py"
        settings.write_text("")
    command = [sys.executable, "-m", "gunicorn", "-c", str(settings), "-w", str(workers),
               "-b", f"{HOST}:{port}", "--log-level", "warning", "incubator.app:create_app()"]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=server_env(database), start_new_session=True)
    for _ in range(150):
        try:
            if get(port, "/static/css/app.css")[0] == 200:
                return server
        except OSError:
            time.sleep(0.2)
    os.killpg(server.pid, signal.SIGTERM)
    raise RuntimeError("gunicorn did not start")


def get(port: int, path: str, cookie: str = "", method: str = "GET", body: str = "") -> tuple:
    """(status, headers, text) of one request."""
    connection = http.client.HTTPConnection(HOST, port, timeout=10)
    headers = {"User-Agent": USER_AGENT, "Cookie": cookie}
    if body:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection.request(method, path, body=body or None, headers=headers)
    response = connection.getresponse()
    result = response.status, response.getheaders(), response.read().decode()
    connection.close()
    return result


def session_cookie(headers: list[tuple[str, str]], default: str = "") -> str:
    """The `session=...` pair set by a response, else `default`."""
    for name, value in headers:
        if name.lower() == "set-cookie" and value.startswith("session="):
            return value.split(";", 1)[0]
    return default


def log_in(port: int, email: str) -> str:
    """Log in through the CSRF-protected form, as a browser does; return the session cookie."""
    _, headers, html = get(port, "/login")
    cookie = session_cookie(headers)
    body = urlencode({"email": email, "password": PASSWORD, "csrf_token": CSRF.search(html).group(1)})
    status, headers, _ = get(port, "/login", cookie, "POST", body)
    if status != 302:
        raise RuntimeError(f"login of {email} answered {status}")
    return session_cookie(headers, cookie)


def check_pages(port: int, cookies: dict) -> None:
    """Every page answers 200 with its content (not a redirect to the login page)."""
    for label, account, path, marker in PAGES:
        status, _, text = get(port, path, cookies.get(account, ""))
        if status != 200 or marker not in text:
            raise RuntimeError(f"{label} ({path}) answered {status} without {marker!r}")


def load() -> str:
    """The 1-minute load average."""
    return f"{os.getloadavg()[0]:.2f}"


COLUMNS = ("req/s", "p50", "p90", "p95", "p99", "non-200")
HEADER = f"{'page':<16} {'path':<22} " + " ".join(f"{c:>7}" for c in COLUMNS) + f" {'load':>5}"


def line(label: str, path: str, row: dict) -> str:
    """One row of the table: throughput, latency percentiles (ms), failures and the load average."""
    latencies = " ".join(f"{row[p]:>7.1f}" for p in ("p50", "p90", "p95", "p99"))
    return f"{label:<16} {path:<22} {row['rps']:>7.0f} {latencies} {row['errors']:>7} {load():>5}"


def saturated(port: int, cookies: dict, connections: int, seconds: float) -> None:
    """Print wrk's throughput and latency per page, each after a short warm-up."""
    print(f"\nsaturated: wrk, {connections} connections, {seconds:g} s per page (after 2 s of warm-up)")
    print(HEADER)
    for label, account, path, _ in PAGES:
        url, cookie = f"http://{HOST}:{port}{path}", cookies.get(account, "")
        wrk(url, cookie, connections, 2)
        print(line(label, path, wrk(url, cookie, connections, seconds)), flush=True)


def view_cycle(port: int, cookie: str, path: str) -> list[tuple[str, dict]]:
    """What a browser that saw the site before sends for one view of `path`: the page, then a
    conditional GET of each static file whose URL does not name its content (`?v=`): a versioned one
    comes from its cache, an unversioned one is revalidated (304)."""
    cycle = [(path, {})]
    for url in STATIC.findall(get(port, path, cookie)[2]):
        url = unescape(url)
        if "?v=" not in url:
            etag = dict((k.lower(), v) for k, v in get(port, url, cookie)[1]).get("etag", "")
            cycle.append((url, {"If-None-Match": etag}))
    return cycle


def page_views(port: int, cookies: dict, connections: int, seconds: float) -> None:
    """Print page views per second of each logged-in page as a returning browser makes them."""
    print(f"\npage views: the page and what a returning browser asks with it (revalidations), wrk, "
          f"{connections} connections, {seconds:g} s per page")  # fmt: skip
    print(f"{'page':<16} {'path':<22} {'requests':>8} {'views/s':>7} {'req/s':>7} {'load':>5}")
    for label, account, path, _ in LOGGED_IN:
        cycle = view_cycle(port, cookies[account], path)
        url = f"http://{HOST}:{port}{path}"
        wrk(url, cookies[account], connections, 2, cycle=cycle)
        row = wrk(url, cookies[account], connections, seconds, cycle=cycle)
        views = row["rps"] / len(cycle)
        print(
            f"{label:<16} {path:<22} {len(cycle):>8} {views:>7.0f} {row['rps']:>7.0f} {load():>5}", flush=True
        )


def open_loop(port: int, cookies: dict, rate: float, seconds: float) -> None:
    """Print the latency per logged-in page at a fixed request rate."""
    print(f"\nfixed rate: {rate:g} requests/s, open loop (latency from each request's planned start), "
          f"{seconds:g} s per page")  # fmt: skip
    print(HEADER)
    for label, account, path, _ in LOGGED_IN:
        print(line(label, path, fixed_rate(HOST, port, path, cookies[account], rate, seconds)), flush=True)


def mix_pages(port: int, cookies: dict) -> list[tuple[str, str, str]]:
    """(label, path, cookie) of the mix's pages, each checked to answer 200 (not a redirect)."""
    lab = LAB_LINK.search(get(port, "/labs/", cookies["founder@demo.test"])[2]).group(1)
    pages = [(label, path.format(lab=lab), cookies[account]) for label, account, path in MIX]
    for label, path, cookie in pages:
        if get(port, path, cookie)[0] != 200:
            raise RuntimeError(f"{label} ({path}) does not answer 200")
    return pages


def share(rows: list, status: int) -> str:
    """The percentage of `rows` with `status`."""
    return f"{100 * sum(1 for _, s, _ in rows if s == status) / max(1, len(rows)):.1f}"


def percentile(latencies: list[float], p: float) -> float:
    """Nearest-rank percentile in ms (nan when empty)."""
    ordered = sorted(latencies)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))] * 1000 if ordered else float("nan")


MIX_COLUMNS = (
    "sent",
    "sent/s",
    "200/s",
    "200 %",
    "503 %",
    "t/o %",
    "other %",
    "p50",
    "p95",
    "p99",
    "p95 200",
)


def mix_line(label: str, rows: list, seconds: float) -> str:
    """Throughput of 200s, the share of each outcome, and latency percentiles (ms from each request's planned
    start, all requests: one given up counts at the client's timeout; then of the 200s only)."""
    latencies = [latency for _, _, latency in rows]
    ok = [latency for _, status, latency in rows if status == 200]
    other = sum(1 for _, s, _ in rows if s not in (200, 503, TIMED_OUT))
    cells = [
        len(rows), f"{len(rows) / seconds:.0f}", f"{len(ok) / seconds:.1f}", share(rows, 200),
        share(rows, 503), share(rows, TIMED_OUT), f"{100 * other / max(1, len(rows)):.1f}",
        *(f"{percentile(latencies, p):.0f}" for p in (50, 95, 99)), f"{percentile(ok, 95):.0f}",
    ]  # fmt: skip
    return f"{label:<12} " + " ".join(f"{cell:>7}" for cell in cells)


def first_answer_after(port: int, limit: float = 60) -> str:
    """Seconds until a fresh request for the static file is answered once the load stopped (the server may
    still be working through requests their clients gave up)."""
    began = time.perf_counter()
    try:
        connection = http.client.HTTPConnection(HOST, port, timeout=limit)
        connection.request("GET", STATIC_FILE, headers={"User-Agent": USER_AGENT})
        connection.getresponse().read()
        connection.close()
    except OSError:
        return f"none within {limit:g} s"
    return f"{time.perf_counter() - began:.2f} s"


def mixed_load(port: int, cookies: dict, args: argparse.Namespace) -> None:
    """Print what issue 29's 13-page mix gets at a fixed rate, beside a static file in the same run."""
    pages = mix_pages(port, cookies)
    streams = [
        ("pages", [request_bytes(HOST, port, path, cookie) for _, path, cookie in pages], args.rate),
        ("static file", [request_bytes(HOST, port, STATIC_FILE, "")], args.static_rate),
    ]
    print(f"\nmix: {len(pages)} logged-in pages in turn at {args.rate:g}/s and {STATIC_FILE} at "
          f"{args.static_rate:g}/s, open loop, {args.seconds:g} s, client timeout {args.timeout:g} s "
          f"(latency in ms from each request's planned start; t/o = given up by the client)")  # fmt: skip
    print(f"{'stream':<12} " + " ".join(f"{column:>7}" for column in MIX_COLUMNS))
    results = mixed_rate(HOST, port, streams, args.seconds, args.timeout)
    for label, *_ in streams:
        print(mix_line(label, [row for row in results if row[0] == label], args.seconds), flush=True)
    refused = sum(1 for _, status, _ in results if status == NO_ANSWER)
    print(f"connections refused or reset: {refused}; load at the end: {load()}; "
          f"a static file right after the run answered in {first_answer_after(port)}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--rate", type=float, help="requests/s of the fixed-rate run (150; --mix: 200)")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--mix", action="store_true", help="only issue 29's 13-page mix at --rate")
    parser.add_argument("--server", choices=("plain", "config"), help="plain: gunicorn -w N (sync workers); "
                        "config: gunicorn.conf.py (the default with --mix)")  # fmt: skip
    parser.add_argument("--static-rate", type=float, default=20, help="static file requests/s beside the mix")
    parser.add_argument(
        "--timeout", type=float, default=10, help="seconds before the client gives up (--mix)"
    )
    args = parser.parse_args()
    server_kind = args.server or ("config" if args.mix else "plain")
    args.rate = args.rate or (200 if args.mix else 150)
    database = os.environ.get("BENCH_WEB_DATABASE_URL", DEFAULT_DB)
    prepare(database)
    port = free_port()
    server = start_gunicorn(database, port, args.workers, server_kind)
    try:
        accounts = {p[1] for p in MIX} if args.mix else {p[1] for p in LOGGED_IN}
        cookies = {account: log_in(port, account) for account in accounts}
        described = "gunicorn.conf.py" if server_kind == "config" else "sync workers, no config"
        print(f"database: {database.split('@')[-1]}  gunicorn: {args.workers} workers ({described}) "
              f"on {HOST}:{port}  cores: {os.cpu_count()}  load at start: {load()}")  # fmt: skip
        if args.mix:
            mixed_load(port, cookies, args)
            return
        check_pages(port, cookies)
        saturated(port, cookies, args.connections, args.seconds)
        page_views(port, cookies, args.connections, args.seconds)
        open_loop(port, cookies, args.rate, args.seconds)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:  # still working through requests nobody waits for
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


if __name__ == "__main__":
    main()
