"""One new profile against n fitted targets at the defaults: the latency of an edit's suggestions.

Usage: python -m bench.bench_one_new [--sizes 100000] [--profiles 40]
Fits `MatchParams()` (the platform's and the command line's defaults) on n synthetic profiles
(bench_matchcore.synthetic, seed 1), then ranks unseen profiles (seed 2) one at a time with
`Matcher.rank_one` (top 10, with reasons) and prints the median, 90th percentile and maximum.
The first profile is ranked once before timing (lazy caches: glossary, background).
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from bench.bench_matchcore import peak_mib, synthetic, time_one
from incubator.matchcore import Matcher, MatchParams


def one_new(n: int, profiles: int) -> str:
    """Return one line: fit time, peak memory and the per-profile latency against n targets."""
    targets, sources = synthetic(n, 1), synthetic(profiles, 2)
    start = time.perf_counter()
    matcher = Matcher(MatchParams()).fit(targets)
    fitted = time.perf_counter() - start
    time_one(matcher, sources[0])
    times = [time_one(matcher, document) for document in sources]
    return (
        f"{n} targets: fit {fitted:.1f} s, peak {peak_mib():.0f} MiB; one new profile (top 10, reasons), "
        f"{profiles} profiles: median {np.median(times):.1f} ms, p90 {np.percentile(times, 90):.1f} ms, "
        f"max {max(times):.1f} ms"
    )


def main() -> None:
    """Parse flags and print one line per size."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100000", help="comma-separated numbers of fitted targets")
    parser.add_argument("--profiles", type=int, default=40, help="new profiles timed per size")
    args = parser.parse_args()
    for n in map(int, args.sizes.split(",")):
        print(one_new(n, args.profiles), flush=True)


if __name__ == "__main__":
    main()
