"""gunicorn's settings for production: `gunicorn -c gunicorn.conf.py 'incubator.app:create_app()'`.

Sized for a small machine behind one reverse proxy (README, "Production deployment", how to size them).
Every process runs WEB_THREADS threads and works on at most a quarter of them as pages at once (at least
one: MAX_CONCURRENT_REQUESTS, incubator/overload.py); the other threads serve static files, the health
check and fast 503s, so an overloaded site refuses at once instead of queueing its visitors for minutes.
"""

from __future__ import annotations

import os

# Processes: two per core serve pages while others wait on the database (WEB_CONCURRENCY overrides).
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * (os.cpu_count() or 1))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS") or 4)
# Connections one process holds (in flight, waiting for a thread, kept alive); past it, it stops accepting.
worker_connections = 100
# Connections the kernel keeps waiting for an accept: few, so a flood is refused at the door, not queued.
backlog = 64
# A worker silent this long (a frozen process, not a slow request: gthread's main loop keeps reporting)
# is killed and replaced; on a restart, requests in flight get this long to finish.
timeout = 30
graceful_timeout = 30
# Seconds an idle kept-alive connection stays open (the proxy's upstream keepalive should be shorter).
keepalive = 5
# Each process is replaced after about this many requests (jittered so they do not restart together).
max_requests = 2000
max_requests_jitter = 200


def post_fork(server, worker) -> None:  # noqa: ANN001  (gunicorn's hook signature)
    """Tell the app its process's thread count (the default of MAX_CONCURRENT_REQUESTS is a quarter);
    runs in each worker before the app is loaded, so `--threads` on the command line counts too."""
    os.environ["WEB_THREADS"] = str(worker.cfg.threads)


def when_ready(server) -> None:  # noqa: ANN001  (gunicorn's hook signature)
    """Warn when a cap set by hand leaves no spare thread: past it requests would queue, not be refused."""
    cap = int(os.environ.get("MAX_CONCURRENT_REQUESTS") or 0)
    if cap >= server.cfg.threads:
        server.log.warning(
            "MAX_CONCURRENT_REQUESTS=%d with %d threads per worker: no thread is left to refuse requests "
            "with 503 at once; keep the cap below the threads (README, 'Under overload')",
            cap, server.cfg.threads,
        )  # fmt: skip
