"""Every figure of issue 26 (matching across English and Vietnamese) in one run, each beside its baseline.

Usage: python -m bench.bench_issue26 [--dir DIR]   (about 3 minutes on a quiet 2-core machine)

Runs, one after the other, as their own processes:
- bench_crosslang: the 154 own EN↔VI pairs, MRR through the command line's defaults beside plain TF-IDF
  (goal ≥ 0.80);
- bench_matchcore --quality: the same-language bilingual labelled set (MRR ≥ 0.97), expertise_bench
  recall@10 (≥ 0.78) and the reviewer gold standard's weighted ordering (loss = 1 − ordering ≤ 0.28),
  beside plain TF-IDF;
- bench_cli at 20k (the naive scikit-learn pipeline and tfidf+topn beside the command line: ≥ 5× the
  naive) and the command line alone at 100k × 100k (under 60 s and 4 GiB; tfidf+topn at 100k takes
  about five minutes, run `bench_cli --sizes 100000` for it);
- bench_one_new at 100k fitted targets (one new profile under 50 ms).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.bench_cli import ROW, run, write_corpus

ROOT = Path(__file__).resolve().parent.parent
LARGE = 100_000


def section(title: str, *module_and_flags: str) -> None:
    """Print `title`, then run `python -m <module> <flags>` with its output going straight through."""
    print(f"\n== {title}", flush=True)
    subprocess.run([sys.executable, "-m", *module_and_flags], cwd=ROOT, check=True)


def main() -> None:
    """Run every part in turn."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--dir", help="folder for the 20k and 100k corpus files (default: a temporary one)")
    args = parser.parse_args()
    section("Cross-language pairs, MRR (goal ≥ 0.80 at the CLI defaults)", "bench.bench_crosslang")
    section(
        "Labelled set (MRR ≥ 0.97), expertise recall@10 (≥ 0.78), ordering(w) (loss ≤ 0.28)",
        "bench.bench_matchcore",
        "--quality",
    )
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(args.dir or scratch)
        folder.mkdir(parents=True, exist_ok=True)
        size_args = ["--sizes", "20000", "--runs", "1", "--dir", str(folder)]
        section("20k × 20k beside the naive pipeline (goal ≥ 5×)", "bench.bench_cli", *size_args)
        print(f"\n== {LARGE:,} × {LARGE:,}, the command line at its defaults (goal < 60 s, < 4 GiB)")
        wall, peak, load = run("cli", *write_corpus(folder, LARGE))
        print(ROW.format("n × n", "method", "run", "wall s", "peak MiB", "vs naive", "load1"))
        print(ROW.format(LARGE, "cli", 1, f"{wall:.1f}", f"{peak:.0f}", "-", f"{load:.2f}"), flush=True)
    section(
        "One new profile against 100k fitted targets (goal < 50 ms)",
        "bench.bench_one_new",
        "--sizes",
        "100000",
    )


if __name__ == "__main__":
    main()
