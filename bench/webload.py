"""Load generators for bench_web: wrk at saturation (closed loop) and a fixed-rate open loop in asyncio."""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import tempfile
import time
from pathlib import Path

USER_AGENT = "bench-web/1"  # the same agent logs in and loads: Flask-Login's "strong" protection
PERCENTILES = (50, 90, 95, 99)

# wrk calls these per thread (init, response) and once at the end (done); latencies are microseconds.
WRK_SCRIPT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) bad = 0 end
function response(status, headers, body) if status ~= 200 and status ~= 304 then bad = bad + 1 end end
function done(summary, latency, requests)
  local b = 0
  for _, t in ipairs(threads) do b = b + t:get("bad") end
  local e = summary.errors
  io.write(string.format('BENCH {"requests": %d, "us": %d, "bad": %d, "socket_errors": %d', summary.requests,
    summary.duration, b, e.connect + e.read + e.write + e.timeout))
  for _, p in ipairs({50, 90, 95, 99}) do io.write(string.format(', "p%d": %d', p, latency:percentile(p))) end
  io.write("}\\n")
end
"""


# A cycle of requests: wrk sends them in turn on each thread (a page, then what its browser asks for).
CYCLE_SCRIPT = """
function request() turn = (turn or 0) % #cycle + 1; return cycle[turn] end
"""


def wrk(
    url: str, cookie: str, connections: int, seconds: float, threads: int = 1,
    cycle: list[tuple[str, dict]] | None = None,
) -> dict:  # fmt: skip
    """Saturated throughput and latency percentiles (ms) of GET `url` with `connections` connections;
    with `cycle`, of its (path, extra headers) requests in turn instead (304 counts as an answer)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        headers = {"User-Agent": USER_AGENT, **({"Cookie": cookie} if cookie else {})}
        lines = [f"wrk.headers[{lua_string(k)}] = {lua_string(v)}" for k, v in headers.items()]
        if cycle:
            formats = [
                f'wrk.format("GET", {lua_string(path)}, {lua_table({**headers, **extra})})'
                for path, extra in cycle
            ]
            lines += ["cycle = {" + ", ".join(formats) + "}", CYCLE_SCRIPT]
        script.write("\n".join(lines) + WRK_SCRIPT)
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds:g}s", "--timeout", "10s",
               "-s", script.name, url]  # fmt: skip
    try:
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    finally:
        Path(script.name).unlink()
    line = next(x for x in output.splitlines() if x.startswith("BENCH "))
    raw = json.loads(line[len("BENCH ") :])
    figures = {f"p{p}": raw[f"p{p}"] / 1000 for p in PERCENTILES}
    figures["rps"] = raw["requests"] / (raw["us"] / 1e6)
    figures["errors"] = raw["bad"] + raw["socket_errors"]
    return figures


def lua_string(text: str) -> str:
    """`text` as a Lua string literal (JSON's escapes are Lua's for this ASCII)."""
    return json.dumps(text)


def lua_table(headers: dict) -> str:
    """`headers` as a Lua table literal."""
    return "{" + ", ".join(f"[{lua_string(k)}] = {lua_string(v)}" for k, v in headers.items()) + "}"


def request_bytes(host: str, port: int, path: str, cookie: str) -> bytes:
    """A GET request that asks the server to close the connection after the response."""
    lines = [f"GET {path} HTTP/1.1", f"Host: {host}:{port}", f"User-Agent: {USER_AGENT}", "Connection: close"]
    if cookie:
        lines.append(f"Cookie: {cookie}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


async def one_request(host: str, port: int, payload: bytes) -> int:
    """Send `payload` on a new connection and read the whole response; return its status."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        writer.write(payload)
        await writer.drain()
        response = await reader.read()  # until the server closes (Connection: close)
    finally:
        writer.close()
    match = re.match(rb"HTTP/1\.[01] (\d{3})", response)
    return int(match.group(1)) if match else 0


async def open_loop(host: str, port: int, path: str, cookie: str, rate: float, seconds: float) -> dict:
    """Start a request every 1/`rate` s whatever the answers, timing each from its planned start."""
    payload = request_bytes(host, port, path, cookie)
    latencies: list[float] = []
    errors = 0

    async def timed(planned: float) -> None:
        nonlocal errors
        try:
            status = await asyncio.wait_for(one_request(host, port, payload), timeout=10)
        except (OSError, TimeoutError):
            status = 0
        errors += status != 200
        latencies.append(time.perf_counter() - planned)

    began = time.perf_counter()
    tasks = []
    for i in range(int(rate * seconds)):
        planned = began + i / rate
        await asyncio.sleep(max(0.0, planned - time.perf_counter()))
        tasks.append(asyncio.create_task(timed(planned)))
    await asyncio.gather(*tasks)
    return summarise(latencies, errors, time.perf_counter() - began)


def summarise(latencies: list[float], errors: int, wall: float) -> dict:
    """Achieved rate and latency percentiles (ms, nearest rank) of an open-loop run."""
    ordered = sorted(latencies)
    figures = {
        f"p{p}": ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))] * 1000 for p in PERCENTILES
    }
    figures["rps"] = len(ordered) / wall
    figures["errors"] = errors
    return figures


TIMED_OUT, NO_ANSWER = 0, -1  # the status of a request given up by the client, and of a refused connection


async def mixed_loop(
    host: str, port: int, streams: list[tuple[str, list[bytes], float]], seconds: float, timeout: float
) -> list[tuple[str, int, float]]:
    """Open loop over several streams at once: each (label, payloads, rate) starts a request every
    1/rate s, taking its payloads in turn, whatever the answers. Returns (label, status, seconds from the
    planned start) per request; a request unanswered after `timeout` s is given up (TIMED_OUT)."""
    plan = sorted(
        (i / rate, label, payloads[i % len(payloads)])
        for label, payloads, rate in streams
        for i in range(int(rate * seconds))
    )
    results: list[tuple[str, int, float]] = []

    async def timed(label: str, payload: bytes, planned: float) -> None:
        try:
            status = await asyncio.wait_for(one_request(host, port, payload), timeout=timeout)
        except TimeoutError:
            status = TIMED_OUT
        except OSError:
            status = NO_ANSWER
        results.append((label, status, time.perf_counter() - planned))

    began = time.perf_counter()
    tasks = []
    for offset, label, payload in plan:
        planned = began + offset
        await asyncio.sleep(max(0.0, planned - time.perf_counter()))
        tasks.append(asyncio.create_task(timed(label, payload, planned)))
    await asyncio.gather(*tasks)
    return results


def mixed_rate(
    host: str, port: int, streams: list[tuple[str, list[bytes], float]], seconds: float, timeout: float
) -> list[tuple[str, int, float]]:
    """`mixed_loop` run to its end."""
    return asyncio.run(mixed_loop(host, port, streams, seconds, timeout))


def fixed_rate(url_host: str, port: int, path: str, cookie: str, rate: float, seconds: float) -> dict:
    """Latency percentiles (ms) of GET `path` at a fixed `rate` of requests per second (open loop)."""
    return asyncio.run(open_loop(url_host, port, path, cookie, rate, seconds))
